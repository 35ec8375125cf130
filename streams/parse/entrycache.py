"""Entries of each page's previous parse, reused when an update comes back unchanged.

Why: a live blog is refetched every minute or so and nearly all of its
updates come back byte-identical; converting their HTML again was most of
the JSON-LD parse. An update's entry is a pure function of the page URL and
the raw fields in ``FIELDS`` (``jsonld._build`` reads nothing else), so an
update whose fields equal the cached ones gets the cached (immutable) entry.

Only plain fields are cached: strings and null, which are immutable and
equal only when identical (``True == 1`` would make a list or number key
lie). That is checked when an entry is stored (only the few rebuilt ones,
never the whole page): a new key equal to a stored all-plain key is itself
all plain. Lookups hash only the short fields (``SHORT``) and then compare the
long ones (memcmp): hashing 100 KB of bodies costs more than comparing them.

Bounded: a page keeps the entries of its latest parse, plus at most as many
again from earlier ones (dropped when its dict is rebuilt), and the least
recently parsed pages are dropped past ``MAX_ENTRIES`` entries in all (about
2-3 KB each). Single-threaded use (the worker's event loop, replay).
"""

from __future__ import annotations

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
    def keys(items: list[dict[str, Any]]) -> list[Key]:
        """Each update's cache key: its ``FIELDS`` values."""
        return [tuple(map(item.get, FIELDS)) for item in items]

    def lookup(self, page_url: str, keys: list[Key]) -> tuple[list[Any], list[int]]:
        """The cached entry (or None) per key, ``MISSING`` where there is none;
        and the indices of those misses."""
        previous = self.pages.get(page_url)
        if not previous:
            return [MISSING] * len(keys), list(range(len(keys)))
        get = previous.get
        found: list[Any] = []
        misses: list[int] = []
        for n, key in enumerate(keys):
            try:
                hit = get(key[:SHORT])
            except TypeError:  # a list or object in a short field: never stored
                hit = None
            if hit is not None and hit[0] == key:
                found.append(hit[1])
            else:
                found.append(MISSING)
                misses.append(n)
        return found, misses

    def store(
        self,
        page_url: str,
        keys: list[Key],
        built: list[Entry | None],
        shown: list[Key] | None = None,
    ) -> None:
        """Remember the entries this parse of the page built (the misses).

        ``shown``: the keys of every update of this parse (default ``keys``).
        The page's dict is updated in place (a parse usually rebuilds one or
        two updates) and cut down to the updates shown once it holds more
        than twice as many.
        """
        shown = keys if shown is None else shown
        page = self.pages.pop(page_url, None) or {}
        old = len(page)
        plain = _PLAIN.issuperset
        for key, entry in zip(keys, built, strict=True):
            if plain(map(type, key)):
                page[key[:SHORT]] = (key, entry)
        if len(page) > 2 * len(shown):
            current = {key[:SHORT] for key in shown}
            page = {k: v for k, v in page.items() if k in current}
        self.size += len(page) - old
        self.pages[page_url] = page
        while self.size > self.max_entries and len(self.pages) > 1:
            self.size -= len(self.pages.pop(next(iter(self.pages))))

    def clear(self) -> None:
        self.pages.clear()
        self.size = 0


ENTRY_CACHE = EntryCache()
