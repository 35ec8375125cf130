"""Entries of each page's previous parse, reused when an update comes back unchanged.

Why: a live blog is refetched every minute or so and nearly all of its
updates come back byte-identical; converting their HTML again was most of
the JSON-LD parse. An update's entry is a pure function of the page URL and
the raw fields in ``FIELDS`` (``jsonld._build`` reads nothing else), so an
update equal to a cached one gets the cached (immutable) entry.

Equal means the whole update object compares equal (one C-level dict
comparison, cheaper than building a key of its fields). That implies equal
``FIELDS``; for it to imply the *same entry*, only updates whose ``FIELDS``
are plain (strings or absent) are stored: a string equals only an identical
string, whereas ``True == 1 == 1.0`` would let a number or list field lie.
So the check runs when an entry is stored (the few rebuilt ones), never
over the whole page. Lookup is by the update's ``url`` (else ``@id``), then
the comparison; updates sharing a url just evict each other.

Bounded: a page keeps the updates of its latest parse, plus at most as many
again from earlier ones (dropped when its dict is cut back), and the least
recently parsed pages are dropped past ``MAX_ENTRIES`` entries in all (about
2-3 KB each). Single-threaded use (the worker's event loop, replay).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from streams.models import Entry

__all__ = ["ENTRY_CACHE", "FIELDS", "MISSING", "EntryCache", "Update"]

FIELDS = ("url", "@id", "datePublished", "dateModified", "headline", "name", "articleBody", "text")
MAX_ENTRIES = 10_000
MISSING: Any = object()
_PLAIN = frozenset({str, type(None)})

Update = dict[str, Any]
_Page = dict[Hashable, tuple[Update, Entry | None]]


def _slot(update: Update) -> Any:
    """Where an update sits in its page's dict (may be unhashable: never stored)."""
    return update.get("url") or update.get("@id")


class EntryCache:
    """page URL -> {url or @id: (update object, entry or None if it had no text)}."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self.max_entries = max_entries
        self.pages: dict[str, _Page] = {}
        self.size = 0

    def lookup(self, page_url: str, updates: list[Update]) -> tuple[list[Any], list[int]]:
        """The cached entry (or None) per update, ``MISSING`` where there is
        none; and the indices of those misses."""
        previous = self.pages.get(page_url)
        if not previous:
            return [MISSING] * len(updates), list(range(len(updates)))
        get = previous.get
        found: list[Any] = []
        misses: list[int] = []
        for n, update in enumerate(updates):
            try:
                hit = get(update.get("url") or update.get("@id"))
            except TypeError:  # a list or object as url/@id: never stored
                hit = None
            if hit is not None and hit[0] == update:
                found.append(hit[1])
            else:
                found.append(MISSING)
                misses.append(n)
        return found, misses

    def store(
        self,
        page_url: str,
        updates: list[Update],
        built: list[Entry | None],
        shown: list[Update] | None = None,
    ) -> None:
        """Remember the entries this parse of the page built (its misses).

        ``shown``: every update of this parse (default ``updates``). The
        page's dict is updated in place (a parse usually rebuilds one or two
        updates) and cut down to the updates shown once it holds more than
        twice as many.
        """
        shown = updates if shown is None else shown
        page = self.pages.pop(page_url, None) or {}
        old = len(page)
        plain = _PLAIN.issuperset
        for update, entry in zip(updates, built, strict=True):
            slot = _slot(update)
            if slot.__class__ is str and plain(map(type, map(update.get, FIELDS))):
                page[slot] = (update, entry)
        if len(page) > 2 * len(shown):
            current = {_slot(update) for update in shown if _slot(update).__class__ is str}
            page = {k: v for k, v in page.items() if k in current}
        self.size += len(page) - old
        self.pages[page_url] = page
        while self.size > self.max_entries and len(self.pages) > 1:
            self.size -= len(self.pages.pop(next(iter(self.pages))))

    def clear(self) -> None:
        self.pages.clear()
        self.size = 0


ENTRY_CACHE = EntryCache()
