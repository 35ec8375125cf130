"""Property tests of the diff: random page histories against a truth model.

A history is a sequence of page versions (newest first). Each step may roll
the oldest entries off the end, remove entries from inside the span, edit,
reorder and insert. The truth model knows which of these are events; the
diff must report exactly those, whatever the delivery order.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from streams.diff import diff_page, gate_snapshot
from streams.models import Entry, PageState, ParsedPage, Snapshot
from streams.pipeline import Outcome
from streams.settings import Limits

URL = "https://live.example/blog"
T0 = datetime(2026, 1, 1, tzinfo=UTC)
WORDS = st.sampled_from(
    ["storm", "rain", "river", "bridge", "vote", "court", "match", "goal", "price", "rate"]
)
TEXT = st.lists(WORDS, min_size=1, max_size=6).map(" ".join)


@dataclass
class Step:
    entries: list[Entry]
    expected: Counter[tuple[str, str]]


@st.composite
def histories(draw: st.DrawFn) -> list[Step]:
    counter = 0

    def fresh() -> Entry:
        nonlocal counter
        counter += 1
        return Entry(entry_id=f"e{counter}", title=draw(TEXT), body=draw(TEXT))

    page = [fresh() for _ in range(draw(st.integers(1, 6)))]
    steps = [Step(list(page), Counter(("entry.new", e.entry_id) for e in page))]
    removed: set[str] = set()
    for _ in range(draw(st.integers(1, 6))):
        expected: Counter[tuple[str, str]] = Counter()
        keep = draw(st.integers(1, len(page)))  # roll the oldest off the end: no event
        survivors, last = page[: keep - 1], page[keep - 1]
        inside = [e for e in survivors if draw(st.booleans()) or len(page) < 3]
        for gone in (e for e in survivors if e not in inside):
            expected[("entry.removed", gone.entry_id)] += 1
            removed.add(gone.entry_id)
        page = [*inside, last]
        if draw(st.booleans()):
            page = draw(st.permutations(page))
        edited = []
        for e in page:
            if draw(st.integers(0, 3)) == 0:
                new = e.model_copy(update={"body": e.body + " " + draw(TEXT)})
                expected[("entry.edited", e.entry_id)] += 1
                edited.append(new)
            else:
                edited.append(e)
        page = edited
        for _ in range(draw(st.integers(0, 3))):
            e = fresh()
            page.insert(draw(st.integers(0, len(page))), e)
            expected[("entry.new", e.entry_id)] += 1
        steps.append(Step(list(page), expected))
    return steps


def snapshot_of(index: int, entries: list[Entry]) -> tuple[Snapshot, ParsedPage]:
    body = "|".join(f"{e.entry_id}:{e.title}:{e.body}" for e in entries)
    snap = Snapshot(
        url=URL, fetched_at=T0 + timedelta(seconds=index), content_type="text/html", body=body
    )
    return snap, ParsedPage(url=URL, parser="test", entries=tuple(entries))


def process(state: PageState | None, snap: Snapshot, page: ParsedPage) -> Outcome:
    gate = gate_snapshot(state, snap, limits=Limits())
    if gate.status is not None:
        return Outcome(gate.status, gate.state, ())
    new_state, events = diff_page(gate.state, page, snap, body_hash=gate.body_hash)
    return Outcome("changed", new_state, events)


def replay(deliveries: list[tuple[Snapshot, ParsedPage]]) -> list[list[tuple[str, str]]]:
    state: PageState | None = None
    out = []
    for snap, page in deliveries:
        outcome = process(state, snap, page)
        state = outcome.state
        out.append([(e.type, e.entry_id) for e in outcome.events])
    return out


@settings(max_examples=150)
@given(histories())
def test_each_step_emits_exactly_the_true_events(history: list[Step]) -> None:
    deliveries = [snapshot_of(i, step.entries) for i, step in enumerate(history)]
    for step, got in zip(history, replay(deliveries), strict=True):
        assert Counter(got) == step.expected


@settings(max_examples=100)
@given(histories(), st.data())
def test_shuffled_delivery_equals_in_order_run_of_the_newest_so_far(
    history: list[Step], data: st.DataObject
) -> None:
    deliveries = [snapshot_of(i, step.entries) for i, step in enumerate(history)]
    shuffled = data.draw(st.permutations(deliveries))
    records, newest = [], None
    for snap, page in shuffled:
        if newest is None or snap.fetched_at > newest:
            records.append((snap, page))
            newest = snap.fetched_at
    got = [e for batch in replay(shuffled) for e in batch]
    want = [e for batch in replay(records) for e in batch]
    assert got == want


@settings(max_examples=100)
@given(histories())
def test_repeated_delivery_is_idempotent(history: list[Step]) -> None:
    deliveries = [snapshot_of(i, step.entries) for i, step in enumerate(history)]
    doubled = [d for d in deliveries for _ in range(2)]
    once = replay(deliveries)
    twice = replay(doubled)
    assert twice[0::2] == once
    assert all(batch == [] for batch in twice[1::2])
