"""Refuse markup that would make the HTML parser slow, before parsing it.

lexbor (under selectolax) is iterative, so depth cannot crash it, but some of
its tree-building steps walk the stack of open elements or an element's
attribute list: measured, 20,000 nested ``<div>`` take 0.36 s, 200,000 take
85 s, and one element with 20,000 distinct attributes takes 0.75 s. Both are
quadratic, so a hostile page could hang a worker. This module bounds them:

* nesting: a page with at most ``_FREE_TAGS`` tag openers cannot nest deep
  enough to be slow (worst case measured ~0.3 s); above that, a linear scan
  estimates the open-element depth and rejects pages past ``max_html_depth``.
* attributes: ``guard_attributes`` counts every tag's attributes the way the
  HTML tokenizer reads them, in one linear pass, against
  ``max_html_attributes``.
"""

from __future__ import annotations

from streams.errors import ParseError
from streams.parse.guard_attributes import attribute_rescan
from streams.settings import Limits

__all__ = ["attribute_rescan", "check_markup"]


def _tags(names: str) -> frozenset[str]:
    return frozenset(names.split())


_FREE_TAGS = 16_384
_NAME_CHARS = 40

_VOID = _tags(
    "area base br col embed hr img input link meta source track wbr param keygen frame "
    "basefont bgsound image"
)
_RAW_TEXT = _tags("script style textarea title xmp iframe noembed noframes")
# Elements whose start tag implicitly closes an open one of the same kind.
_SELF_CLOSING_SIBLINGS = _tags("p li dt dd option optgroup tr td th thead tbody tfoot rb rt rp rtc")
_NEAR_TOP = 3
# What may sit above an open sibling that a new start tag still closes.
_PHRASING = _tags("p a b i u s em strong small span font code big tt sub sup mark")


def check_markup(body: str, limits: Limits) -> None:
    """Raise ParseError if ``body`` nests or stacks attributes past the limits."""
    attribute_rescan(body, limits)
    if body.count("<") > _FREE_TAGS:
        depth = _max_depth(body, limits.max_html_depth)
        if depth > limits.max_html_depth:
            raise ParseError(
                f"HTML nests deeper than max_html_depth={limits.max_html_depth} "
                "(parsing it would be too slow)"
            )


def _tag_name(lowered: str, pos: int) -> str:
    chunk = lowered[pos : pos + _NAME_CHARS]
    for stop in ("/", ">"):
        chunk = chunk.split(stop, 1)[0]
    parts = chunk.split(None, 1)
    return parts[0] if parts else ""


def _max_depth(body: str, limit: int) -> int:
    """Estimated deepest open-element stack; stops early once past ``limit``.

    A linear pass over tag openers (pops are amortised by per-name counts).
    It errs towards a larger depth only for markup that really nests.
    """
    lowered = body.lower()
    stack: list[str] = []
    open_count: dict[str, int] = {}
    deepest = 0
    pos = lowered.find("<")
    while pos != -1 and deepest <= limit:
        nxt = lowered[pos + 1 : pos + 2]
        if nxt == "!":
            closer = "-->" if lowered.startswith("<!--", pos) else ">"
            end = lowered.find(closer, pos + 2)
        elif nxt == "/":
            name = _tag_name(lowered, pos + 2)
            if open_count.get(name):
                _pop_to(stack, open_count, name)
            end = lowered.find(">", pos)
        elif nxt.isalpha():
            name = _tag_name(lowered, pos + 1)
            end = lowered.find(">", pos)
            if name in _RAW_TEXT:
                end = lowered.find("</" + name, pos)
            elif name == "plaintext":
                break
            elif name not in _VOID and not _self_closed(lowered, end, open_count):
                if name in _SELF_CLOSING_SIBLINGS and _closes_sibling(stack, name):
                    _pop_to(stack, open_count, name)
                stack.append(name)
                open_count[name] = open_count.get(name, 0) + 1
                deepest = max(deepest, len(stack))
        else:
            end = pos
        if end == -1:
            break
        pos = lowered.find("<", end + 1)
    return deepest


def _self_closed(lowered: str, end: int, open_count: dict[str, int]) -> bool:
    """``<x/>`` closes itself only inside SVG/MathML; in HTML it still opens."""
    foreign = open_count.get("svg", 0) or open_count.get("math", 0)
    return bool(foreign) and end > 0 and lowered.startswith("/", end - 1)


def _closes_sibling(stack: list[str], name: str) -> bool:
    """Does a new ``<li>``/``<p>``/... implicitly close an open one near the top?"""
    for entry in reversed(stack[-_NEAR_TOP:]):
        if entry == name:
            return True
        if entry not in _PHRASING:
            return False
    return False


def _pop_to(stack: list[str], open_count: dict[str, int], name: str) -> None:
    while stack:
        top = stack.pop()
        open_count[top] -= 1
        if top == name:
            return
