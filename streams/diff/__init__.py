"""The diff core: gate (cheap checks), normalise, compare, emit events."""

from __future__ import annotations

from streams.diff.engine import diff_page, event_id, newest_first
from streams.diff.gate import Gate, GateStatus, body_hash, gate_snapshot
from streams.diff.normalize import content_hash, normalize_body, normalize_line

__all__ = [
    "Gate",
    "GateStatus",
    "body_hash",
    "content_hash",
    "diff_page",
    "event_id",
    "gate_snapshot",
    "newest_first",
    "normalize_body",
    "normalize_line",
]
