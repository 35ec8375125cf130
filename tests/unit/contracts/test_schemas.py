"""Published JSON Schemas must match the models, and the models their schemas."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from streams.codec import decode_event, decode_snapshot, encode_event, encode_snapshot
from streams.errors import DecodeError, SnapshotTooLarge
from streams.models import EditChange, EntryEvent, Snapshot
from streams.schemas import PUBLISHED, render_schemas

SCHEMAS = Path(__file__).parents[3] / "schemas"


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_checked_in_schema_matches_model(name: str) -> None:
    on_disk = (SCHEMAS / name).read_bytes()
    assert on_disk == render_schemas()[name], f"schemas/{name} drifted: run `streams schemas`"


def test_event_round_trips_through_the_codec() -> None:
    event = EntryEvent(
        type="entry.edited",
        event_id="abc",
        page_url="https://x.example/live",
        entry_id="https://x.example/live#1",
        revision=2,
        title="T",
        body="B",
        fetched_at=datetime(2026, 1, 1, 12, tzinfo=UTC),
        content_hash="0" * 64,
        parser="jsonld",
        changes=EditChange(fields=("body",), previous_revision=1, previous_content_hash="1" * 64),
    )
    raw = encode_event(event)
    assert b'"fetched_at":"2026-01-01T12:00:00Z"' in raw
    assert decode_event(raw) == event


def test_snapshot_envelope_round_trip_and_required_fields() -> None:
    snap = Snapshot(
        url="https://x.example/live",
        fetched_at=datetime(2026, 1, 1, tzinfo=UTC),
        content_type="text/html",
        body="<html/>",
    )
    assert decode_snapshot(encode_snapshot(snap)) == snap
    schema = orjson.loads((SCHEMAS / "snapshot.schema.json").read_bytes())
    assert set(schema["required"]) == {"url", "fetched_at", "content_type", "body"}


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (b"\xff\xfe{", "not valid UTF-8"),
        (b"{not json", "not valid JSON"),
        (b"[1, 2]", "must be a JSON object"),
        (b'{"url": "u", "content_type": "text/html", "body": ""}', "fetched_at"),
        (
            b'{"url": "u", "fetched_at": "2026-01-01T00:00:00", "content_type": "t", "body": ""}',
            "timezone",
        ),
    ],
)
def test_bad_envelopes_say_why(raw: bytes, fragment: str) -> None:
    with pytest.raises(DecodeError) as info:
        decode_snapshot(raw)
    assert info.value.reason == "decode_error"
    assert fragment in str(info.value)


def test_oversized_envelope_is_refused_before_parsing() -> None:
    with pytest.raises(SnapshotTooLarge):
        decode_snapshot(b"{" + b" " * 100 + b"}", max_bytes=50)
