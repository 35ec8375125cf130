"""Re-read a live blog's JSON-LD against its previous fetch: decode only what changed.

Why: on a changed JSON-LD page, decoding the whole script (orjson), walking
it and matching every update against the entry cache cost more than the
rest of parse + diff, while a fetch usually adds or edits one or two updates
(issue #2 wants parse + diff at >= 0.7x a bare HTML parse).

How: the previous fetch left a ``Layout``: the script text and where each
``liveBlogUpdate`` item lies in it, with its decoded object. The new text
is compared with the old one (common prefix and suffix, memcmp). Items
entirely in the unchanged prefix or suffix are the same text in the same
context, so the same objects; the stretch between is read item by item: an
old item's exact text is recognised with one comparison (JSON objects are
self-delimiting), anything else is decoded on its own (its end from the
``json`` scanner, its value from orjson, like the full parse). What
surrounds the array (the "skeleton": the text with the array emptied) is
returned for the caller to decode and check: valid, with exactly one live
blog, whose ``liveBlogUpdate`` is this (now empty) array. A valid skeleton
with a valid list of values put back between the brackets is valid JSON
whose array holds exactly those values.

Every doubt returns None and the caller decodes the whole script as before:
the result is always what the full parse gives (tests/unit/parse/
test_ldreuse.py replays random edit sequences in several JSON styles).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from itertools import repeat
from operator import add
from typing import Any

import orjson

__all__ = ["KEY", "Layout", "Reread", "layout", "reread"]

KEY = '"liveBlogUpdate"'
_WS = frozenset(" \t\n\r")
_KEY_BEFORE = re.compile(r'[{,][ \t\n\r]*"liveBlogUpdate"[ \t\n\r]*:[ \t\n\r]*\Z')
# The C scanner behind json.loads: decodes one value at an index, returns its end.
_SCAN: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
_CHUNK = 4096
_LOOKAHEAD = 3  # old items tried at each position of the changed stretch (removals)

Item = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the updates lie in one (wrapper-stripped) script text."""

    text: str
    open: int  # index of the array's "["
    close: int  # index of its "]"
    starts: list[int]
    ends: list[int]
    items: list[Item]


@dataclass(frozen=True, slots=True)
class Reread:
    """The new layout, its skeleton text, and the items decoded now.

    The new items are the old ``items[:head]``, then those read in the
    changed stretch, then the old ``items[tail:]``.
    """

    layout: Layout
    skeleton: str
    fresh: list[Item]
    head: int
    tail: int


class _Doubt(Exception):
    """The text cannot be read this way; decode all of it."""


def layout(text: str, items: list[Item]) -> Layout | None:
    """The layout of a decoded script whose one live blog has ``items``.

    None unless the text spells ``"liveBlogUpdate"`` exactly once and its
    array, scanned here, holds exactly those items.
    """
    at = text.find(KEY)
    if at == -1 or text.find(KEY, at + 1) != -1:
        return None
    try:
        start = _after(text, at + len(KEY), ":")
        if text[start : start + 1] != "[" or not _is_key(text, start):
            return None
        starts, ends, found, close = _scan(text, start + 1, False, None, _Known.none())
    except _Doubt:
        return None
    if found != items:
        return None
    return Layout(text, start, close, starts, ends, items)


def reread(old: Layout, text: str) -> Reread | None:
    """The new script text read against ``old``; None when only a full decode can tell."""
    try:
        return _reread(old, text)
    except _Doubt:
        return None


class _Known:
    """Old items of the changed stretch, tried in order at each new item."""

    __slots__ = ("items", "next", "spans", "text")

    def __init__(self, text: str, spans: list[tuple[int, int]], items: list[Item]) -> None:
        self.text, self.spans, self.items, self.next = text, spans, items, 0

    @classmethod
    def none(cls) -> _Known:
        return cls("", [], [])

    def match(self, text: str, pos: int) -> tuple[Item, int] | None:
        for n in range(self.next, min(self.next + _LOOKAHEAD, len(self.items))):
            start, end = self.spans[n]
            if text.startswith(self.text[start:end], pos):
                self.next = n + 1
                return self.items[n], pos + end - start
        return None

    def rest(self, text: str, pos: int) -> tuple[list[int], list[int], list[Item], int] | None:
        """All the remaining old items at once, if their whole stretch (with its
        separators) is at ``pos``: the usual case after a new item on top."""
        if self.next >= len(self.items):
            return None
        first, last = self.spans[self.next][0], self.spans[-1][1]
        if not text.startswith(self.text[first:last], pos):
            return None
        shift = pos - first
        starts = [start + shift for start, _ in self.spans[self.next :]]
        ends = [end + shift for _, end in self.spans[self.next :]]
        items = self.items[self.next :]
        self.next = len(self.items)
        return starts, ends, items, last + shift


