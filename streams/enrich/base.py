"""The engine interface and the one function every runner calls to enrich events.

``streams replay`` and the worker's enrich agent both call :func:`enrich_events`
with an :class:`Engine`, so an event is enriched the same way wherever it runs.
Pure: no Kafka, faust or HTTP imports.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from streams.models import Entity, EntryEvent, Topic

__all__ = ["Engine", "Enrichment", "enrich_event", "enrich_events", "entry_text"]


@dataclass(frozen=True, slots=True)
class Enrichment:
    """What an engine found in one entry."""

    entities: tuple[Entity, ...] = ()
    topics: tuple[Topic, ...] = ()


@runtime_checkable
class Engine(Protocol):
    """An enrichment engine; ``version`` goes into every event it enriches."""

    @property
    def name(self) -> str: ...

    @property
    def version(self) -> str: ...

    def analyze(self, title: str, body: str) -> Enrichment: ...

    def analyze_many(self, items: Iterable[tuple[str, str]]) -> list[Enrichment]: ...


def entry_text(title: str, body: str) -> str:
    """The text entity offsets refer to (the contract in ``Entity``)."""
    return title + "\n\n" + body


def enrich_events(events: Sequence[EntryEvent], engine: Engine) -> tuple[EntryEvent, ...]:
    """Copies of ``events`` with entities, topics and ``enrichment_version`` set.

    One batch call per snapshot so a model engine can use ``nlp.pipe``. Removed
    events carry the entry's last content and are enriched like the others, so
    a consumer routing on topics sees the removal too.
    """
    if not events:
        return ()
    results = engine.analyze_many((e.title, e.body) for e in events)
    return tuple(
        event.model_copy(
            update={
                "entities": result.entities,
                "topics": result.topics,
                "enrichment_version": engine.version,
            }
        )
        for event, result in zip(events, results, strict=True)
    )


def enrich_event(event: EntryEvent, engine: Engine) -> EntryEvent:
    """One event enriched (the batch form is cheaper for many)."""
    return enrich_events((event,), engine)[0]
