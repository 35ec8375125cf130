"""The one function both runners call: (state, snapshot) -> (state, events).

Pure: no I/O, no Kafka, no clock that can change a result (the stage durations
in ``Outcome`` are measured for metrics only). The embedded runner keeps ``PageState`` in
memory or a file; the faust diff agent keeps it in a changelog-backed Table.
Order of work is chosen so that the common cases are cheap: a stale or
repeated snapshot costs a comparison, an identical body costs one hash, and
only a changed page is parsed and diffed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from time import perf_counter
from typing import Literal

from streams.diff import diff_page, gate_snapshot
from streams.models import EntryEvent, PageState, Snapshot
from streams.parse import parse_snapshot
from streams.parse.profiles import ProfileSet
from streams.settings import Limits

__all__ = ["Outcome", "SnapshotStatus", "process_snapshot"]

SnapshotStatus = Literal["changed", "unchanged", "stale", "duplicate"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """Result of processing one snapshot. ``state`` is the page's new state.

    ``parse_seconds`` / ``diff_seconds`` say how long each stage took (``None``
    when the gate stopped the snapshot before it); they never take part in
    equality, so two runs over the same input compare equal.
    """

    status: SnapshotStatus
    state: PageState
    events: tuple[EntryEvent, ...]
    parser: str | None = None
    parse_seconds: float | None = field(default=None, compare=False)
    diff_seconds: float | None = field(default=None, compare=False)


def process_snapshot(
    state: PageState | None,
    snapshot: Snapshot,
    *,
    limits: Limits | None = None,
    profiles: ProfileSet | None = None,
) -> Outcome:
    """Parse and diff one snapshot against the page's state.

    ``profiles``: the site profiles for HTML pages without JSON-LD (default:
    the bundled ones; runners pass ``load_profiles(settings.profiles_path)``).
    Raises :class:`~streams.errors.RejectedSnapshot` (state untouched) when the
    snapshot is too large, unparseable or empty.
    """
    limits = limits or Limits()
    gate = gate_snapshot(state, snapshot, limits=limits)
    if gate.status is not None:
        return Outcome(status=gate.status, state=gate.state, events=())
    started = perf_counter()
    page = parse_snapshot(snapshot, limits=limits, profiles=profiles)
    parsed = perf_counter()
    new_state, events = diff_page(
        gate.state, page, snapshot, body_hash=gate.body_hash, limits=limits
    )
    status: SnapshotStatus = "changed" if events else "unchanged"
    return Outcome(
        status=status,
        state=new_state,
        events=events,
        parser=page.parser,
        parse_seconds=parsed - started,
        diff_seconds=perf_counter() - parsed,
    )
