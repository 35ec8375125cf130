"""Entries of each page's previous parse, reused when an update comes back unchanged.

Why: a live blog is refetched every minute or so and nearly all of its
updates come back byte-identical; converting their HTML again was most of
the JSON-LD parse. An update's entry is a pure function of the page URL and
the raw fields in ``FIELDS`` (``jsonld._build`` reads nothing else), so an
update whose fields equal the cached ones gets the cached (immutable) entry.

Only plain fields are cached: strings and null, which are immutable and
equal only when identical (``True == 1`` would make a list or number key
lie). Lookups hash only the short fields (``SHORT``) and then compare the
long ones (memcmp): hashing 100 KB of bodies costs more than comparing them.

Bounded: a page's cache is replaced by what its latest parse saw, and the
least recently parsed pages are dropped past ``MAX_ENTRIES`` entries in all
(about 2-3 KB each). Single-threaded use (the worker's event loop, replay).
"""

from __future__ import annotations

from itertools import chain
from typing import Any

from streams.models import Entry

__all__ = ["ENTRY_CACHE", "FIELDS", "MISSING", "EntryCache", "Key"]

FIELDS = ("url", "@id", "datePublished", "dateModified", "headline", "name", "articleBody", "text")
SHORT = 5  # FIELDS[:SHORT] is the dictionary key
MAX_ENTRIES = 10_000
MISSING: Any = object()
_PLAIN = frozenset({str, type(None)})

Key = tuple[str | None, ...]
_Page = dict[Key, tuple[Key, Entry | None]]


class EntryCache:
    """page URL -> {short fields: (all fields, entry or None if it had no text)}."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self.max_entries = max_entries
        self.pages: dict[str, _Page] = {}
        self.size = 0

    @staticmethod
    def keys(items: list[dict[str, Any]]) -> list[Key | None]:
        """Each update's cache key; None for one with a non-plain field."""
        keys: list[Key | None] = [tuple(map(item.get, FIELDS)) for item in items]
        if _PLAIN.issuperset(map(type, chain.from_iterable(keys))):  # type: ignore[arg-type]
            return keys
        return [k if k is not None and _PLAIN.issuperset(map(type, k)) else None for k in keys]

    def lookup(self, page_url: str, keys: list[Key | None]) -> list[Any]:
        """The cached entry (or None) per key, ``MISSING`` where there is none."""
        previous = self.pages.get(page_url) or {}
        found: list[Any] = []
        for key in keys:
            hit = previous.get(key[:SHORT]) if key is not None else None
            found.append(hit[1] if hit is not None and hit[0] == key else MISSING)
        return found

    def store(self, page_url: str, keys: list[Key | None], built: list[Entry | None]) -> None:
        """Replace the page's cache with this parse's entries."""
        entries = {k[:SHORT]: (k, e) for k, e in zip(keys, built, strict=True) if k is not None}
        old = self.pages.pop(page_url, None)
        self.size += len(entries) - (len(old) if old else 0)
        self.pages[page_url] = entries
        while self.size > self.max_entries and len(self.pages) > 1:
            self.size -= len(self.pages.pop(next(iter(self.pages))))

    def clear(self) -> None:
        self.pages.clear()
        self.size = 0


ENTRY_CACHE = EntryCache()
