"""Errors raised by livediff.

Every error a caller may want to handle derives from :class:`LivediffError`;
library errors are re-raised as ours (``raise ... from exc``) so callers never
have to know which parser or codec was underneath.

    LivediffError
    ├── RejectedSnapshot          the snapshot is bad; it goes to the DLQ / stderr
    │   ├── DecodeError           bytes are not a valid envelope (JSON, UTF-8, schema)
    │   ├── BadStatus             the fetch got an HTTP error page (status >= 400)
    │   ├── SnapshotTooLarge      body over the configured size limit
    │   ├── UnsupportedContent    content type no parser handles
    │   ├── ParseError            no parser could extract entries
    │   └── EmptySnapshot         parsed, but no entries: never diffed (would remove all)
    └── ConfigError               settings or site profiles are invalid

Each rejection carries a short machine-readable ``reason`` (used as the DLQ
header and as a bounded-cardinality metric label) and a human message.
"""

from __future__ import annotations

__all__ = [
    "BadStatus",
    "ConfigError",
    "DecodeError",
    "EmptySnapshot",
    "LivediffError",
    "ParseError",
    "RejectedSnapshot",
    "SnapshotTooLarge",
    "UnsupportedContent",
]


class LivediffError(Exception):
    """Base class of every error this package raises on purpose."""


class RejectedSnapshot(LivediffError):
    """A snapshot that cannot be turned into entries; nothing is diffed."""

    reason: str = "rejected"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"{self.reason}: {self.message}"


class DecodeError(RejectedSnapshot):
    reason = "decode_error"


class BadStatus(RejectedSnapshot):
    """An error page (HTTP status >= 400) is not the live blog: never diff it."""

    reason = "bad_status"


class SnapshotTooLarge(RejectedSnapshot):
    reason = "too_large"


class UnsupportedContent(RejectedSnapshot):
    reason = "unsupported_content_type"


class ParseError(RejectedSnapshot):
    reason = "parse_error"


class EmptySnapshot(RejectedSnapshot):
    reason = "empty_snapshot"


class ConfigError(LivediffError):
    """Invalid settings or site-profile configuration."""
