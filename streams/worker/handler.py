"""One consumed snapshot in, the records to produce and the page's new state out.

Pure and synchronous: no faust, no aiokafka, no clock other than a timer for
the observer. The agent supplies the bytes and a state lookup, then sends
what comes back. Every failure of the input becomes a dead letter here, so
the agent never sees an exception from bad data.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from time import perf_counter

from streams.codec import decode_snapshot, encode_event
from streams.errors import RejectedSnapshot
from streams.models import EntryEvent, PageState, Snapshot
from streams.parse.profiles import ProfileSet
from streams.pipeline import process_snapshot
from streams.settings import Limits, WorkerSettings
from streams.worker.dlq import InternalError, KeyMismatch, dead_letter
from streams.worker.enrichment import Enricher
from streams.worker.observer import WorkerObserver
from streams.worker.records import OutRecord, Source

__all__ = ["Result", "SnapshotHandler"]

log = logging.getLogger(__name__)

StateLookup = Callable[[str], PageState | None]


@dataclass(frozen=True, slots=True)
class Result:
    """What to do for one snapshot. ``state`` is ``None`` when the page's state is unchanged."""

    status: str  # changed | unchanged | stale | duplicate | dead_lettered
    records: tuple[OutRecord, ...]
    events: tuple[EntryEvent, ...] = ()
    page_url: str | None = None
    state: PageState | None = None
    reason: str | None = None


class SnapshotHandler:
    """decode -> process_snapshot -> enrich -> records, exactly as ``streams replay`` does."""

    def __init__(
        self,
        settings: WorkerSettings,
        limits: Limits,
        *,
        enrich: Enricher | None = None,
        observer: WorkerObserver | None = None,
        profiles: ProfileSet | None = None,
    ) -> None:
        self.limits = limits
        self.profiles = profiles
        self.enrich = enrich
        self.observer = observer or WorkerObserver()
        self.dlq_topic = settings.dlq_topic
        self.topic_for = {
            "entry.new": settings.new_topic,
            "entry.edited": settings.edited_topic,
            "entry.removed": settings.removed_topic,
        }
        # The same envelope cap as `streams replay`: a body at the limit plus JSON escaping.
        self.max_envelope_bytes = limits.max_body_bytes * 2

    def handle(self, raw: bytes | None, source: Source, state_for: StateLookup) -> Result:
        value = raw if raw is not None else b""
        try:
            snapshot = decode_snapshot(value, max_bytes=self.max_envelope_bytes)
            _check_key(snapshot, source)
            return self._process(snapshot, state_for(snapshot.url))
        except RejectedSnapshot as exc:
            return self._reject(value, exc, source)
        except Exception as exc:  # a bug: keep the input, say so, go on
            log.exception("processing %s failed unexpectedly", source)
            return self._reject(value, InternalError(f"{type(exc).__name__}: {exc}"), source)

    def _process(self, snapshot: Snapshot, state: PageState | None) -> Result:
        started = perf_counter()
        outcome = process_snapshot(state, snapshot, limits=self.limits, profiles=self.profiles)
        self.observer.snapshot_processed(outcome.status, perf_counter() - started)
        if outcome.parse_seconds is not None and outcome.diff_seconds is not None:
            self.observer.stages_timed(outcome.parse_seconds, outcome.diff_seconds)
        events = outcome.events
        if events and self.enrich is not None:
            started = perf_counter()
            events = self.enrich(events)
            self.observer.enriched(events, perf_counter() - started)
        new_state = None if outcome.state == state else outcome.state
        return Result(
            status=outcome.status,
            records=tuple(self._event_record(e) for e in events),
            events=events,
            page_url=snapshot.url,
            state=new_state,
        )

    def _event_record(self, event: EntryEvent) -> OutRecord:
        return OutRecord(
            topic=self.topic_for[event.type],
            key=event.entry_id.encode(),
            value=encode_event(event),
            headers=(
                ("schema_version", str(event.schema_version).encode()),
                ("event_type", event.type.encode()),
            ),
        )

    def _reject(self, raw: bytes, error: RejectedSnapshot, source: Source) -> Result:
        log.warning("dead-lettering %s: %s", source, error)
        self.observer.snapshot_rejected(error.reason)
        record = dead_letter(raw, error, source, self.dlq_topic)
        return Result(status="dead_lettered", records=(record,), reason=error.reason)


def _check_key(snapshot: Snapshot, source: Source) -> None:
    if source.key != snapshot.url.encode():
        shown = source.key.decode("utf-8", "replace")[:200] if source.key is not None else None
        raise KeyMismatch(f"record key {shown!r} is not the snapshot url {snapshot.url[:200]!r}")
