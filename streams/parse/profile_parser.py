"""Read entries from HTML with a site profile (parser ``profile:<name>``).

Per-container ``css_first`` calls cost a selector compile each (~1.5 µs,
more than everything else per entry), so every field is one document-wide
query. Each match is given to its nearest enclosing entry by walking up its
parents, and the first match per entry wins, which is what ``css_first`` on
that entry would return.

Entries are reused across fetches (``ENTRY_CACHE.profiled``) when every
selector of the profile is *local* (``is_local``): it then decides whether an
element matches from the element alone, so which node fills which field of
an entry depends only on the entry container's subtree, and the entry is a
pure function of (page URL, profile, the container's markup). Only the
containers whose markup is new are read (a live blog changes one or two).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import cache
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from streams.models import Entry, ParsedPage
from streams.parse.common import cap_newest, make_entry, resolve_url, unique_ids
from streams.parse.dates import parse_iso
from streams.parse.entrycache import ENTRY_CACHE
from streams.parse.htmltext import node_line, paragraphs
from streams.parse.profiles import FieldSpec, Profile
from streams.settings import Limits

__all__ = ["HtmlPage", "is_local", "parse_with_profile"]

# A compound selector: optional type (or *), then #id / .class / [attribute]
# parts (quoted values may hold anything but their quote and brackets).
_ATTRIBUTE = r"""\[[^\]"']*(?:(?:"[^"\]]*"|'[^'\]]*')[^\]"']*)*\]"""
_COMPOUND = rf"(?:[A-Za-z][A-Za-z0-9-]*|\*)?(?:[#.][A-Za-z0-9_-]+|{_ATTRIBUTE})*"
_LOCAL = re.compile(rf"\s*{_COMPOUND}\s*(?:,\s*{_COMPOUND}\s*)*")
_UNSEEN: Any = object()


class HtmlPage:
    """One parsed document, with the per-document work shared by all profiles."""

    def __init__(self, tree: LexborHTMLParser, url: str, marked: Callable[[], set[int]]) -> None:
        self.tree = tree
        self.url = url
        self.marked = marked

    def locate(
        self, spec: FieldSpec | None, entries: dict[int, LexborNode]
    ) -> dict[int, LexborNode]:
        """entry mem_id -> the first node matching ``spec`` inside that entry.

        ``"E F"`` matches exactly the F nodes with an E ancestor, so querying F
        alone and walking up to the nearest entry gives the same answer at a
        third of the cost (lexbor pays per selector in a list, per document).
        """
        if spec is None:
            return {}
        if spec.selector is None:
            return entries
        found: dict[int, LexborNode] = {}
        for node in self.tree.css(spec.selector):
            parent = node.parent
            while parent is not None:
                key = parent.mem_id
                if key in entries:
                    found.setdefault(key, node)
                    break
                parent = parent.parent
        return found

    def locate_in(
        self, spec: FieldSpec | None, entry: LexborNode, entries: dict[int, LexborNode]
    ) -> LexborNode | None:
        """What ``locate`` gives ``entry``, from a query inside it: the first
        match (not ``entry`` itself) whose nearest enclosing entry is ``entry``.
        Equal to ``locate`` for local selectors only (tests pin it)."""
        if spec is None:
            return None
        if spec.selector is None:
            return entry
        key = entry.mem_id
        for node in entry.css(spec.selector):
            parent = node.parent if node.mem_id != key else None
            while parent is not None:
                if parent.mem_id in entries:
                    if parent.mem_id == key:
                        return node
                    break
                parent = parent.parent
        return None


@cache
def is_local(profile: Profile) -> bool:
    """True when every selector of ``profile`` is a list of compound selectors
    (no combinator, no pseudo-class): each matches an element by its own tag
    and attributes, never by its ancestors or anything outside its entry."""
    specs = [profile.id, profile.permalink, profile.title, profile.published, profile.updated]
    specs.append(profile.body)
    selectors = [profile.entry] + [s.selector for s in specs if s is not None and s.selector]
    return all(_LOCAL.fullmatch(selector) for selector in selectors)


def _attribute(node: LexborNode, spec: FieldSpec) -> str | None:
    attrs = node.attrs
    for name in spec.attribute:
        value = attrs.get(name)
        if value:
            return value.strip()
    return None


def _time(node: LexborNode | None, spec: FieldSpec | None) -> datetime | None:
    if node is None or spec is None:
        return None
    raw = _attribute(node, spec) if spec.attribute else node.text()
    return parse_iso(raw) if raw else None


def _ids(
    page: HtmlPage, node: LexborNode | None, spec: FieldSpec | None, anchor: bool
) -> str | None:
    """Permalink (``anchor`` False) or ``#id`` (``anchor`` True), absolute."""
    if node is None or spec is None:
        return None
    raw = _attribute(node, spec) if spec.attribute else node.text().strip()
    if not raw:
        return None
    return resolve_url(page.url, "#" + raw if anchor else raw)


def parse_with_profile(
    page: HtmlPage, profile: Profile, limits: Limits, notes: list[str]
) -> ParsedPage | None:
    """The page read with ``profile``, or None if it finds no entry container.

    At most ``limits.max_entries`` entries, from the page's newest end.
    """
    containers = page.tree.css(profile.entry)
    if not containers:
        notes.append(f"profile:{profile.name}: no element matches {profile.entry!r}")
        return None
    entries = None
    if len(containers) <= limits.max_entries and is_local(profile):
        entries = _cached_entries(page, profile, containers)
    if entries is None:
        entries = _read_entries(page, profile, containers, limits)
    if entries is None:
        notes.append(f"profile:{profile.name}: entry containers nest, repeating their text")
        return None
    result = [e for e in entries if e is not None]
    return ParsedPage.model_construct(
        url=page.url,
        parser=f"profile:{profile.name}",
        title=_page_title(page.tree),
        description=None,
        summary=None,
        published_at=None,
        updated_at=None,
        entries=tuple(unique_ids(result)),
    )


