"""Parsers: one snapshot -> page metadata + ordered entries.

``parse_snapshot`` is the only entry point the rest of the code uses; it picks
the parser by content type, URL and content and raises a subclass of
:class:`~streams.errors.RejectedSnapshot` when no parser finds entries.
"""

from __future__ import annotations

from streams.parse.select import parse_snapshot

__all__ = ["parse_snapshot"]
