"""Call sites for metrics: the worker reports what happened, an observer counts it.

The worker never imports Prometheus. ``streams/metrics.py`` (issue 5) subclasses
:class:`WorkerObserver` and is passed to :func:`streams.worker.app.build_app`;
the base class does nothing, so tests and metric-less runs pay nothing.
Label values handed over here are bounded: statuses, rejection reasons and
event types, never URLs.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from streams.models import EntryEvent

__all__ = ["WorkerObserver"]


class WorkerObserver:
    """No-op hooks, one per thing an operator may want to count or time."""

    def snapshot_processed(self, status: str, seconds: float) -> None:
        """A snapshot went through parse + diff: ``changed``, ``unchanged``, ``stale``,
        ``duplicate``; ``seconds`` is the time spent in :func:`process_snapshot`."""

    def stages_timed(self, parse_seconds: float, diff_seconds: float) -> None:
        """A changed or unchanged snapshot was parsed and diffed, taking this long each."""

    def snapshot_rejected(self, reason: str) -> None:
        """A snapshot was dead-lettered; ``reason`` is a RejectedSnapshot reason."""

    def enriched(self, events: Sequence[EntryEvent], seconds: float) -> None:
        """The enrichment step ran over ``events`` (only when an engine is configured)."""

    def events_sent(self, events: Sequence[EntryEvent]) -> None:
        """Events handed to the producer (not yet committed)."""

    def committed(self, fetched_at: Sequence[datetime], committed_at: datetime) -> None:
        """A commit made events visible; one ``fetched_at`` per event in it.

        ``committed_at - fetched_at`` is the end-to-end latency consumers see.
        """

    def pages_tracked(self, count: int) -> None:
        """Pages with state on this worker (its partitions), after each commit."""

    def partitions_assigned(self, count: int) -> None:
        """A rebalance finished; this worker now owns ``count`` snapshot partitions."""
