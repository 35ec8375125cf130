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

import re

from streams.errors import ParseError
from streams.parse.guard_attributes import attribute_rescan
from streams.settings import Limits

__all__ = ["attribute_rescan", "check_markup"]


def _tags(names: str) -> frozenset[str]:
    return frozenset(names.split())


_FREE_TAGS = 16_384

_VOID = _tags(
    "area base br col embed hr img input link meta source track wbr param keygen frame "
    "basefont bgsound image"
)
# Start tags that close an open element of their kind through inline elements
# (WHATWG 13.2.6.4.7), and those that do only when it is the current node.
_THROUGH_INLINE = _tags("p li dt dd")
_ON_TOP = _tags("option tr td th thead tbody tfoot")
_NEAR_TOP = 3
# What may sit above an open sibling that a new start tag still closes.
_PHRASING = _tags("p a b i u s em strong small span font code big tt sub sup mark")
_FORMATTING = _tags("a b big code em font i nobr s small strike strong tt u")
# Formatting start tags with attributes: the parser keeps three alike at most
# (14 names x 3 without attributes), so only these can make the list long.
_FORMATTING_WITH_ATTRIBUTES = re.compile(
    r"<(?:b|big|code|em|font|i|nobr|s|small|strike|strong|tt|u)[\t\n\f\r /]+[^\t\n\f\r />]",
    re.IGNORECASE,
)
# Few such tags and few tags: re-opening and nesting stay cheap (measured <= 0.1 s).
_FREE_FORMATTING = 24
# Re-opened formatting elements allowed beyond one per tag, per max_html_formatting.
_REOPEN_FREE = 64


def check_markup(body: str, limits: Limits) -> None:
    """Raise ParseError if ``body`` nests or stacks attributes past the limits.

    The depth check needs every tag, so it runs (in the same pass as the
    attribute check) only where depth can be costly: many tags, or enough
    formatting tags to be re-opened again and again.
    """
    formatting = len(_FORMATTING_WITH_ATTRIBUTES.findall(body))
    if body.count("<") > _FREE_TAGS or formatting > min(
        _FREE_FORMATTING, limits.max_html_formatting
    ):
        attribute_rescan(body, limits, _Depth(limits))
    else:
        attribute_rescan(body, limits)


class _Depth:
    """An upper bound of the parser's stack of open elements, tag by tag.

    Everything that can make the real stack deeper counts; an element leaves
    only when the parser surely pops it: an end tag (of a tag that surely is
    one), ``<p>``/``<li>``/``<dt>``/``<dd>`` closing an open one through
    inline elements, ``<option>``/table parts only when on top. Formatting
    elements (``<b>``, ``<font>``...) still open when a block closes over
    them are re-opened by the parser at the next text: the list of those
    ("active formatting elements", at most 3 alike) is counted too.
    """

    def __init__(self, limits: Limits) -> None:
        self.limit = limits.max_html_depth
        self.formatting_limit = limits.max_html_formatting
        self.stack: list[str] = []
        self.open_count: dict[str, int] = {}
        self.active: dict[tuple[str, str], int] = {}  # (name, attributes) -> count, <= 3
        self.active_total = 0
        self.tags = 0
        self.reopened = 0  # formatting elements the parser re-creates (they were popped)
        self.pending: list[str] = []  # popped while still active: re-opened at the next text

    def tag(self, name: str, closing: bool, doubtful: bool, markup: str, closed: bool) -> None:
        name = name or "?"  # a non-ASCII name is still an element
        self.tags += 1
        if closing:
            if not doubtful:
                self._end(name)
            return
        if name in _FORMATTING:
            self._activate(name, markup, doubtful)
        if name not in _VOID and not closed:
            if not doubtful and self._closes_sibling(name):
                self._pop_to(name)
            self._push(name)
        self._reopen()  # as if text followed: the parser re-opens inside the new element
        if len(self.stack) + self.active_total > self.limit:
            raise ParseError(
                f"HTML nests deeper than max_html_depth={self.limit} (parsing it would be too slow)"
            )

    def _push(self, name: str) -> None:
        self.stack.append(name)
        self.open_count[name] = self.open_count.get(name, 0) + 1

    def _reopen(self) -> None:
        for name in self.pending:
            if any(key[0] == name for key in self.active):
                self._push(name)
                self.reopened += 1
        self.pending.clear()
        if self.reopened > self.tags + _REOPEN_FREE * self.formatting_limit:
            raise ParseError(
                f"HTML makes the parser re-open formatting elements ({self.reopened} times in "
                f"{self.tags} tags; max_html_formatting={self.formatting_limit} left open)"
            )

    def _activate(self, name: str, markup: str, doubtful: bool) -> None:
        if name in ("a", "nobr") and not doubtful:
            self._forget(name)  # a new <a> ends the previous one
        key = (name, markup[len(name) + 1 :].strip().lower())
        if self.active.get(key, 0) < 3:  # the parser keeps three alike at most
            self.active[key] = self.active.get(key, 0) + 1
            self.active_total += 1
        if self.active_total > self.formatting_limit:
            raise ParseError(
                f"HTML leaves more than max_html_formatting={self.formatting_limit} formatting "
                "elements open (the parser would re-open them after every block)"
            )

    def _forget(self, name: str, one: bool = False) -> None:
        for key in [k for k in self.active if k[0] == name]:
            count = 1 if one else self.active[key]
            self.active[key] -= count
            self.active_total -= count
            if not self.active[key]:
                del self.active[key]
            if one:
                return

    def _end(self, name: str) -> None:
        if name in _FORMATTING:
            self._forget(name, one=True)
            if name in self.pending:
                self.pending.remove(name)
        if self.open_count.get(name):
            self._pop_to(name)

    def _closes_sibling(self, name: str) -> bool:
        """Does a new ``<li>``/``<p>``/... surely close an open one near the top?"""
        if name in _ON_TOP:
            return self.stack[-1:] == [name]
        if name not in _THROUGH_INLINE:
            return False
        for entry in reversed(self.stack[-_NEAR_TOP:]):
            if entry == name:
                return True
            if entry not in _PHRASING:
                return False
        return False

    def _pop_to(self, name: str) -> None:
        while self.stack:
            top = self.stack.pop()
            self.open_count[top] -= 1
            if top == name:
                break
            if top in _FORMATTING and any(key[0] == top for key in self.active):
                self.pending.append(top)
