"""Parsers: one snapshot -> page metadata + ordered entries.

``parse_snapshot`` is the only entry point the rest of the code uses; it picks
the parser by content type, URL and content and raises a subclass of
:class:`~streams.errors.RejectedSnapshot` when no parser finds entries.
Site profiles come bundled; ``load_profiles(settings.profiles_path)`` adds a
user file, passed as ``parse_snapshot(..., profiles=...)``.
"""

from __future__ import annotations

from streams.parse.profiles import ProfileSet, load_profiles
from streams.parse.select import parse_snapshot

__all__ = ["ProfileSet", "load_profiles", "parse_snapshot"]
