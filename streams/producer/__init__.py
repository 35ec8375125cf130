"""``streams produce``: poll live-blog pages and publish snapshot envelopes.

    config.py     URL list file + per-page options
    guard.py      SSRF guard: address policy, guarded resolver and socket factory
    client.py     one guarded aiohttp request: size/time caps, errors mapped to ours
    fetch.py      a page: conditional GET, redirects by hand, retries, observer seam
    robots.py     robots.txt, cached per origin
    charset.py    bytes -> text by BOM / header / <meta> / UTF-8
    redact.py     credential scrubbing for every log line and error message
    schedule.py   interval + jitter polling, per-host concurrency
    publish.py    sinks: Kafka (idempotent / transactional) or stdout; --file replay
    service.py    wiring settings -> client -> fetcher -> poller
    errors.py     why a fetch produced nothing
    cli.py        the subcommand

Only ``cli.py`` is imported by ``streams.cli``; aiohttp and aiokafka are
imported by the modules that need them, never by the pure core.
"""

from __future__ import annotations

__all__: list[str] = []
