"""Dead letters: a rejected snapshot goes to ``pages.snapshots.dlq`` byte for byte.

The value is the ORIGINAL record value (not re-encoded: a fixed parser can
replay it as it was), the key is the original key, and headers say why and
where it came from::

    reason            a RejectedSnapshot reason (decode_error, too_large, parse_error,
                      ...; see streams/errors.py), or key_mismatch / internal_error below
    message           the human explanation (truncated to 1000 characters)
    source_topic      source_partition      source_offset
"""

from __future__ import annotations

from streams.errors import RejectedSnapshot
from streams.worker.records import Headers, OutRecord, Source

__all__ = ["InternalError", "KeyMismatch", "dead_letter"]

MAX_MESSAGE_CHARS = 1000


class KeyMismatch(RejectedSnapshot):
    """The record key is not the snapshot's URL.

    Ordering per page relies on every snapshot of a page having the same key
    (hence the same partition and worker); a record keyed otherwise could be
    diffed concurrently with its page's other snapshots.
    """

    reason = "key_mismatch"


class InternalError(RejectedSnapshot):
    """Processing raised something that is not a RejectedSnapshot: a bug, not bad input.

    Processing is pure (no I/O), so retrying would fail the same way; the
    snapshot is kept in the DLQ for a replay once the bug is fixed.
    """

    reason = "internal_error"


def dead_letter(raw: bytes, error: RejectedSnapshot, source: Source, topic: str) -> OutRecord:
    """The DLQ record for ``raw``, rejected for ``error``."""
    message = error.message
    if len(message) > MAX_MESSAGE_CHARS:
        message = message[: MAX_MESSAGE_CHARS - 1] + "…"
    headers: Headers = (
        ("reason", error.reason.encode()),
        ("message", message.encode("utf-8", "replace")),
        ("source_topic", source.topic.encode()),
        ("source_partition", str(source.partition).encode()),
        ("source_offset", str(source.offset).encode()),
    )
    return OutRecord(topic=topic, key=source.key, value=raw, headers=headers)
