"""SnapshotHandler: the worker's pure step, checked against the embedded runner."""

from __future__ import annotations

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.codec import decode_state
from streams.models import PageState
from streams.runner.replay import Replayer
from streams.settings import Limits
from streams.worker import handler as handler_module
from streams.worker.handler import SnapshotHandler
from streams.worker.records import Source
from tests.unit.worker.conftest import SETTINGS, URL, entry, envelope

SRC = Source("pages.snapshots", 2, 41, URL.encode())


def run(handler: SnapshotHandler, values: list[bytes]) -> tuple[list[bytes], PageState | None]:
    state: PageState | None = None
    out: list[bytes] = []
    for value in values:
        result = handler.handle(value, SRC, lambda _url, s=state: s)
        out += [r.value for r in result.records]
        state = result.state or state
    return out, state


def test_events_are_byte_for_byte_what_replay_prints(handler: SnapshotHandler) -> None:
    values = [
        envelope([entry(1)], 1),
        envelope([entry(2), entry(1, "Crews cleared the road. It reopened at noon.")], 2),
        envelope([entry(3), entry(1, "Crews cleared the road. It reopened at noon.")], 3),
    ]
    got, state = run(handler, values)
    replayed = list(Replayer().run_lines(values, lambda r: pytest.fail(str(r))))
    assert got == replayed
    types = sorted(orjson.loads(v)["type"] for v in got)
    assert types == ["entry.edited", "entry.new", "entry.new", "entry.new", "entry.removed"]
    assert state is not None
    assert state.page_url == URL


def test_event_records_are_keyed_by_entry_on_their_topic(handler: SnapshotHandler) -> None:
    result = handler.handle(envelope([entry(1)], 1), SRC, lambda _: None)
    assert result.status == "changed"
    (record,) = result.records
    assert record.topic == SETTINGS.new_topic
    assert record.key == b"https://p.example/p/q001"
    assert dict(record.headers) == {"schema_version": b"1", "event_type": b"entry.new"}
    assert record.partition is None
    assert result.state is not None
    assert result.page_url == URL


def test_stale_and_repeated_snapshots_send_nothing_and_keep_state(
    handler: SnapshotHandler,
) -> None:
    first = handler.handle(envelope([entry(1)], 5), SRC, lambda _: None)
    state = first.state
    again = handler.handle(envelope([entry(1)], 5), SRC, lambda _: state)
    older = handler.handle(envelope([entry(2), entry(1)], 4), SRC, lambda _: state)
    assert (again.records, older.records) == ((), ())
    assert {again.status, older.status} <= {"stale", "duplicate"}
    assert again.state is None
    assert older.state is None


@pytest.mark.parametrize(
    ("value", "reason", "words"),
    [
        (b"{", "decode_error", "not valid JSON"),
        (b"\xff\xfe", "decode_error", "UTF-8"),
        (b'{"url": "x"}', "decode_error", "schema"),
        (None, "decode_error", "JSON"),
        (b'"a string"', "decode_error", "JSON object"),
    ],
)
def test_undecodable_input_is_dead_lettered_with_its_bytes(
    handler: SnapshotHandler, value: bytes | None, reason: str, words: str
) -> None:
    result = handler.handle(value, SRC, lambda _: None)
    assert result.status == "dead_lettered"
    assert result.reason == reason
    (record,) = result.records
    assert record.topic == SETTINGS.dlq_topic
    assert record.value == (value or b"")
    assert record.key == SRC.key
    headers = dict(record.headers)
    assert headers["reason"] == reason.encode()
    assert words in headers["message"].decode()
    assert headers["source_topic"] == b"pages.snapshots"
    assert (headers["source_partition"], headers["source_offset"]) == (b"2", b"41")


def test_oversized_envelope_is_refused_before_parsing() -> None:
    small = SnapshotHandler(SETTINGS, Limits(max_body_bytes=1000))
    value = envelope([entry(1, "word " * 500)], 1)
    result = small.handle(value, SRC, lambda _: None)
    assert result.reason == "too_large"
    assert result.records[0].value == value


def test_a_key_that_is_not_the_url_is_refused(handler: SnapshotHandler) -> None:
    wrong = Source("pages.snapshots", 0, 0, b"https://elsewhere.example/")
    result = handler.handle(envelope([entry(1)], 1), wrong, lambda _: None)
    assert result.reason == "key_mismatch"
    assert handler.handle(envelope([entry(1)], 1), Source("t", 0, 0, None), lambda _: None).reason


def test_a_bug_in_processing_is_dead_lettered_not_raised(
    handler: SnapshotHandler, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object, **__: object) -> None:
        raise IndexError("boom")

    monkeypatch.setattr(handler_module, "process_snapshot", broken)
    result = handler.handle(envelope([entry(1)], 1), SRC, lambda _: None)
    assert result.reason == "internal_error"
    assert "IndexError: boom" in dict(result.records[0].headers)["message"].decode()


def test_enricher_sees_the_events_and_its_output_is_published() -> None:
    seen: list[int] = []

    def enrich(events: tuple[object, ...]) -> tuple[object, ...]:
        seen.append(len(events))
        return tuple(e.model_copy(update={"enrichment_version": "test-1"}) for e in events)  # type: ignore[attr-defined]

    result = SnapshotHandler(SETTINGS, Limits(), enrich=enrich).handle(  # type: ignore[arg-type]
        envelope([entry(2), entry(1)], 1), SRC, lambda _: None
    )
    assert seen == [2]
    assert all(orjson.loads(r.value)["enrichment_version"] == "test-1" for r in result.records)


def test_state_round_trips_through_the_codec(handler: SnapshotHandler) -> None:
    from streams.codec import encode_state

    result = handler.handle(envelope([entry(1)], 1), SRC, lambda _: None)
    assert result.state is not None
    assert decode_state(encode_state(result.state)) == result.state


@settings(max_examples=200, deadline=None)
@given(
    st.binary(max_size=300)
    | st.builds(
        lambda d: orjson.dumps(d),
        st.dictionaries(
            st.sampled_from(["url", "fetched_at", "content_type", "body", "status"]),
            st.none() | st.integers(-(2**40), 2**40) | st.text(max_size=20),
        ),
    )
)
def test_any_bytes_either_process_or_dead_letter_unchanged(value: bytes) -> None:
    result = SnapshotHandler(SETTINGS, Limits()).handle(value, SRC, lambda _: None)
    if result.status == "dead_lettered":
        assert result.records[0].value == value
        assert result.reason
    else:
        assert all(r.topic != SETTINGS.dlq_topic for r in result.records)
