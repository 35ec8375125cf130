"""Placeholder until the parsers land (issue #2): only the signature is fixed."""

from __future__ import annotations

from streams.errors import UnsupportedContent
from streams.models import ParsedPage, Snapshot
from streams.settings import Limits

__all__ = ["parse_snapshot"]


def parse_snapshot(snapshot: Snapshot, *, limits: Limits) -> ParsedPage:
    raise UnsupportedContent(f"no parser yet for {snapshot.content_type}")
