"""Small pieces every parser shares: ids, URLs, entry construction, caps.

Entries are built with ``model_construct`` (no pydantic validation): the
parsers only ever pass strings and aware UTC datetimes, and validation would
cost more than the rest of a JSON-LD parse. ``make_entry`` is the one place
that guarantees those types.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime
from typing import TypeVar
from urllib.parse import urljoin, urlsplit

from streams.diff.normalize import normalize_line
from streams.models import Entry

__all__ = [
    "SYNTHETIC_PREFIX",
    "cap_newest",
    "make_entry",
    "resolve_url",
    "synthetic_id",
    "unique_ids",
]

SYNTHETIC_PREFIX = "urn:livediff:"
_MAX_URL_CHARS = 2048
T = TypeVar("T")


def resolve_url(base: str, ref: str) -> str | None:
    """``ref`` made absolute against the page URL; None if it is not a usable URL."""
    ref = ref.strip()
    if not ref or len(ref) > _MAX_URL_CHARS or any(c.isspace() for c in ref):
        return None
    try:
        absolute = urljoin(base, ref)
        scheme = urlsplit(absolute).scheme
    except ValueError:
        return None
    return absolute if scheme else None


def synthetic_id(page_url: str, published: datetime | None, title: str, body: str) -> str:
    """A stable id for an entry the page gives no URL or @id for.

    Keyed on the publication time when there is one (it survives edits of the
    text), else on the normalised title and the first 200 characters of the body.
    """
    key = published.isoformat() if published is not None else title + "\x1f" + body[:200]
    digest = hashlib.sha256(f"{page_url}\x1f{key}".encode()).hexdigest()[:16]
    return SYNTHETIC_PREFIX + digest


def unique_ids(entries: list[Entry]) -> list[Entry]:
    """Give colliding *synthetic* ids a ``-2``, ``-3`` ... suffix, in page order.

    Two updates published in the same second with no URL would otherwise merge
    into one entry. Real permalinks are left alone: a page that shows one post
    twice (pinned and in the stream) really has one entry.
    """
    seen: dict[str, int] = {}
    out: list[Entry] = []
    for entry in entries:
        eid = entry.entry_id
        if eid.startswith(SYNTHETIC_PREFIX):
            count = seen.get(eid, 0) + 1
            seen[eid] = count
            if count > 1:
                entry = entry.model_copy(update={"entry_id": f"{eid}-{count}"})
        out.append(entry)
    return out


def make_entry(
    *,
    page_url: str,
    entry_id: str | None,
    permalink: str | None,
    title: str,
    body: str,
    published_at: datetime | None,
    updated_at: datetime | None,
) -> Entry:
    """An ``Entry`` from already-normalised text (title one line, body paragraphs)."""
    title = normalize_line(title) if "\n" in title else title
    if entry_id is None:
        entry_id = synthetic_id(page_url, published_at, title, body)
    return Entry.model_construct(
        entry_id=entry_id,
        permalink=permalink,
        title=title,
        body=body,
        published_at=published_at,
        updated_at=updated_at,
    )


def cap_newest(
    items: Sequence[T], limit: int, first: datetime | None, last: datetime | None
) -> Sequence[T]:
    """At most ``limit`` items, keeping the newest end of the page.

    Live blogs are newest first unless their times ascend down the page, so we
    keep the first ``limit`` items, or the last ``limit`` when the last item is
    newer than the first. Deciding from the two ends keeps this O(limit).
    """
    if len(items) <= limit:
        return items
    if first is not None and last is not None and last > first:
        return items[len(items) - limit :]
    return items[:limit]
