"""The cheap checks before any parsing: size, staleness, repeats, identical bodies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import xxhash

from streams.errors import DecodeError, SnapshotTooLarge
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
    """Hash of what the parser would see: content type and body.

    XXH3-128, not a cryptographic hash: this only answers "is this fetch
    byte-identical to the last one?" for the same page, so the only risk is
    an accidental 128-bit collision (a missed change until the page changes
    again). It hashes 200 KB in ~7 µs where sha256 (SHA-NI) takes ~100 µs,
    and an unchanged fetch costs little more than this hash (issue #2 wants
    it >= 20x cheaper than a changed one). A state written with an older
    hash format just misses once: that fetch is parsed and diffed (no event
    unless the page really changed).
    """
    digest = xxhash.xxh3_128(snapshot.content_type.encode("utf-8"))
    digest.update(b"\x00")
    digest.update(raw)
    return "xxh3:" + digest.hexdigest()


def gate_snapshot(state: PageState | None, snapshot: Snapshot, *, limits: Limits) -> Gate:
    """Decide whether ``snapshot`` must be parsed.

    Stale (older than the newest processed) and duplicate (same ``fetched_at``)
    snapshots leave the state untouched. A byte-identical body only advances
    ``last_fetched_at``: the page did not change, so nothing is parsed.
    """
    try:
        raw = snapshot.body.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate: only a hand-built Snapshot has one
        raise DecodeError(f"body is not valid Unicode ({exc.reason} at {exc.start})") from exc
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
