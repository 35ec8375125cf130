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

The page itself is memoised too (``recall``/``remember``): a page whose
JSON-LD scripts are exactly those of its last parse (same XXH3-128 digest,
same limits) gets that parse's (immutable) ``ParsedPage``. That is the
re-rendered page: new bytes around the same live blog (request tokens, "last
updated" stamps, rotated teasers). One page per URL, dropped with the URL's
entries.

``layouts`` keep, per URL, where the updates lay in the page's JSON-LD
script at its last parse, with their objects and entries (``ldreuse``), so
the next fetch decodes only the stretch that changed; they hold the script
texts, so they are bounded by characters (``MAX_LAYOUT_CHARS``).

Site-profile pages get the same reuse (``profiled``): an entry read by a
profile whose selectors look at nothing above an entry's container (see
``profile_parser``) is a pure function of the page URL, the profile and the
container's markup, so it is cached under that markup (``container.html``).

Bounded: a page keeps the updates of its latest parse, plus at most as many
again from earlier ones (dropped when its dict is cut back), and the least
recently parsed pages are dropped past ``MAX_ENTRIES`` entries in all (about
2-3 KB each). Single-threaded use (the worker's event loop, replay).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import xxhash

from streams.models import Entry, ParsedPage
from streams.settings import Limits

__all__ = ["ENTRY_CACHE", "FIELDS", "MISSING", "EntryCache", "Update", "texts_digest"]

FIELDS = ("url", "@id", "datePublished", "dateModified", "headline", "name", "articleBody", "text")
MAX_ENTRIES = 10_000
MAX_LAYOUT_CHARS = 32_000_000  # script texts kept for ldreuse, all pages together
MAX_PROFILED_CHARS = 32_000_000  # container markup kept as profile-cache keys
MAX_UPDATE_CHARS = 64_000_000  # text of the JSON-LD updates kept (their FIELDS)
MISSING: Any = object()
_PLAIN = frozenset({str, type(None)})

Update = dict[str, Any]
_Page = dict[Hashable, tuple[Update, Entry | None, int]]  # (update, entry, its text's size)


def texts_digest(texts: list[str]) -> str:
    """XXH3-128 of a page's JSON-LD script texts (each length-prefixed)."""
    digest = xxhash.xxh3_128()
    for text in texts:
        raw = text.encode("utf-8", "surrogatepass")
        digest.update(len(raw).to_bytes(8, "little"))
        digest.update(raw)
    return digest.hexdigest()


def _chars(kept: Any) -> int:
    """What a kept layout (``ldreread.Kept``) holds: the other scripts' texts and its own."""
    return sum(map(len, kept.others)) + len(kept.layout.text)


def _slot(update: Update) -> Any:
    """Where an update sits in its page's dict (may be unhashable: never stored)."""
    return update.get("url") or update.get("@id")


class EntryCache:
    """page URL -> {url or @id: (update object, entry or None if it had no text)}."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self.max_entries = max_entries
        self.pages: dict[str, _Page] = {}
        self.page_chars: dict[str, int] = {}
        self.chars = 0
        self.max_update_chars = MAX_UPDATE_CHARS
        self.parsed: dict[str, tuple[str, Limits, ParsedPage]] = {}
        self.profiled: dict[tuple[str, Hashable], dict[str, Entry | None]] = {}
        self.profiled_chars = 0
        self.max_profiled_chars = MAX_PROFILED_CHARS
        # page URL -> (script index, the other scripts, limits, ldreuse.Layout, entries)
        self.layouts: dict[str, Any] = {}  # page URL -> ldreread.Kept
        self.layout_chars = 0
        self.max_layout_chars = MAX_LAYOUT_CHARS
        self.size = 0

    def profiled_page(self, page_url: str, profile: Hashable) -> dict[str, Entry | None]:
        """Container markup -> entry, from the last parse of the page with ``profile``."""
        return self.profiled.get((page_url, profile)) or {}

    def store_profiled(
        self, page_url: str, profile: Hashable, entries: dict[str, Entry | None]
    ) -> None:
        """Replace the page's profile cache with this parse's containers.

        Bounded by entries (with the JSON-LD ones) and by the markup held as
        keys (``max_profiled_chars``; a page over it alone is not kept).
        """
        key = (page_url, profile)
        self._drop_profiled(key)
        chars = sum(map(len, entries))
        if chars > self.max_profiled_chars:
            return
        self.size += len(entries)
        self.profiled_chars += chars
        self.profiled[key] = entries
        while self.profiled and (
            self.profiled_chars > self.max_profiled_chars
            or (self.size > self.max_entries and len(self.profiled) > 1)
        ):
            self._drop_profiled(next(iter(self.profiled)))

    def _drop_profiled(self, key: tuple[str, Hashable]) -> None:
        old = self.profiled.pop(key, None)
        if old is not None:
            self.size -= len(old)
            self.profiled_chars -= sum(map(len, old))

    def recall(self, page_url: str, digest: str, limits: Limits) -> ParsedPage | None:
        """The page's last parse if its scripts had this digest under these limits."""
        memo = self.parsed.get(page_url)
        if memo is None or memo[0] != digest or not (memo[1] is limits or memo[1] == limits):
            return None
        return memo[2]

    def remember(self, page_url: str, digest: str, limits: Limits, page: ParsedPage) -> None:
        """Memoise a parse of the page (only while the URL has entries cached)."""
        if page_url in self.pages:
            self.parsed[page_url] = (digest, limits, page)

    def keep_layout(self, page_url: str, layout: Any) -> None:
        """Where the page's updates lie in its script (``ldreuse``), or forget it."""
        self._drop_layout(page_url)
        if layout is None or page_url not in self.pages:
            return
        self.layouts[page_url] = layout
        self.layout_chars += _chars(layout)
        while self.layout_chars > self.max_layout_chars and len(self.layouts) > 1:
            self._drop_layout(next(iter(self.layouts)))

    def _drop_layout(self, page_url: str) -> None:
        dropped = self.layouts.pop(page_url, None)
        if dropped is not None:
            self.layout_chars -= _chars(dropped)

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
            if hit is not None and (hit[0] is update or hit[0] == update):
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
        old, old_chars = len(page), self.page_chars.pop(page_url, 0)
        chars = old_chars
        plain = _PLAIN.issuperset
        for update, entry in zip(updates, built, strict=True):
            slot = _slot(update)
            fields = list(map(update.get, FIELDS))
            if slot.__class__ is str and plain(map(type, fields)):
                weight = sum(len(f) for f in fields if f is not None)
                replaced = page.get(slot)
                chars += weight - (replaced[2] if replaced is not None else 0)
                page[slot] = (update, entry, weight)
        if len(page) > 2 * len(shown):
            current = {_slot(update) for update in shown if _slot(update).__class__ is str}
            page = {k: v for k, v in page.items() if k in current}
            chars = sum(v[2] for v in page.values())
        self.size += len(page) - old
        self.chars += chars - old_chars
        self.pages[page_url] = page
        self.page_chars[page_url] = chars
        while len(self.pages) > 1 and (
            self.size > self.max_entries or self.chars > self.max_update_chars
        ):
            dropped = next(iter(self.pages))
            self.size -= len(self.pages.pop(dropped))
            self.chars -= self.page_chars.pop(dropped)
            self.parsed.pop(dropped, None)
            self._drop_layout(dropped)

    def clear(self) -> None:
        self.pages.clear()
        self.page_chars.clear()
        self.chars = 0
        self.parsed.clear()
        self.profiled.clear()
        self.profiled_chars = 0
        self.layouts.clear()
        self.layout_chars = 0
        self.size = 0


ENTRY_CACHE = EntryCache()
