"""Replay snapshots through parse -> diff (-> enrich) in process.

Reads snapshot envelopes as JSON lines, or raw page files, and yields the
encoded events exactly as the worker would publish them (the Kafka value).
A rejected input is reported with its reason and the run goes on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from streams.codec import decode_snapshot, encode_event
from streams.errors import RejectedSnapshot
from streams.models import EntryEvent, PageState, Snapshot
from streams.parse.profiles import ProfileSet
from streams.pipeline import process_snapshot
from streams.settings import Limits

__all__ = ["Rejection", "ReplayStats", "Replayer", "snapshots_from_files"]

Enricher = Callable[[tuple[EntryEvent, ...]], tuple[EntryEvent, ...]]


@dataclass(frozen=True, slots=True)
class Rejection:
    """One input that produced no events, and why."""

    where: str
    reason: str
    message: str

    def __str__(self) -> str:
        return f"rejected {self.where} ({self.reason}): {self.message}"


@dataclass(slots=True)
class ReplayStats:
    snapshots: Counter[str] = field(default_factory=Counter)
    events: Counter[str] = field(default_factory=Counter)
    rejections: list[Rejection] = field(default_factory=list)

    def summary(self) -> str:
        outcomes = ", ".join(f"{k} {v}" for k, v in sorted(self.snapshots.items())) or "none"
        events = ", ".join(f"{k} {v}" for k, v in sorted(self.events.items())) or "none"
        return f"snapshots: {outcomes}; events: {events}"


class Replayer:
    """Holds page states across inputs; one instance per replay run."""

    def __init__(
        self,
        states: dict[str, PageState] | None = None,
        *,
        limits: Limits | None = None,
        enrich: Enricher | None = None,
        profiles: ProfileSet | None = None,
    ) -> None:
        self.states: dict[str, PageState] = states if states is not None else {}
        self.limits = limits or Limits()
        self.profiles = profiles
        self.enrich = enrich
        self.stats = ReplayStats()

    def reject(self, where: str, exc: RejectedSnapshot) -> Rejection:
        rejection = Rejection(where, exc.reason, exc.message)
        self.stats.rejections.append(rejection)
        self.stats.snapshots["rejected"] += 1
        return rejection

    def process(self, snapshot: Snapshot) -> tuple[EntryEvent, ...]:
        """Process one snapshot; raises RejectedSnapshot (state untouched) if bad."""
        outcome = process_snapshot(
            self.states.get(snapshot.url), snapshot, limits=self.limits, profiles=self.profiles
        )
        self.states[snapshot.url] = outcome.state
        self.stats.snapshots[outcome.status] += 1
        events = outcome.events
        if events and self.enrich is not None:
            events = self.enrich(events)
        for event in events:
            self.stats.events[event.type] += 1
        return events

    def run_lines(
        self, lines: Iterable[bytes], on_reject: Callable[[Rejection], None]
    ) -> Iterator[bytes]:
        """Envelopes as JSON lines in, encoded events out. Blank lines are skipped."""
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                snapshot = decode_snapshot(line, max_bytes=self.limits.max_body_bytes * 2)
                events = self.process(snapshot)
            except RejectedSnapshot as exc:
                on_reject(self.reject(f"line {number}", exc))
                continue
            for event in events:
                yield encode_event(event)

    def run_snapshots(
        self, snapshots: Iterable[tuple[str, Snapshot]], on_reject: Callable[[Rejection], None]
    ) -> Iterator[bytes]:
        for where, snapshot in snapshots:
            try:
                events = self.process(snapshot)
            except RejectedSnapshot as exc:
                on_reject(self.reject(where, exc))
                continue
            for event in events:
                yield encode_event(event)


def _guess_content_type(path: Path, head: str) -> str:
    if path.suffix.lower() in {".html", ".htm", ".xhtml"}:
        return "text/html"
    if path.suffix.lower() == ".txt":
        return "text/plain"
    return "text/html" if head.lstrip().startswith("<") else "text/plain"


def snapshots_from_files(
    paths: Iterable[Path], *, url: str, content_type: str | None = None
) -> Iterator[tuple[str, Snapshot]]:
    """Raw page files, in the order given, as snapshots of one ``url``.

    ``fetched_at`` is the file's mtime, forced to increase along the list so
    the order given is the order processed.
    """
    last: datetime | None = None
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        fetched = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
        if last is not None and fetched <= last:
            fetched = last + timedelta(milliseconds=1)
        last = fetched
        yield (
            str(path),
            Snapshot(
                url=url,
                fetched_at=fetched,
                content_type=content_type or _guess_content_type(path, text[:200]),
                body=text,
                snapshot_id=path.name,
            ),
        )
