"""All bytes <-> model conversion, in one place (orjson).

Envelope decoding is strict about what matters (UTF-8, JSON object, schema)
and maps every library error to :class:`~streams.errors.DecodeError` with a
reason a human can act on, so the DLQ and stderr say *why*.
"""

from __future__ import annotations

from typing import Any

import orjson
from pydantic import BaseModel, ValidationError

from streams.errors import DecodeError, SnapshotTooLarge
from streams.models import EntryEvent, PageState, Snapshot

__all__ = [
    "decode_event",
    "decode_snapshot",
    "decode_state",
    "dumps",
    "encode_event",
    "encode_snapshot",
    "encode_state",
]

_OPTS = orjson.OPT_UTC_Z


def dumps(model: BaseModel) -> bytes:
    """Serialise a model to compact JSON (RFC 3339 datetimes, ``Z`` for UTC)."""
    return orjson.dumps(model.model_dump(mode="json", exclude_none=False), option=_OPTS)


def encode_event(event: EntryEvent) -> bytes:
    return dumps(event)


def encode_snapshot(snapshot: Snapshot) -> bytes:
    return dumps(snapshot)


def encode_state(state: PageState) -> bytes:
    return dumps(state)


def _loads_object(data: bytes | str, what: str) -> dict[str, Any]:
    if isinstance(data, bytes):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"{what} is not valid UTF-8 (byte {exc.start})") from exc
    try:
        obj = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise DecodeError(f"{what} is not valid JSON: {exc}") from exc
    if not isinstance(obj, dict):
        raise DecodeError(f"{what} must be a JSON object, got {type(obj).__name__}")
    return obj


def _validation_message(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "<root>"
    more = f" (+{exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"{where}: {first['msg']}{more}"


def decode_snapshot(data: bytes | str, *, max_bytes: int | None = None) -> Snapshot:
    """Decode one snapshot envelope, refusing oversized input before parsing it."""
    size = len(data)
    if max_bytes is not None and size > max_bytes:
        raise SnapshotTooLarge(f"envelope is {size} bytes, limit is {max_bytes}")
    obj = _loads_object(data, "snapshot envelope")
    try:
        return Snapshot.model_validate(obj)
    except ValidationError as exc:
        raise DecodeError(
            f"snapshot envelope does not match the schema: {_validation_message(exc)}"
        ) from exc


def decode_event(data: bytes | str) -> EntryEvent:
    obj = _loads_object(data, "entry event")
    try:
        return EntryEvent.model_validate(obj)
    except ValidationError as exc:
        raise DecodeError(
            f"entry event does not match the schema: {_validation_message(exc)}"
        ) from exc


def decode_state(data: bytes | str) -> PageState:
    obj = _loads_object(data, "page state")
    try:
        return PageState.model_validate(obj)
    except ValidationError as exc:
        raise DecodeError(
            f"page state does not match the schema: {_validation_message(exc)}"
        ) from exc
