"""schema.org ``LiveBlogPosting`` JSON-LD -> page metadata + entries (parser ``jsonld``).

Publishers embed one or more ``<script type="application/ld+json">``; the
live blog may sit at the top level, in a list, in ``@graph`` or nested under
another node (``mainEntity``), with ``liveBlogUpdate`` as one object or a
list, whose items may be ``@id`` references into the ``@graph``. A broken or
oversized script is skipped (and said so) if another one works.

Text fields may hold entities and HTML. Plain values are unescaped and split
into paragraphs at line breaks (schema.org text has no other paragraph mark);
values containing ``<`` are converted as HTML, all of them in one parse.

Speed (a live blog is refetched every minute): a page whose scripts are
those of its last parse is that parse (``ENTRY_CACHE.recall``); a changed
script is re-read against the last one (``ldreuse``: only the changed
stretch of ``liveBlogUpdate`` is decoded), and updates seen before keep
their entries (``ENTRY_CACHE``). Each shortcut falls back to the full
decode when in doubt and gives exactly its result (tests/unit/parse/
test_entrycache.py, test_ldreuse.py).
"""

from __future__ import annotations

import html
from dataclasses import replace
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from streams.models import Entry, ParsedPage
from streams.parse.common import (
    cap_newest,
    clean_line,
    clean_text_body,
    make_entry,
    resolve_url,
    unique_ids,
)
from streams.parse.dates import parse_iso
from streams.parse.entrycache import ENTRY_CACHE, texts_digest
from streams.parse.guard import check_markup
from streams.parse.htmltext import fragments_to_paragraphs
from streams.parse.ldjson import Skip, load, walk
from streams.parse.ldreread import Found, Reuse, direct, first_layout, reread_blog
from streams.settings import Limits

__all__ = ["JSONLD_PARSER", "parse_jsonld", "parse_jsonld_texts"]

JSONLD_PARSER = "jsonld"
_SCRIPTS = 'script[type*="ld+json" i]'


def _value(raw: Any, *, join: bool = False) -> str:
    """A JSON-LD text value: a string, ``{"@value": ...}``, or a list of those."""
    if isinstance(raw, str):
        return raw
    if isinstance(raw, dict):
        return _value(raw.get("@value"))
    if isinstance(raw, list):
        parts = [v for v in (_value(item) for item in raw[:1000]) if v]
        return "\n\n".join(parts) if join else (parts[0] if parts else "")
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return str(raw)
    return ""


