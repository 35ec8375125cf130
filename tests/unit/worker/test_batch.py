"""Batches: handle_many gives what one-by-one handling gives, with one enrichment call."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson

from streams.models import EntryEvent, PageState
from streams.settings import Limits
from streams.worker.agents import DiffWorker
from streams.worker.handler import SnapshotHandler
from streams.worker.records import Source
from streams.worker.state import PageStore
from tests.unit.worker.conftest import (
    SETTINGS,
    TP,
    URL,
    FakeEvent,
    FakeMessage,
    FakeOutput,
    FakeTable,
    entry,
    envelope,
)

OTHER = "https://news.example/live/harbour"


def tagging(calls: list[int], fail_on: str | None = None) -> Callable[..., Any]:
    """An enricher that records each call's size and marks events it saw."""

    def enrich(events: tuple[EntryEvent, ...]) -> tuple[EntryEvent, ...]:
        calls.append(len(events))
        if fail_on is not None and any(e.entry_id.endswith(fail_on) for e in events):
            raise ValueError("the engine choked")
        return tuple(e.model_copy(update={"enrichment_version": "tag-1"}) for e in events)

    return enrich


def items() -> list[tuple[bytes | None, Source]]:
    """Two pages interleaved, each snapshot adding an entry; garbage in the middle."""
    values = [
        (envelope([entry(1)], 1), URL),
        (envelope([entry(11)], 1, OTHER), OTHER),
        (envelope([entry(2), entry(1)], 2), URL),
        (b"not json", URL),
        (envelope([entry(12), entry(11)], 2, OTHER), OTHER),
        (envelope([entry(3), entry(2)], 3), URL),  # 1 rolls off or is removed
    ]
    return [(v, Source("s", 0, n, url.encode())) for n, (v, url) in enumerate(values)]


def one_by_one(handler: SnapshotHandler) -> list[tuple[str, list[bytes], PageState | None]]:
    states: dict[str, PageState] = {}
    out = []
    for raw, source in items():
        r = handler.handle(raw, source, states.get)
        if r.state is not None and r.page_url is not None:
            states[r.page_url] = r.state
        out.append((r.status, [x.value for x in r.records], r.state))
    return out


def test_a_batch_gives_what_one_by_one_gives_with_one_engine_call() -> None:
    single: list[int] = []
    expected = one_by_one(SnapshotHandler(SETTINGS, Limits(), enrich=tagging(single)))
    calls: list[int] = []
    handler = SnapshotHandler(SETTINGS, Limits(), enrich=tagging(calls))
    got = handler.handle_many(items(), lambda _: None)
    assert [(r.status, [x.value for x in r.records], r.state) for r in got] == expected
    assert calls == [sum(single)], "every event of the batch in one call"
    assert all(
        orjson.loads(v)["enrichment_version"] == "tag-1"
        for status, values, _ in expected
        if status == "changed"
        for v in values
    )


def test_an_engine_failure_dead_letters_only_its_snapshot_and_the_page_goes_on() -> None:
    """The next snapshot of that page is diffed against the state before the failed one,
    so the entry it brought is still published (by the next snapshot)."""
    calls: list[int] = []
    handler = SnapshotHandler(SETTINGS, Limits(), enrich=tagging(calls, fail_on="q002"))
    got = handler.handle_many(items(), lambda _: None)
    assert [r.status for r in got] == [
        "changed",
        "changed",
        "dead_lettered",  # entry 2 made the engine fail
        "dead_lettered",  # the garbage
        "changed",
        "dead_lettered",  # entry 2 is new again here, and fails again
    ]
    assert got[2].reason == "internal_error"
    assert [x.topic for x in got[2].records] == [SETTINGS.dlq_topic]


async def test_a_batch_that_spans_a_rebalance_is_diffed_per_generation() -> None:
    """Generation 1's snapshot is skipped (revoked); generation 2 re-reads the same one,
    which must still yield its event (not be diffed against generation 1's state)."""
    output = FakeOutput()
    generation = [1]
    worker = DiffWorker(
        SnapshotHandler(SETTINGS, Limits()),
        PageStore(FakeTable(), "chg"),
        output,  # type: ignore[arg-type]
        generation=lambda: generation[0],
    )
    tp = TP("pages.snapshots", 0)
    value = envelope([entry(1)], 1)
    stale = FakeEvent(FakeMessage(tp, 0, URL.encode(), generation_id=1), value)
    await worker.revoked({tp})  # generation 1 revoked after the fetch
    generation[0] = 2
    again = FakeEvent(FakeMessage(tp, 0, URL.encode(), generation_id=2), value)
    await worker.process_many([stale, again])
    await worker.commit()
    assert [r.topic for r, _ in output.sent] == [SETTINGS.new_topic, "chg"]
    assert output.commits == [{tp: 1}]
