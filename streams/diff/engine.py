"""The entry diff: (page state, parsed page) -> (new state, entry events).

Removal is the subtle part. Live blogs paginate: page one shows the newest N
entries, so the oldest ones roll off the end as new ones arrive. An entry that
disappears is therefore reported as removed only when it lay *inside the span
the page still shows*: some entry that was older than it (further down the
page's previous order, newest first) is still on the page. Entries past the
oldest surviving one rolled off; they are remembered (so they are not "new" if
page size grows back) but produce no event.
"""

from __future__ import annotations

import difflib
import hashlib
import operator
from collections.abc import Sequence

from streams.diff.normalize import content_hash, normalize_body, normalize_line
from streams.errors import EmptySnapshot
from streams.models import (
    EditChange,
    Entry,
    EntryEvent,
    EntryState,
    EventType,
    PageState,
    ParsedPage,
    Snapshot,
)
from streams.settings import Limits

__all__ = ["diff_page", "event_id", "newest_first"]

_ENTRY_ID = operator.attrgetter("entry_id")
_PUBLISHED_AT = operator.attrgetter("published_at")


def event_id(page_url: str, entry_id: str, kind: EventType, revision: int, digest: str) -> str:
    """Deterministic id: replaying the same input yields the same ids."""
    key = "\x1f".join((page_url, entry_id, kind, str(revision), digest))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def newest_first(entries: Sequence[Entry]) -> list[Entry]:
    """Entries newest first, de-duplicated by id (first occurrence wins).

    Pages are assumed newest-first (the live-blog norm) unless their
    publication times clearly ascend down the page. (C-level passes only:
    this runs on every entry of every changed page.)
    """
    ids = list(map(_ENTRY_ID, entries))
    if len(set(ids)) == len(ids):
        unique = list(entries)
    else:
        first: dict[str, Entry] = {}
        for entry in entries:
            first.setdefault(entry.entry_id, entry)
        unique = list(first.values())
    times = list(filter(None, map(_PUBLISHED_AT, unique)))  # datetimes are truthy
    later = times[1:]
    ascending = sum(map(operator.lt, times, later))
    if not ascending:
        return unique  # the usual newest-first page: no need to count the other way
    descending = sum(map(operator.gt, times, later))
    return unique[::-1] if ascending > descending else unique


def _normalized(entry: Entry) -> tuple[str, str]:
    return normalize_line(entry.title), normalize_body(entry.body)


def _body_diff(old: str, new: str, old_rev: int) -> str:
    lines = difflib.unified_diff(
        old.split("\n\n"),
        new.split("\n\n"),
        fromfile=f"revision {old_rev}",
        tofile=f"revision {old_rev + 1}",
        lineterm="",
        n=1,
    )
    return "\n".join(lines)


