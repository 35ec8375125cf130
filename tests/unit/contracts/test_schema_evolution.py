"""CI fails when a change breaks the published schemas of the current version,
and a consumer of the previous (released) version keeps reading new events."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from pydantic import BaseModel, ConfigDict

from streams.codec import encode_event
from streams.models import SCHEMA_VERSION, Entity, EntryEvent, Topic
from streams.schema_compat import incompatibilities
from streams.schemas import PUBLISHED, render_schemas

RELEASED = Path(__file__).parents[3] / "schemas" / "released"


def released(version: int, name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = orjson.loads((RELEASED / f"v{version}" / name).read_bytes())
    return loaded


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_current_schema_is_compatible_with_the_released_one(name: str) -> None:
    current = orjson.loads(render_schemas()[name])
    problems = incompatibilities(released(SCHEMA_VERSION, name), current)
    assert problems == [], (
        f"{name} breaks schema_version {SCHEMA_VERSION} consumers: {problems}. "
        "Add optional fields only, or bump SCHEMA_VERSION and release a new baseline."
    )


def mutate(schema: dict[str, Any], path: list[str], value: Any) -> dict[str, Any]:
    out = copy.deepcopy(schema)
    node = out
    for key in path[:-1]:
        node = node[key]
    if value is None:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return out


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (["properties", "title"], None, "title: field removed"),
        (["properties", "revision", "type"], "string", "revision: type"),
        (["properties", "type", "enum"], ["entry.new", "entry.edited"], "type: allowed values"),
        (["required"], ["type"], "was required, now optional"),
    ],
)
def test_the_checker_catches_breaking_changes(path: list[str], value: Any, expected: str) -> None:
    schema = released(SCHEMA_VERSION, "entry-event.schema.json")
    problems = incompatibilities(schema, mutate(schema, path, value))
    assert any(expected in p for p in problems), problems


def test_adding_an_optional_field_is_compatible_but_a_required_one_is_not() -> None:
    schema = released(SCHEMA_VERSION, "entry-event.schema.json")
    extra = mutate(schema, ["properties", "language"], {"type": "string"})
    assert incompatibilities(schema, extra) == []
    required = mutate(extra, ["required"], [*schema["required"], "language"])
    assert incompatibilities(schema, required) == ["language: new required field"]


class V1Consumer(BaseModel):
    """What a downstream team wrote against schema_version 1: a subset, extras ignored."""

    model_config = ConfigDict(extra="ignore")

    schema_version: int
    type: str
    event_id: str
    entry_id: str
    title: str
    body: str
    fetched_at: datetime


def test_a_v1_consumer_reads_current_events() -> None:
    event = EntryEvent(
        type="entry.new",
        event_id="e",
        page_url="https://p.example/l",
        entry_id="x",
        revision=1,
        title="T",
        body="B",
        fetched_at=datetime(2026, 1, 1, tzinfo=UTC),
        content_hash="h",
        parser="jsonld",
        entities=(Entity(text="Paris", label="LOC", start=0, end=5, id="geonames:2988507"),),
        topics=(Topic(id="medtop:11000000", label="politics", score=0.9),),
        enrichment_version="test",
    )
    consumed = V1Consumer.model_validate_json(encode_event(event))
    assert (consumed.schema_version, consumed.title) == (1, "T")