_FIELDS = ("id", "permalink", "title", "updated", "body")


def _read_entries(
    page: HtmlPage, profile: Profile, containers: list[LexborNode], limits: Limits
) -> list[Entry | None] | None:
    """The entries of ``containers``, capped to ``limits.max_entries`` (None: see ``_fits``)."""
    everything = {node.mem_id: node for node in containers}
    published = page.locate(profile.published, everything)
    first, last = containers[0].mem_id, containers[-1].mem_id
    kept = cap_newest(
        containers,
        limits.max_entries,
        _time(published.get(first), profile.published),
        _time(published.get(last), profile.published),
    )
    found = {name: page.locate(getattr(profile, name), everything) for name in _FIELDS}
    if _nested(kept) and not _fits(page, kept, found):
        return None
    return [_entry(page, profile, node.mem_id, found, published) for node in kept]


def _nested(containers: Sequence[LexborNode]) -> bool:
    """Does a container sit inside another? Each ancestor is looked at once."""
    ids = {node.mem_id for node in containers}
    outside: set[int] = set()  # nodes with no container above them
    for node in containers:
        path: list[int] = []
        parent = node.parent
        while parent is not None and parent.mem_id not in outside:
            if parent.mem_id in ids:
                return True
            path.append(parent.mem_id)
            parent = parent.parent
        outside.update(path)
    return False


def _fits(
    page: HtmlPage, kept: Sequence[LexborNode], found: dict[str, dict[int, LexborNode]]
) -> bool:
    """Nested containers repeat the inner ones' text in the outer ones' fields:
    read them only while that stays within twice the page (10k nested entries
    took 12 s, found by the parser fuzz); each size costs its own serialisation."""
    budget = 2 * len(page.tree.raw_html) + 65_536
    for node in kept:
        for name in ("title", "body"):
            field = found[name].get(node.mem_id)
            if field is not None:
                budget -= len(field.html or "")
                if budget < 0:
                    return False
    return True


def _read_some(
    page: HtmlPage, profile: Profile, containers: list[LexborNode], wanted: list[LexborNode]
) -> list[Entry | None]:
    """The entries of a few of the ``containers``, each located on its own
    (``locate_in``): cheaper than document-wide queries for one or two."""
    everything = {node.mem_id: node for node in containers}
    found: dict[str, dict[int, LexborNode]] = {name: {} for name in _FIELDS}
    published: dict[int, LexborNode] = {}
    for node in wanted:
        for name, into in (*found.items(), ("published", published)):
            hit = page.locate_in(getattr(profile, name), node, everything)
            if hit is not None:
                into[node.mem_id] = hit
    return [_entry(page, profile, node.mem_id, found, published) for node in wanted]


def _cached_entries(
    page: HtmlPage, profile: Profile, containers: list[LexborNode]
) -> list[Entry | None] | None:
    """``_read_entries`` for a local profile, reading only containers with new markup.

    None when containers nest deeply: each one's markup holds the ones inside
    it, so keying on it would cost quadratic time and memory (found by the
    parser fuzz: 10k nested containers, 10 s and GBs of cache).
    """
    budget = 2 * len(page.tree.raw_html) + 4096
    markup: list[str] = []
    for node in containers:
        markup.append(node.html or "")
        budget -= len(markup[-1])
        if budget < 0:
            return None
    previous = ENTRY_CACHE.profiled_page(page.url, profile)
    entries: list[Any] = [previous.get(html, _UNSEEN) for html in markup]
    misses = [n for n, entry in enumerate(entries) if entry is _UNSEEN]
    if misses:
        read = _read_some(page, profile, containers, [containers[n] for n in misses])
        for n, entry in zip(misses, read, strict=True):
            entries[n] = entry
    ENTRY_CACHE.store_profiled(page.url, profile, dict(zip(markup, entries, strict=True)))
    return entries


def _entry(
    page: HtmlPage,
    profile: Profile,
    key: int,
    found: dict[str, dict[int, LexborNode]],
    published: dict[int, LexborNode],
) -> Entry | None:
    marked = page.marked()
    title_node = found["title"].get(key)
    body_node = found["body"].get(key)
    title = node_line(title_node, marked) if title_node is not None else ""
    body = "\n\n".join(paragraphs(body_node, marked)) if body_node is not None else ""
    if not title and not body:
        return None
    permalink = _ids(page, found["permalink"].get(key), profile.permalink, anchor=False)
    permalink = permalink or _ids(page, found["id"].get(key), profile.id, anchor=True)
    return make_entry(
        page_url=page.url,
        entry_id=permalink,
        permalink=permalink,
        title=title,
        body=body,
        published_at=_time(published.get(key), profile.published),
        updated_at=_time(found["updated"].get(key), profile.updated),
    )


def _page_title(tree: LexborHTMLParser) -> str | None:
    for query in ('meta[property="og:title"]', "title", "h1"):
        node = tree.css_first(query)
        if node is None:
            continue
        raw = node.attrs.get("content") if node.tag == "meta" else node.text()
        text = " ".join((raw or "").split())
        if text:
            return text
    return None