class _Differ:
    """Accumulates the new state and the events of one snapshot."""

    def __init__(self, state: PageState, page: ParsedPage, snapshot: Snapshot) -> None:
        self.state = state
        self.page = page
        self.snapshot = snapshot
        self.entries: dict[str, EntryState] = dict(state.entries)
        self.events: list[EntryEvent] = []

    def _emit(self, kind: EventType, st: EntryState, changes: EditChange | None = None) -> None:
        self.events.append(
            EntryEvent(
                type=kind,
                event_id=event_id(
                    self.state.page_url, st.entry_id, kind, st.revision, st.content_hash
                ),
                page_url=self.state.page_url,
                entry_id=st.entry_id,
                permalink=st.permalink,
                revision=st.revision,
                title=st.title,
                body=st.body,
                published_at=st.published_at,
                updated_at=st.updated_at,
                fetched_at=self.snapshot.fetched_at,
                content_hash=st.content_hash,
                parser=self.page.parser,
                snapshot_id=self.snapshot.snapshot_id,
                changes=changes,
            )
        )

    def _reactivate(self, prev: EntryState) -> None:
        if prev.status == "rolled_off":
            self.entries[prev.entry_id] = prev.model_copy(update={"status": "active"})

    def observe(self, entry: Entry) -> None:
        """Compare one entry on the page with what we knew of it."""
        prev = self.entries.get(entry.entry_id)
        live = prev if prev is not None and prev.status != "removed" else None
        # Parsers emit normalised text, so an unchanged entry is caught by two string
        # compares; normalising and hashing is only paid for entries that differ.
        if live is not None and entry.title == live.title and entry.body == live.body:
            self._reactivate(live)
            return
        title, body = _normalized(entry)
        digest = content_hash(title, body)
        if live is not None and digest == live.content_hash:
            self._reactivate(live)
            return
        revision = 1 if prev is None else prev.revision + 1
        st = EntryState(
            entry_id=entry.entry_id,
            permalink=entry.permalink,
            title=title,
            body=body,
            content_hash=digest,
            revision=revision,
            published_at=entry.published_at,
            updated_at=entry.updated_at,
            last_seen_at=self.snapshot.fetched_at,
        )
        self.entries[entry.entry_id] = st
        if prev is None or prev.status == "removed":
            self._emit("entry.new", st)
            return
        fields = tuple(
            name
            for name, old, new in (("title", prev.title, title), ("body", prev.body, body))
            if old != new
        )
        changes = EditChange(
            fields=fields,
            previous_revision=prev.revision,
            previous_content_hash=prev.content_hash,
            previous_title=prev.title if "title" in fields else None,
            body_diff=_body_diff(prev.body, body, prev.revision) if "body" in fields else None,
        )
        self._emit("entry.edited", st, changes)

    def retire(self, present: set[str]) -> None:
        """Mark vanished entries removed (inside the span) or rolled off (past it)."""
        if present.issuperset(self.state.order):
            return  # the common case: nothing the page showed last time is gone
        old_order = [i for i in self.state.order if i in self.entries]
        survivors = [n for n, i in enumerate(old_order) if i in present]
        boundary = survivors[-1] if survivors else -1
        removed: list[EntryState] = []
        for n, entry_id in enumerate(old_order):
            if entry_id in present:
                continue
            prev = self.entries[entry_id]
            if n < boundary:
                st = prev.model_copy(
                    update={"status": "removed", "last_seen_at": self.snapshot.fetched_at}
                )
                removed.append(st)
            else:
                st = prev.model_copy(update={"status": "rolled_off"})
            self.entries[entry_id] = st
        for st in reversed(removed):  # oldest first, like new/edited events
            self._emit("entry.removed", st)

    def prune(self, keep: int) -> None:
        """Forget the longest-gone inactive entries beyond ``keep``: bounded state."""
        if len(self.entries) <= keep:
            return
        inactive = [st for st in self.entries.values() if st.status != "active"]
        if len(inactive) <= keep:
            return
        inactive.sort(key=lambda st: st.last_seen_at)
        for st in inactive[: len(inactive) - keep]:
            del self.entries[st.entry_id]


def diff_page(
    state: PageState,
    page: ParsedPage,
    snapshot: Snapshot,
    *,
    body_hash: str | None = None,
    limits: Limits | None = None,
) -> tuple[PageState, tuple[EntryEvent, ...]]:
    """Diff ``page`` against ``state``; pure, ``state`` is not modified.

    Events come oldest entry first: new and edited entries in page order
    (reversed to chronological), then removals.
    """
    limits = limits or Limits()
    if not page.entries:
        raise EmptySnapshot("the page parsed but shows no entries; not diffed")
    ordered = newest_first(page.entries)
    differ = _Differ(state, page, snapshot)
    known = differ.entries
    for entry in reversed(ordered):  # chronological: oldest first
        prev = known.get(entry.entry_id)
        # Inlined fast path of ``observe`` for the usual case, an active entry
        # whose normalised text is unchanged (parsers emit normalised text):
        # nothing to record, nothing to emit.
        if (
            prev is not None
            and prev.status == "active"
            and entry.title == prev.title
            and entry.body == prev.body
        ):
            continue
        differ.observe(entry)
    order = tuple(map(_ENTRY_ID, ordered))
    differ.retire(set(order))
    differ.prune(limits.retained_entries)
    # Not validated again: every value is already of its field's type (the
    # entries are validated EntryStates); this page's 100+ entries made
    # validation a noticeable part of a changed page's cost.
    new_state = PageState.model_construct(
        page_url=state.page_url,
        last_fetched_at=snapshot.fetched_at,
        last_body_hash=body_hash,
        order=order,
        entries=differ.entries,
        snapshots_processed=state.snapshots_processed + 1,
    )
    return new_state, tuple(differ.events)
