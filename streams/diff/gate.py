"""The cheap checks before any parsing: size, staleness, repeats, identical bodies."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Literal

from streams.errors import SnapshotTooLarge
from streams.models import PageState, Snapshot
from streams.settings import Limits

__all__ = ["Gate", "GateStatus", "body_hash", "gate_snapshot"]

GateStatus = Literal["unchanged", "stale", "duplicate"]


@dataclass(frozen=True, slots=True)
class Gate:
    """``status`` is set when the snapshot needs no parsing; ``state`` is then final."""

    state: PageState
    status: GateStatus | None
    body_hash: str


def body_hash(snapshot: Snapshot, raw: bytes) -> str:
    """Hash of what the parser would see: content type and body."""
    # sha256 runs on SHA-NI here: ~2x faster than blake2b on 200 KB bodies.
    digest = hashlib.sha256(snapshot.content_type.encode("utf-8"))
    digest.update(b"\x00")
    digest.update(raw)
    return digest.hexdigest()


def gate_snapshot(state: PageState | None, snapshot: Snapshot, *, limits: Limits) -> Gate:
    """Decide whether ``snapshot`` must be parsed.

    Stale (older than the newest processed) and duplicate (same ``fetched_at``)
    snapshots leave the state untouched. A byte-identical body only advances
    ``last_fetched_at``: the page did not change, so nothing is parsed.
    """
    raw = snapshot.body.encode("utf-8")
    if len(raw) > limits.max_body_bytes:
        raise SnapshotTooLarge(
            f"body is {len(raw)} bytes, limit is {limits.max_body_bytes} (max_body_bytes)"
        )
    current = state or PageState(page_url=snapshot.url)
    digest = body_hash(snapshot, raw)
    last = current.last_fetched_at
    if last is not None and snapshot.fetched_at < last:
        return Gate(current, "stale", digest)
    if last is not None and snapshot.fetched_at == last:
        return Gate(current, "duplicate", digest)
    if digest == current.last_body_hash:
        advanced = current.model_copy(
            update={
                "last_fetched_at": snapshot.fetched_at,
                "snapshots_processed": current.snapshots_processed + 1,
            }
        )
        return Gate(advanced, "unchanged", digest)
    return Gate(current, None, digest)
