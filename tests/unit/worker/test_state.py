"""PageStore: the Table only ever holds committed state."""

from __future__ import annotations

from datetime import UTC, datetime

from streams.codec import decode_state, encode_state
from streams.models import PageState
from streams.worker.state import PageStore
from tests.unit.worker.conftest import FakeTable

A, B = "https://a.example/live", "https://b.example/live"


def state(url: str, n: int) -> PageState:
    return PageState(
        page_url=url, last_fetched_at=datetime(2026, 1, 1, n, tzinfo=UTC), snapshots_processed=n
    )


def test_staged_state_is_visible_at_once_but_stored_only_on_commit() -> None:
    table = FakeTable()
    store = PageStore(table, "app-page-state-changelog")
    store.stage(state(A, 1), partition=3)
    assert store.get(A) == state(A, 1)
    assert table.data == {}
    store.commit([3])  # not sealed: not part of the committed transaction
    assert table.data == {}
    records = store.seal([3])
    [record] = records[3]
    assert (record.topic, record.key, record.partition) == (
        "app-page-state-changelog",
        A.encode(),
        3,
    )
    assert decode_state(record.value) == state(A, 1)
    assert record.value == encode_state(state(A, 1))
    assert table.data == {}
    store.commit([3])
    assert table.data == {A.encode(): record.value}
    assert store.get(A) == state(A, 1)
    assert len(store) == 1


def test_discarded_partitions_fall_back_to_the_committed_state() -> None:
    table = FakeTable({A.encode(): encode_state(state(A, 1))})
    store = PageStore(table, "c")
    store.stage(state(A, 2), partition=0)
    store.stage(state(B, 1), partition=1)
    store.seal([0])
    store.discard([0])
    assert store.get(A) == state(A, 1)
    assert store.get(B) == state(B, 1)
    store.seal([0, 1])
    store.commit([0, 1])  # 0 has nothing pending any more
    assert set(table.data) == {A.encode(), B.encode()}
    assert decode_state(table.data[A.encode()]) == state(A, 1)


def test_a_recovered_value_replaces_the_decoded_cache() -> None:
    table = FakeTable({A.encode(): encode_state(state(A, 1))})
    store = PageStore(table, "c")
    assert store.get(A) == state(A, 1)
    table.data[A.encode()] = encode_state(state(A, 5))  # what faust's recovery does
    assert store.get(A) == state(A, 5)
    assert store.get(B) is None


def test_states_staged_during_a_commit_wait_for_the_next_one() -> None:
    table = FakeTable()
    store = PageStore(table, "c")
    store.stage(state(A, 1), partition=0)
    store.seal([0])  # the commit starts
    store.stage(state(A, 2), partition=0)  # a snapshot processed while it runs
    assert store.get(A) == state(A, 2), "the newest state wins"
    store.commit([0])
    assert decode_state(table.data[A.encode()]) == state(A, 1)
    assert store.get(A) == state(A, 2)
    store.discard([0])  # the next transaction is aborted
    assert store.get(A) == state(A, 1)


def test_a_page_staged_twice_is_sealed_once_with_its_newest_state() -> None:
    table = FakeTable()
    store = PageStore(table, "c")
    store.stage(state(A, 1), partition=0)
    store.stage(state(B, 1), partition=1)
    store.stage(state(A, 2), partition=0)
    records = store.seal([0, 1, 2])
    assert {p: [decode_state(r.value) for r in rs] for p, rs in records.items()} == {
        0: [state(A, 2)],
        1: [state(B, 1)],
    }
    assert store.seal([0, 1]) == {}, "nothing new is pending"
