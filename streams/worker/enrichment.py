"""The seam between the worker and the enrichment engines (issue 3).

``streams replay`` and the worker must enrich with the same function, so both
ask for it by engine name. ``none`` (the default) means no enrichment; any
other name is looked up as ``streams.enrich.build_enricher(engine)``, which the
enrichment package provides. An unknown engine is a configuration error at
start-up, never a surprise in the middle of a stream.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from streams.errors import ConfigError
from streams.models import EntryEvent

__all__ = ["Enricher", "load_enricher"]

Enricher = Callable[[tuple[EntryEvent, ...]], tuple[EntryEvent, ...]]


def load_enricher(engine: str) -> Enricher | None:
    """The enrichment function for ``engine``, or ``None`` for ``none``."""
    if engine in ("", "none"):
        return None
    try:
        module = importlib.import_module("streams.enrich")
    except ImportError as exc:
        raise ConfigError(f"enrichment engine {engine!r}: streams.enrich unavailable") from exc
    build = getattr(module, "build_enricher", None)
    if build is None:
        raise ConfigError(f"enrichment engine {engine!r}: streams.enrich has no build_enricher")
    try:
        enricher: Enricher = build(engine)
    except (KeyError, ValueError, LookupError) as exc:
        raise ConfigError(f"enrichment engine {engine!r}: {exc}") from exc
    return enricher
