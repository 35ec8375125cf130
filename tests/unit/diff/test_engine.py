"""The diff core on parsed pages: each rule of issue #2, one case at a time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from streams.diff import diff_page, gate_snapshot
from streams.errors import EmptySnapshot, SnapshotTooLarge
from streams.models import Entry, PageState, ParsedPage, Snapshot
from streams.pipeline import Outcome
from streams.settings import Limits

URL = "https://news.example/live/storm"
T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def snap(minute: int, body: str = "<html/>") -> Snapshot:
    return Snapshot(
        url=URL, fetched_at=T0 + timedelta(minutes=minute), content_type="text/html", body=body
    )


def entry(n: int, title: str | None = None, body: str | None = None) -> Entry:
    return Entry(
        entry_id=f"{URL}#e{n}",
        permalink=f"{URL}#e{n}",
        title=title if title is not None else f"Update {n}",
        body=body if body is not None else f"Paragraph one of update {n}.\n\nSecond part {n}.",
        published_at=T0 + timedelta(minutes=n),
    )


def page(*entries: Entry) -> ParsedPage:
    return ParsedPage(url=URL, parser="test", entries=entries)


def run(state: PageState | None, minute: int, *entries: Entry) -> Outcome:
    snapshot = snap(minute, body=repr([(e.entry_id, e.title, e.body) for e in entries]))
    gate = gate_snapshot(state, snapshot, limits=Limits())
    if gate.status is not None:
        return Outcome(gate.status, gate.state, ())
    new_state, events = diff_page(gate.state, page(*entries), snapshot, body_hash=gate.body_hash)
    return Outcome("changed" if events else "unchanged", new_state, events)


def kinds(outcome: Outcome) -> list[tuple[str, str]]:
    return [(e.type, e.entry_id.rsplit("#", 1)[1]) for e in outcome.events]


def test_first_snapshot_emits_every_entry_as_new_oldest_first() -> None:
    out = run(None, 0, entry(3), entry(2), entry(1))
    assert kinds(out) == [("entry.new", "e1"), ("entry.new", "e2"), ("entry.new", "e3")]
    assert all(e.revision == 1 and e.changes is None for e in out.events)
    assert out.state.order == (f"{URL}#e3", f"{URL}#e2", f"{URL}#e1")


def test_whitespace_and_unicode_noise_is_not_an_edit() -> None:
    first = run(None, 0, entry(1, body="Caf\u00e9 opens.\n\nMore."))
    noisy = entry(1, title="  Update\u00a01 ", body="  Cafe\u0301   opens.\n\n\n\nMore.  ")
    assert run(first.state, 1, noisy).events == ()


def test_body_edit_reports_fields_and_a_paragraph_diff() -> None:
    first = run(None, 0, entry(1))
    edited = entry(1, body="Paragraph one of update 1.\n\nSecond part, corrected.")
    out = run(first.state, 1, edited)
    (event,) = out.events
    assert event.type == "entry.edited"
    assert event.revision == 2
    assert event.changes is not None
    assert event.changes.fields == ("body",)
    assert event.changes.previous_revision == 1
    assert event.changes.previous_title is None
    assert event.changes.body_diff is not None
    assert "-Second part 1." in event.changes.body_diff
    assert "+Second part, corrected." in event.changes.body_diff


def test_title_edit_keeps_previous_title() -> None:
    first = run(None, 0, entry(1))
    out = run(first.state, 1, entry(1, title="Update 1 (corrected)"))
    (event,) = out.events
    assert event.changes is not None
    assert event.changes.fields == ("title",)
    assert event.changes.previous_title == "Update 1"
    assert event.changes.body_diff is None


def test_entry_missing_inside_span_is_removed_with_last_known_content() -> None:
    first = run(None, 0, entry(4), entry(3), entry(2), entry(1))
    out = run(first.state, 1, entry(4), entry(2), entry(1))
    assert kinds(out) == [("entry.removed", "e3")]
    (event,) = out.events
    assert event.title == "Update 3"
    assert event.revision == 1


def test_oldest_entries_rolling_off_the_page_are_not_removed() -> None:
    first = run(None, 0, entry(3), entry(2), entry(1))
    out = run(first.state, 1, entry(5), entry(4), entry(3))
    assert kinds(out) == [("entry.new", "e4"), ("entry.new", "e5")]
    assert out.state.entries[f"{URL}#e1"].status == "rolled_off"


def test_rolled_off_entry_coming_back_unchanged_is_silent() -> None:
    first = run(None, 0, entry(3), entry(2), entry(1))
    shrunk = run(first.state, 1, entry(3), entry(2))
    back = run(shrunk.state, 2, entry(3), entry(2), entry(1))
    assert back.events == ()
    assert back.state.entries[f"{URL}#e1"].status == "active"


def test_removed_entry_that_returns_is_new_again_with_next_revision() -> None:
    s1 = run(None, 0, entry(3), entry(2), entry(1)).state
    s2 = run(s1, 1, entry(3), entry(1)).state
    out = run(s2, 2, entry(3), entry(2), entry(1))
    (event,) = out.events
    assert (event.type, event.revision) == ("entry.new", 2)


def test_reordering_alone_emits_nothing() -> None:
    first = run(None, 0, entry(3), entry(2), entry(1))
    assert run(first.state, 1, entry(1), entry(3), entry(2)).events == ()


def test_reordered_page_still_detects_removal_inside_span() -> None:
    first = run(None, 0, entry(4), entry(3), entry(2), entry(1))
    out = run(first.state, 1, entry(1), entry(4), entry(2))
    assert kinds(out) == [("entry.removed", "e3")]


def test_oldest_first_pages_are_recognised_by_their_times() -> None:
    first = run(None, 0, entry(1), entry(2), entry(3))
    assert kinds(first)[0] == ("entry.new", "e1")
    # e1 is now the oldest: it rolls off the top of an oldest-first page.
    out = run(first.state, 1, entry(2), entry(3), entry(4))
    assert kinds(out) == [("entry.new", "e4")]


def test_stale_and_duplicate_snapshots_change_nothing() -> None:
    s1 = run(None, 5, entry(1)).state
    stale = run(s1, 4, entry(2), entry(1))
    dup = run(s1, 5, entry(2), entry(1))
    assert (stale.status, stale.events, stale.state) == ("stale", (), s1)
    assert (dup.status, dup.events, dup.state) == ("duplicate", (), s1)


def test_identical_body_skips_parsing_but_advances_time() -> None:
    body = "<html>same</html>"
    s1 = run(None, 0, entry(1)).state.model_copy()
    gate1 = gate_snapshot(s1, snap(1, body), limits=Limits())
    assert gate1.status is None  # first time this exact body is seen
    s2, _ = diff_page(gate1.state, page(entry(1)), snap(1, body), body_hash=gate1.body_hash)
    gate2 = gate_snapshot(s2, snap(2, body), limits=Limits())
    assert gate2.status == "unchanged"
    assert gate2.state.last_fetched_at == snap(2).fetched_at


def test_empty_page_is_a_bad_snapshot_not_a_mass_removal() -> None:
    state = run(None, 0, entry(2), entry(1)).state
    with pytest.raises(EmptySnapshot):
        diff_page(state, page(), snap(1))


def test_oversized_body_is_rejected_before_anything_else() -> None:
    with pytest.raises(SnapshotTooLarge, match="max_body_bytes"):
        gate_snapshot(None, snap(0, "x" * 101), limits=Limits(max_body_bytes=100))


def test_event_ids_are_deterministic_and_distinct() -> None:
    a = run(None, 0, entry(2), entry(1)).events
    b = run(None, 7, entry(2), entry(1)).events
    assert [e.event_id for e in a] == [e.event_id for e in b]
    assert len({e.event_id for e in a}) == 2


def test_duplicate_ids_on_one_page_keep_the_first() -> None:
    out = run(None, 0, entry(1), entry(1, title="Shadow copy"))
    (event,) = out.events
    assert event.title == "Update 1"


def test_inactive_entries_are_pruned_to_the_retention_limit() -> None:
    state = run(None, 0, *(entry(n) for n in range(10, 0, -1))).state
    snapshot = snap(1, "new")
    new_state, _ = diff_page(state, page(entry(11)), snapshot, limits=Limits(retained_entries=3))
    inactive = [s for s in new_state.entries.values() if s.status != "active"]
    assert len(inactive) == 3


def test_the_new_state_is_a_valid_page_state() -> None:
    """diff_page builds the state without validating it again (speed): it must
    still be exactly what validation would build, through a round trip too."""
    first = run(None, 0, entry(3), entry(2), entry(1))
    second = run(first.state, 1, entry(4), entry(3, body="Edited."), entry(1))
    for state in (first.state, second.state):
        assert PageState.model_validate(state.model_dump()) == state
        assert PageState.model_validate_json(state.model_dump_json()) == state
        assert state.model_fields_set == set(PageState.model_fields)