def _reread(old: Layout, text: str) -> Reread:
    before = old.text
    prefix = _common_prefix(before, text)
    suffix = _common_suffix(before, text, min(len(before), len(text)) - prefix)
    delta = len(text) - len(before)
    changed_end = len(before) - suffix  # [prefix, changed_end) changed, in old positions
    if changed_end <= old.open:  # the whole array is in the unchanged suffix
        opening, close = old.open + delta, old.close + delta
        starts = list(map(add, old.starts, repeat(delta)))
        ends = list(map(add, old.ends, repeat(delta)))
        new = Layout(text, opening, close, starts, ends, old.items)
        return Reread(new, _skeleton(text, opening, close), [], len(old.items), len(old.items))
    if prefix <= old.open:
        raise _Doubt  # the change reaches the key or the "[": decode it all
    if prefix > old.close:  # the whole array is in the unchanged prefix
        new = Layout(text, old.open, old.close, old.starts, old.ends, old.items)
        count = len(old.items)
        return Reread(new, _skeleton(text, old.open, old.close), [], count, count)
    count = len(old.starts)
    head = bisect_right(old.ends, prefix)  # items whose text ends before the change
    tail = count  # first item starting after it (if the "]" is after it too)
    if changed_end <= old.close:
        tail = max(bisect_left(old.starts, changed_end), head)
    target = old.starts[tail] + delta if tail < count else None
    pos = old.ends[head - 1] if head else old.open + 1
    spans = list(zip(old.starts[head:tail], old.ends[head:tail], strict=True))
    known = _Known(before, spans, old.items[head:tail])
    fresh: list[Item] = []
    starts, ends, items, close = _scan(text, pos, head > 0, target, known, fresh)
    if target is not None:
        starts += map(add, old.starts[tail:], repeat(delta))
        ends += map(add, old.ends[tail:], repeat(delta))
        items += old.items[tail:]
        close = old.close + delta
    new = Layout(
        text,
        old.open,
        close,
        old.starts[:head] + starts,
        old.ends[:head] + ends,
        old.items[:head] + items,
    )
    return Reread(new, _skeleton(text, old.open, close), fresh, head, tail)


def _skeleton(text: str, opening: int, close: int) -> str:
    if not _is_key(text, opening):
        raise _Doubt
    return text[: opening + 1] + text[close:]


def _is_key(text: str, opening: int) -> bool:
    """Whether the "[" at ``opening`` follows a ``"liveBlogUpdate":`` key token
    (after "{" or ","; not an escaped quote inside a string)."""
    return _KEY_BEFORE.search(text, max(0, opening - 256), opening) is not None


def _skip(text: str, pos: int) -> int:
    """The index of the first non-whitespace character from ``pos`` (JSON whitespace)."""
    end = len(text)
    while pos < end and text[pos] in _WS:
        pos += 1
    return pos


def _after(text: str, pos: int, mark: str) -> int:
    """The index after ``mark`` (skipping whitespace around it)."""
    pos = _skip(text, pos)
    if text[pos : pos + 1] != mark:
        raise _Doubt
    return _skip(text, pos + 1)


def _scan(
    text: str,
    pos: int,
    after_item: bool,
    target: int | None,
    known: _Known,
    fresh: list[Item] | None = None,
) -> tuple[list[int], list[int], list[Item], int]:
    """Array items from ``pos`` (just after "[", or after an item when
    ``after_item``) up to ``target`` (the start of the first unchanged item
    after the changed stretch) or, without one, to the "]".

    Returns their starts, ends, objects and the index of the "]" (-1 when
    stopped at ``target``).
    """
    starts: list[int] = []
    ends: list[int] = []
    items: list[Item] = []
    while True:
        pos = _skip(text, pos)
        mark = text[pos : pos + 1]
        if mark == "]" and target is None:
            return starts, ends, items, pos
        if after_item:
            if mark != ",":
                raise _Doubt
            pos = _skip(text, pos + 1)
        if target is not None and pos >= target:
            if pos != target:
                raise _Doubt
            return starts, ends, items, -1
        run = known.rest(text, pos)
        if run is not None:
            starts += run[0]
            ends += run[1]
            items += run[2]
            pos, after_item = run[3], True
            continue
        item, end = _item_at(text, pos, known, fresh)
        starts.append(pos)
        ends.append(end)
        items.append(item)
        pos, after_item = end, True


def _item_at(text: str, pos: int, known: _Known, fresh: list[Item] | None) -> tuple[Item, int]:
    """The object at ``pos`` (an old one if its text is there) and its end."""
    hit = known.match(text, pos)
    if hit is not None:
        return hit
    if text[pos : pos + 1] != "{":
        raise _Doubt
    try:
        _, end = _SCAN(text, pos)
        item = orjson.loads(text[pos:end])
    except (StopIteration, ValueError, RecursionError):
        raise _Doubt from None
    if item.__class__ is not dict:
        raise _Doubt
    if fresh is not None:
        fresh.append(item)
    return item, end


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix: chunk compares, then a binary search."""
    limit = min(len(a), len(b))
    pos = 0
    while pos + _CHUNK <= limit and a[pos : pos + _CHUNK] == b[pos : pos + _CHUNK]:
        pos += _CHUNK
    low, high = pos, min(pos + _CHUNK, limit)
    while low < high:  # a[:low] == b[:low]; the largest such low
        mid = (low + high + 1) // 2
        if a[pos:mid] == b[pos:mid]:
            low = mid
        else:
            high = mid - 1
    return low


def _common_suffix(a: str, b: str, limit: int) -> int:
    """Length of the common suffix, at most ``limit``."""
    la, lb = len(a), len(b)
    n = 0
    while n + _CHUNK <= limit and a[la - n - _CHUNK : la - n] == b[lb - n - _CHUNK : lb - n]:
        n += _CHUNK
    low, high = n, min(n + _CHUNK, limit)
    while low < high:
        mid = (low + high + 1) // 2
        if a[la - mid : la - n] == b[lb - mid : lb - n]:
            low = mid
        else:
            high = mid - 1
    return low
