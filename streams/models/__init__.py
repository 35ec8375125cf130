"""Contracts: the frozen pydantic models that cross module and process boundaries.

``snapshot`` is what the producer publishes, ``page`` is what a parser returns,
``events`` is what consumers receive and ``state`` is what the diff keeps per page.
JSON Schemas for the first and third are generated into ``schemas/``.
"""

from __future__ import annotations

from streams.models.events import (
    SCHEMA_VERSION,
    EditChange,
    Entity,
    EntryEvent,
    EventType,
    Topic,
)
from streams.models.page import Entry, ParsedPage
from streams.models.snapshot import Snapshot
from streams.models.state import EntryState, EntryStatus, PageState

__all__ = [
    "SCHEMA_VERSION",
    "EditChange",
    "Entity",
    "Entry",
    "EntryEvent",
    "EntryState",
    "EntryStatus",
    "EventType",
    "PageState",
    "ParsedPage",
    "Snapshot",
    "Topic",
]