class _Converter:
    """Turns text fields into normalised lines/bodies, HTML ones in one batch.

    ``add`` returns a handle: the plain string itself, or the index of an HTML
    fragment in the batch that ``run`` converts.
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.fragments: list[str] = []
        self.converted: list[list[str]] = []

    def add(self, raw: str) -> str | int:
        if "<" in raw:
            self.fragments.append(raw)
            return len(self.fragments) - 1
        return html.unescape(raw) if "&" in raw else raw

    def run(self) -> None:
        # The fragments are parsed as HTML: the same guard as a page's markup
        # (a deep or attribute-flooded articleBody took seconds, issue 6).
        if self.fragments:
            check_markup("".join(self.fragments), self.limits)
        self.converted = fragments_to_paragraphs(self.fragments)

    def body(self, field: str | int) -> str:
        if isinstance(field, int):
            return "\n\n".join(self.converted[field])
        return clean_text_body(field)

    def line(self, field: str | int) -> str:
        if isinstance(field, int):
            return " ".join(self.converted[field])
        return " ".join(p for p in map(clean_line, filter(None, field.splitlines())) if p)


def _resolve(item: Any, index: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    if not isinstance(item, dict):
        return index.get(item) if isinstance(item, str) else None
    ident = item.get("@id")
    if isinstance(ident, str) and "headline" not in item and "articleBody" not in item:
        return index.get(ident, item)
    return item


def _updates(blogs: list[dict[str, Any]], index: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for blog in blogs:
        raw = blog["liveBlogUpdate"]
        for item in raw if isinstance(raw, list) else [raw]:
            if item.__class__ is dict and ("headline" in item or "articleBody" in item):
                items.append(item)  # the common case, what _resolve returns for it
                continue
            node = _resolve(item, index)
            if node is not None:
                items.append(node)
    return items


def _entry_url(page_url: str, node: dict[str, Any]) -> str | None:
    for key in ("url", "@id"):
        ref = _value(node.get(key))
        if ref and not ref.startswith("_:"):
            resolved = resolve_url(page_url, ref)
            if resolved:
                return resolved
    return None


def _build(page_url: str, node: dict[str, Any], title: str, body: str) -> Entry | None:
    if not title and not body:
        return None
    url = _entry_url(page_url, node)
    return make_entry(
        page_url=page_url,
        entry_id=url,
        permalink=url,
        title=title,
        body=body,
        published_at=parse_iso(node.get("datePublished")),
        updated_at=parse_iso(node.get("dateModified")),
    )


def _entries(
    page_url: str, items: list[dict[str, Any]], conv: _Converter, reuse: Reuse | None = None
) -> tuple[list[Entry], list[Entry | None]]:
    """Entries of the updates in page order (and the entry or None per update).

    Unchanged updates come from the cache; with ``reuse`` (the previous
    parse's entry per update, and which of its updates this parse kept at
    its head and from ``tail``: ``ldreuse``), those come by position and
    only the updates between are looked up.
    """
    head, tail, old = 0, 0, list[Entry | None]()
    if reuse is not None:
        old, head, tail = reuse
    middle = items[head : len(items) - (len(old) - tail)]
    built, misses = ENTRY_CACHE.lookup(page_url, middle)
    todo = [
        (
            n,
            conv.add(_value(middle[n].get("headline") or middle[n].get("name"))),
            conv.add(_value(middle[n].get("articleBody") or middle[n].get("text"), join=True)),
        )
        for n in misses
    ]
    conv.run()
    for n, title_f, body_f in todo:
        built[n] = _build(page_url, middle[n], conv.line(title_f), conv.body(body_f))
    if misses:
        ENTRY_CACHE.store(page_url, [middle[n] for n in misses], [built[n] for n in misses], items)
    if reuse is not None:
        built = old[:head] + built + old[tail:]
    return unique_ids(list(filter(None, built))), built  # entries are truthy, None is not


def _page(page_url: str, blog: dict[str, Any], entries: list[Entry], limits: Limits) -> ParsedPage:
    conv = _Converter(limits)
    title_f = conv.add(_value(blog.get("headline") or blog.get("name")))
    desc_f = conv.add(_value(blog.get("description")))
    conv.run()
    return ParsedPage.model_construct(
        url=page_url,
        parser=JSONLD_PARSER,
        title=conv.line(title_f) or None,
        description=conv.body(desc_f) or None,
        summary=None,
        published_at=parse_iso(blog.get("datePublished")),
        updated_at=parse_iso(blog.get("dateModified")),
        entries=tuple(entries),
    )


def parse_jsonld(
    tree: LexborHTMLParser, page_url: str, limits: Limits, notes: list[str]
) -> ParsedPage | None:
    """The page from the JSON-LD scripts of a parsed document; see ``parse_jsonld_texts``."""
    texts = [script.text() for script in tree.css(_SCRIPTS)]
    return parse_jsonld_texts(texts, page_url, limits, notes)


def parse_jsonld_texts(
    texts: list[str], page_url: str, limits: Limits, notes: list[str]
) -> ParsedPage | None:
    """The page from its JSON-LD live blog(s), or None (reasons added to ``notes``).

    ``texts`` are the contents of the page's JSON-LD scripts in document order.
    Several live blogs on one page (the same one embedded twice, or split)
    are merged in document order; the first gives the page metadata. At most
    ``limits.max_entries`` updates are read, from the page's newest end.
    """
    digest = texts_digest(texts)
    memo = ENTRY_CACHE.recall(page_url, digest, limits)
    if memo is not None:
        return memo
    found = reread_blog(texts, page_url, limits) or _read_blogs(texts, page_url, limits, notes)
    if found is None:
        return None
    blog, items, kept, reuse = found
    first = parse_iso(items[0].get("datePublished")) if items else None
    last = parse_iso(items[-1].get("datePublished")) if items else None
    shown = list(cap_newest(items, limits.max_entries, first, last))
    whole = len(shown) == len(items)  # entries line up with the layout's updates
    entries, built = _entries(page_url, shown, _Converter(limits), reuse if whole else None)
    page = _page(page_url, blog, entries, limits)
    ENTRY_CACHE.keep_layout(page_url, kept and replace(kept, built=built if whole else None))
    if page.entries:
        ENTRY_CACHE.remember(page_url, digest, limits, page)
    return page


def _read_blogs(texts: list[str], page_url: str, limits: Limits, notes: list[str]) -> Found | None:
    """Decode every script: the first blog and the updates of all of them."""
    blogs: list[dict[str, Any]] = []
    sources: list[int] = []
    index: dict[str, dict[str, Any]] = {}
    for n, text in enumerate(texts):
        try:
            found, ids = walk(load(text, limits), limits)
        except Skip as exc:
            notes.append(f"jsonld: script {n + 1} skipped: {exc}")
            continue
        blogs.extend(found)
        sources.extend([n] * len(found))
        for key, node in ids.items():
            index.setdefault(key, node)
    if not blogs:
        notes.append("jsonld: no LiveBlogPosting with liveBlogUpdate")
        ENTRY_CACHE.keep_layout(page_url, None)
        return None
    items = _updates(blogs, index)
    raw = blogs[0]["liveBlogUpdate"]
    # Remember where the updates lie for the next fetch (ldreuse), when they
    # are simply the one blog's list of update objects.
    kept = None
    if len(blogs) == 1 and raw.__class__ is list and raw == items and all(map(direct, raw)):
        kept = first_layout(texts, sources[0], raw, limits)
    return blogs[0], items, kept, None
