"""One consumed snapshot in, the records to produce and the page's new state out.

Pure and synchronous: no faust, no aiokafka, no clock other than a timer for
the observer. The agent supplies the bytes and a state lookup, then sends
what comes back. Every failure of the input becomes a dead letter here, so
the agent never sees an exception from bad data.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
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


@dataclass(slots=True, eq=False)
class _Diffed:
    """A snapshot diffed, its events not enriched yet."""

    raw: bytes
    source: Source
    url: str
    status: str
    events: tuple[EntryEvent, ...]
    state: PageState | None


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
        return self.handle_many([(raw, source)], state_for)[0]

    def handle_many(
        self, items: Sequence[tuple[bytes | None, Source]], state_for: StateLookup
    ) -> list[Result]:
        """``handle`` for several snapshots in order, with one enrichment call for all.

        A model engine (spaCy's ``nlp.pipe``) costs much less per text in a batch.
        A later snapshot of a page is diffed against the state an earlier one in
        ``items`` left (``state_for`` only knows what was staged before the call).
        If the engine fails on the batch, the snapshots are handled one by one:
        only the one it fails on becomes a dead letter, and the next snapshot of
        that page is diffed against the state before it, as without batching.
        """
        results = self._batch(items, state_for)
        if results is not None:
            return results
        log.warning("enriching %d snapshots at once failed; one by one", len(items))
        newer: dict[str, PageState] = {}
        results = []
        for item in items:
            batch = self._batch([item], _chained(newer, state_for))
            assert batch is not None  # a batch of one never fails as a whole
            [result] = batch
            if result.state is not None and result.page_url is not None:
                newer[result.page_url] = result.state
            results.append(result)
        return results

    def _batch(
        self, items: Sequence[tuple[bytes | None, Source]], state_for: StateLookup
    ) -> list[Result] | None:
        """Diff each, enrich all at once; ``None`` if that fails for more than one."""
        diffed: list[_Diffed | Result] = []
        newer: dict[str, PageState] = {}
        lookup = _chained(newer, state_for)
        for raw, source in items:
            step = self._diff(raw if raw is not None else b"", source, lookup)
            if isinstance(step, _Diffed) and step.state is not None:
                newer[step.url] = step.state
            diffed.append(step)
        todo = [d for d in diffed if isinstance(d, _Diffed) and d.events]
        if self.enrich is not None and todo:
            events = tuple(e for d in todo for e in d.events)
            started = perf_counter()
            try:
                enriched = iter(self.enrich(events))
                split = [tuple(next(enriched) for _ in d.events) for d in todo]
            except Exception as exc:
                if len(items) > 1:
                    return None
                log.exception("enriching %s failed unexpectedly", todo[0].source)
                error = InternalError(f"{type(exc).__name__}: {exc}")
                return [self._reject(todo[0].raw, error, todo[0].source)]
            self.observer.enriched(events, perf_counter() - started)
            for d, mine in zip(todo, split, strict=True):
                d.events = mine
        return [d if isinstance(d, Result) else self._result(d) for d in diffed]

    def _diff(self, value: bytes, source: Source, state_for: StateLookup) -> _Diffed | Result:
        try:
            snapshot = decode_snapshot(value, max_bytes=self.max_envelope_bytes)
            _check_key(snapshot, source)
            state = state_for(snapshot.url)
            started = perf_counter()
            outcome = process_snapshot(state, snapshot, limits=self.limits, profiles=self.profiles)
        except RejectedSnapshot as exc:
            return self._reject(value, exc, source)
        except Exception as exc:  # a bug: keep the input, say so, go on
            log.exception("processing %s failed unexpectedly", source)
            return self._reject(value, InternalError(f"{type(exc).__name__}: {exc}"), source)
        self.observer.snapshot_processed(outcome.status, perf_counter() - started)
        if outcome.parse_seconds is not None and outcome.diff_seconds is not None:
            self.observer.stages_timed(outcome.parse_seconds, outcome.diff_seconds)
        unchanged = outcome.state is state or outcome.state == state
        new_state = None if unchanged else outcome.state
        return _Diffed(value, source, snapshot.url, outcome.status, outcome.events, new_state)

    def _result(self, step: _Diffed) -> Result:
        return Result(
            status=step.status,
            records=tuple(self._event_record(e) for e in step.events),
            events=step.events,
            page_url=step.url,
            state=step.state,
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


def _chained(newer: dict[str, PageState], state_for: StateLookup) -> StateLookup:
    """``state_for``, overridden by ``newer`` (states left by earlier snapshots of a batch)."""

    def lookup(url: str) -> PageState | None:
        state = newer.get(url)
        return state if state is not None else state_for(url)

    return lookup


def _check_key(snapshot: Snapshot, source: Source) -> None:
    if source.key != snapshot.url.encode():
        shown = source.key.decode("utf-8", "replace")[:200] if source.key is not None else None
        raise KeyMismatch(f"record key {shown!r} is not the snapshot url {snapshot.url[:200]!r}")
