"""The JSON-LD glue of ``ldreuse``: a changed script re-read against the page's last one.

``ldreuse`` works on text positions; this module checks, on the decoded
pieces, everything the full parse (``jsonld._read_blogs``) would have
decided differently: the script must still hold exactly one live blog,
that array its ``liveBlogUpdate`` (no second, escaped spelling of the key),
and every update decoded now must be a plain update object (not an ``@id``
reference, no live blog inside, within ``max_json_depth``). Otherwise None:
the caller decodes everything.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import orjson

from streams.models import Entry
from streams.parse.entrycache import ENTRY_CACHE
from streams.parse.ldjson import CONTAINERS, Skip, strip_wrappers, types_of, walk
from streams.parse.ldreuse import Layout, layout, reread
from streams.settings import Limits

__all__ = ["Found", "Kept", "Reuse", "direct", "first_layout", "reread_blog"]

Reuse = tuple[list[Entry | None], int, int]


@dataclass(frozen=True, slots=True)
class Kept:
    """What a parse leaves for re-reading the page's next fetch."""

    index: int  # which script holds the live blog
    others: list[str]  # the other scripts (must come back unchanged)
    limits: Limits
    layout: Layout
    depth: int  # the blog's depth: the updates' depth budget depends on it
    built: list[Entry | None] | None = None  # the entry (or None) per update


# (blog, its updates, what to keep for the next fetch, entries reusable by position)
Found = tuple[dict[str, Any], list[dict[str, Any]], Kept | None, Reuse | None]


def first_layout(
    texts: list[str], index: int, updates: list[dict[str, Any]], limits: Limits
) -> Kept | None:
    """What to keep after a full decode whose one blog (in script ``index``)
    has ``updates``: None unless its skeleton checks out as on a re-read."""
    at = layout(strip_wrappers(texts[index]), updates)
    if at is None:
        return None
    found = _skeleton_blog(at.text[: at.open + 1] + at.text[at.close :], limits)
    if found is None:
        return None
    return Kept(index, texts[:index] + texts[index + 1 :], limits, at, found[1])


def direct(item: Any) -> bool:
    """An update object itself (what ``jsonld._updates`` takes as is), not a reference."""
    return item.__class__ is dict and ("headline" in item or "articleBody" in item)


def reread_blog(texts: list[str], page_url: str, limits: Limits) -> Found | None:
    """The blog and its updates read against the page's previous fetch
    (``ldreuse``), or None to decode everything."""
    kept = ENTRY_CACHE.layouts.get(page_url)
    if kept is None:
        return None
    index, others, old, old_built = kept.index, kept.others, kept.layout, kept.built
    if len(texts) != len(others) + 1 or not (kept.limits is limits or kept.limits == limits):
        return None
    text = texts[index]
    if texts[:index] + texts[index + 1 :] != others or (
        len(text) > limits.max_jsonld_bytes // 4
        and len(text.encode("utf-8", "surrogatepass")) > limits.max_jsonld_bytes
    ):
        return None
    read = reread(old, strip_wrappers(text))
    found = None if read is None or not read.layout.items else _skeleton_blog(read.skeleton, limits)
    if read is None or found is None or found[1] != kept.depth:
        return None  # (a deeper blog would leave the old updates less depth)
    blog, depth = found
    inner = limits.model_copy(update={"max_json_depth": limits.max_json_depth - depth - 1})
    for item in read.fresh:
        try:
            if not direct(item) or walk(item, inner)[0]:
                return None  # a reference, or a live blog inside an update
        except Skip:
            return None
    reuse = None
    if old_built is not None and len(old_built) == len(old.items):
        reuse = (old_built, read.head, read.tail)
    return blog, read.layout.items, Kept(index, others, limits, read.layout, depth), reuse


def _skeleton_blog(text: str, limits: Limits) -> tuple[dict[str, Any], int] | None:
    """The one node of the skeleton that has ``liveBlogUpdate`` (it must be a
    LiveBlogPosting whose array, emptied, is ``[]``) and its depth."""
    try:
        doc = orjson.loads(text)
    except orjson.JSONDecodeError:
        return None
    if "\\" in text and _key_count(text) != 1:
        return None  # an escaped spelling of the key: decoders keep the last one
    holders: list[tuple[dict[str, Any], int]] = []
    level: list[Any] = [doc] if doc.__class__ in CONTAINERS else []
    depth = 1
    while level:
        if depth > limits.max_json_depth:
            return None
        below: list[Any] = []
        for node in level:
            if node.__class__ is dict and "liveBlogUpdate" in node:
                holders.append((node, depth))
            children = node.values() if node.__class__ is dict else node
            below.extend([c for c in children if c.__class__ in CONTAINERS])
        level = below
        depth += 1
    if len(holders) != 1:
        return None
    blog, depth = holders[0]
    emptied = blog["liveBlogUpdate"]
    if emptied.__class__ is not list or emptied or "LiveBlogPosting" not in types_of(blog):
        return None
    return blog, depth


def _key_count(text: str) -> int:
    """How many ``liveBlogUpdate`` keys the decoded objects of ``text`` hold."""
    count = 0

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal count
        count += sum(key == "liveBlogUpdate" for key, _ in items)
        return dict(items)

    try:
        json.loads(text, object_pairs_hook=pairs)
    except (ValueError, RecursionError):
        return -1
    return count
