"""Small pieces every parser shares: ids, URLs, entry construction, caps.

Entries are built with ``model_construct`` (no pydantic validation): the
parsers only ever pass strings and aware UTC datetimes, and validation would
cost more than the rest of a JSON-LD parse. ``make_entry`` is the one place
that guarantees those types.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from itertools import repeat
from operator import attrgetter
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit

from streams.diff.normalize import normalize_line
from streams.models import Entry

__all__ = [
    "SYNTHETIC_PREFIX",
    "cap_newest",
    "clean_line",
    "clean_text_body",
    "make_entry",
    "resolve_url",
    "synthetic_id",
    "unique_ids",
]

SYNTHETIC_PREFIX = "urn:livediff:"
_MAX_URL_CHARS = 2048
_ID_SCHEMES = frozenset({"http", "https", "urn"})
T = TypeVar("T")
_ENTRY_ID = attrgetter("entry_id")


def resolve_url(base: str, ref: str) -> str | None:
    """``ref`` made absolute against the page URL; None if it is not a usable id.

    Usable: http(s) or urn, no whitespace, at most 2048 characters.
    """
    ref = ref.strip()
    if not ref or len(ref) > _MAX_URL_CHARS or not ref.isprintable() or " " in ref:
        return None
    if ref.startswith(("https://", "http://")):
        return ref  # already absolute: skip urljoin, the costliest step per entry
    if ref[0] == "#" and len(ref) > 1:
        prefix = _fragment_base(base)  # "#id" refs: one urljoin per page, not per entry
        if prefix is not None:
            return prefix + ref
    try:
        absolute = urljoin(base, ref)
        scheme = urlsplit(absolute).scheme.lower()
    except ValueError:
        return None
    # javascript:, mailto:, data: ... links are not ids (share buttons share them).
    return absolute if scheme in _ID_SCHEMES else None


@lru_cache(maxsize=1024)
def _fragment_base(base: str) -> str | None:
    """What ``urljoin(base, "#x")`` puts before ``#x``, for an http(s) base.

    urljoin rebuilds the base with the fragment replaced, and adds ``#x`` only
    when ``x`` is not empty, so this is ``urljoin(base, "#")``; other schemes
    (None) go through urljoin as before. tests/unit/parse/test_common.py
    checks the equality on generated URLs.
    """
    try:
        joined = urljoin(base, "#")
        scheme = urlsplit(joined).scheme.lower()
    except ValueError:
        return None
    return joined if scheme in ("http", "https") else None


def clean_line(text: str) -> str:
    """``normalize_line`` with a fast path for text that is already normalised.

    ``isprintable()`` is False for every whitespace character except the
    ASCII space, so printable text without double, leading or trailing
    spaces (and in NFC) is returned as is: about twice as fast on news text.
    """
    if (
        text.isprintable()
        and "  " not in text
        and text[:1] != " "
        and text[-1:] != " "
        and (text.isascii() or unicodedata.is_normalized("NFC", text))
    ):
        return text
    return normalize_line(text)


def clean_text_body(text: str) -> str:
    """Plain text -> paragraphs (one per line), normalised, joined by a blank line.

    (A whole-body "already clean?" check was tried: each substring scan costs
    as much as cleaning, so line by line with ``clean_line`` is the fastest.)
    """
    return "\n\n".join(p for p in map(clean_line, filter(None, text.splitlines())) if p)


def synthetic_id(page_url: str, published: datetime | None, title: str, body: str) -> str:
    """A stable id for an entry the page gives no URL or @id for.

    Keyed on the publication time when there is one (it survives edits of the
    text), else on the normalised title and the first 200 characters of the body.
    """
    key = published.isoformat() if published is not None else title + "\x1f" + body[:200]
    digest = hashlib.sha256(f"{page_url}\x1f{key}".encode("utf-8", "surrogatepass")).hexdigest()[
        :16
    ]
    return SYNTHETIC_PREFIX + digest


def unique_ids(entries: list[Entry]) -> list[Entry]:
    """Give colliding *synthetic* ids a ``-2``, ``-3`` ... suffix, in page order.

    Two updates published in the same second with no URL would otherwise merge
    into one entry. Real permalinks are left alone: a page that shows one post
    twice (pinned and in the stream) really has one entry.
    """
    ids = list(map(_ENTRY_ID, entries))
    if not any(map(str.startswith, ids, repeat(SYNTHETIC_PREFIX))):
        return entries  # the usual page: every update has its URL (C-level check)
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


def _construct(values: dict[str, Any]) -> Entry:
    """What ``Entry.model_construct`` does for a model without extras or private
    attributes, at half its cost (it dominated JSON-LD parsing per entry).
    tests/unit/parse/test_common.py pins the equivalence."""
    entry = Entry.__new__(Entry)
    object.__setattr__(entry, "__dict__", values)
    object.__setattr__(entry, "__pydantic_fields_set__", set(values))
    object.__setattr__(entry, "__pydantic_extra__", None)
    object.__setattr__(entry, "__pydantic_private__", None)
    return entry


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
    """An ``Entry`` from already-normalised text (title one line, body paragraphs).

    No validation: every parser passes ``str`` text and aware UTC datetimes.
    """
    if entry_id is None:
        entry_id = synthetic_id(page_url, published_at, title, body)
    return _construct(
        {
            "entry_id": entry_id,
            "permalink": permalink,
            "title": title,
            "body": body,
            "published_at": published_at,
            "updated_at": updated_at,
        }
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
