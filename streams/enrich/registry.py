"""Engine selection by name, as settings and ``--engine`` give it."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from streams.enrich.base import Engine, enrich_events
from streams.errors import ConfigError
from streams.models import EntryEvent

__all__ = ["ENGINE_NAMES", "Enricher", "build_enricher", "get_engine"]

ENGINE_NAMES = ("statistical", "fast")
Enricher = Callable[[tuple[EntryEvent, ...]], tuple[EntryEvent, ...]]


@cache
def get_engine(name: str) -> Engine:
    """The engine called ``name``, built once per process (models and tables load once)."""
    if name == "fast":
        from streams.enrich.fast import FastEngine

        return FastEngine()
    if name == "statistical":
        from streams.enrich.statistical import StatisticalEngine

        return StatisticalEngine()
    raise ConfigError(
        f"unknown enrichment engine {name!r}: choose one of {', '.join(ENGINE_NAMES)} or none"
    )


def build_enricher(name: str) -> Enricher:
    """``events -> enriched events`` for ``name``; loads the engine now, not mid-stream."""
    engine = get_engine(name)

    def enrich(events: tuple[EntryEvent, ...]) -> tuple[EntryEvent, ...]:
        return enrich_events(events, engine)

    return enrich
