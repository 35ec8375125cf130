"""``streams worker``: the pipeline as a faust-streaming service on Kafka.

    app.py           build the faust app from Settings (topics, table, agent)
    topics.py        the worker's topics (raw bytes in and out)
    handler.py       one snapshot -> records + new state (pure: decode, process, enrich, DLQ)
    agents.py        the diff agent, the commit timer, rebalance and shutdown hooks
    transactions.py  sends and commits inside the source partition's transaction
    state.py         page states in the changelog-backed Table, pending until committed
    dlq.py           dead-letter records (original bytes, reason headers)
    enrichment.py    the seam to the enrichment engines (issue 3)
    observer.py      metric call sites (issue 5 plugs Prometheus in)
    monitoring.py    Prometheus observer, /metrics /livez /readyz, lag and readiness sampler
    cli.py           the ``streams worker`` subcommand

Nothing here is imported by ``streams replay``; faust is imported only by app.py
and cli.py (inside the command).
"""

from __future__ import annotations

__all__: list[str] = []
