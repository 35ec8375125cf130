"""The engine interface and the one function every runner calls.

``enrich_events`` is what ``streams replay`` and the worker's enrich step both
call: pure, no I/O, importable without faust. An engine turns an entry's title
and body into entities and topics; the event gets them plus the engine's
``enrichment_version`` so consumers can tell re-enriched events apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from streams.models import Entity, EntryEvent, Topic

__all__ = ["Engine", "Enrichment", "compose", "enrich_event", "enrich_events"]


@dataclass(frozen=True, slots=True)
class Enrichment:
    """What an engine found in one entry."""

    entities: tuple[Entity, ...] = ()
    topics: tuple[Topic, ...] = ()


@runtime_checkable
class Engine(Protocol):
    """An enrichment engine. ``version`` is recorded as ``enrichment_version``."""

    @property
    def name(self) -> str: ...

    @property
    def version(self) -> str: ...

    def analyze(self, title: str, body: str) -> Enrichment:
        """Entities (offsets into :func:`compose`) and topics of one entry."""
        ...

    def analyze_many(self, items: Sequence[tuple[str, str]]) -> list[Enrichment]:
        """Same as ``analyze`` for each (title, body), batched where the engine can."""
        ...


def compose(title: str, body: str) -> str:
    """The text entity offsets refer to: ``title + "\\n\\n" + body``."""
    return f"{title}\n\n{body}"


def enrich_event(event: EntryEvent, engine: Engine) -> EntryEvent:
    """One event with its entities, topics and ``enrichment_version`` set."""
    return enrich_events((event,), engine)[0]


def enrich_events(events: Sequence[EntryEvent], engine: Engine) -> tuple[EntryEvent, ...]:
    """All events of one snapshot, analysed in one batch (``nlp.pipe`` for spaCy)."""
    if not events:
        return ()
    found = engine.analyze_many([(e.title, e.body) for e in events])
    return tuple(
        event.model_copy(
            update={
                "entities": result.entities,
                "topics": result.topics,
                "enrichment_version": engine.version,
            }
        )
        for event, result in zip(events, found, strict=True)
    )
