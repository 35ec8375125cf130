"""``streams produce``: poll live-blog pages and publish snapshot envelopes.

    config.py     URL list file + per-page options
    guard.py      SSRF guard: address policy, guarded resolver and socket factory
    redact.py     credential scrubbing for every log line and error message
    robots.py     robots.txt, cached per origin
    fetch.py      one conditional GET with caps, redirects and retries
    schedule.py   interval + jitter polling, per-host concurrency
    publish.py    sinks: Kafka (idempotent / transactional) or stdout JSON lines
    cli.py        the subcommand

Only ``cli.py`` is imported by ``streams.cli``; aiohttp and aiokafka are
imported by the modules that need them, never by the pure core.
"""

from __future__ import annotations

__all__: list[str] = []
