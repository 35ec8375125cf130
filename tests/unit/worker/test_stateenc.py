"""StateEncoder gives exactly encode_state's bytes, re-using unchanged entries."""

from __future__ import annotations

from datetime import UTC, datetime

from streams.codec import decode_state, encode_state
from streams.models import EntryState, PageState
from streams.worker.handler import SnapshotHandler
from streams.worker.records import Source
from streams.worker.stateenc import StateEncoder
from tests.unit.worker.conftest import URL, entry, envelope

T = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_empty_and_bare_states_encode_like_the_codec() -> None:
    encoder = StateEncoder()
    for state in (
        PageState(page_url=URL),
        PageState(page_url=URL, last_fetched_at=T, last_body_hash="h", snapshots_processed=4),
    ):
        assert encoder.encode(state) == encode_state(state)


def test_a_sequence_of_diffed_states_encodes_like_the_codec(handler: SnapshotHandler) -> None:
    """New, edited, removed and rolled-off entries, each state after the last."""
    pages = [
        [entry(1)],
        [entry(2), entry(1)],
        [entry(3), entry(2, "Crews cleared the road, police said."), entry(1)],
        [entry(4), entry(3), entry(1)],  # 2 removed
        [entry(5), entry(4)],  # 3 and 1 roll off or go
        [entry(6), entry(5, 'A "quoted" line \u00e9\u2014 and \\ more.'), entry(4)],
    ]
    encoder = StateEncoder()
    states: dict[str, PageState] = {}
    for minute, page in enumerate(pages, start=1):
        result = handler.handle(
            envelope(page, minute), Source("t", 0, minute, URL.encode()), states.get
        )
        assert result.state is not None
        state = states[URL] = result.state
        encoded = encoder.encode(state)
        assert encoded == encode_state(state)
        assert decode_state(encoded) == state


def test_an_entry_replaced_by_an_equal_new_object_is_encoded_again() -> None:
    """Only the very same object is trusted; a changed one is never served stale bytes."""
    first = EntryState(
        entry_id="e1", title="t", body="b", content_hash="h", revision=1, last_seen_at=T
    )
    encoder = StateEncoder()
    before = PageState(page_url=URL, order=("e1",), entries={"e1": first})
    assert encoder.encode(before) == encode_state(before)
    changed = first.model_copy(update={"status": "rolled_off", "revision": 2})
    after = before.model_copy(update={"entries": {"e1": changed}, "order": ()})
    assert encoder.encode(after) == encode_state(after)
    encoder.forget(URL)
    assert encoder.encode(after) == encode_state(after)
