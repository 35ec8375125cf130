"""Count the attributes of every tag the HTML parser could see, in linear time.

Why: lexbor checks each new attribute against the element's others, so one
element with 20,000 distinct attributes takes 0.75 s to parse, 40,000 take
6 s (end tags and tags cut off by the end of the page pay it too, less).
An earlier guard looked for long stretches without ``>``; an element whose
attribute values each held a ``>`` got through (issue 6).

How: tags are read the way the HTML tokenizer reads them (WHATWG HTML
13.2.5): a quote opens a value only right after ``=``, a ``>`` inside a
quoted value does not end the tag, ``<`` may sit in names and values. One
regular expression (C code, possessive: it never backtracks) reads the page
in a single pass, taking text and every tag without ``<`` in its extent in
one step, and stops at what needs a decision in Python:

* a tag holding ``<``: counted on its own (``<`` allowed), then the scan
  resumes right after its ``<``. Its "attribute values" may be real markup
  (the tag may itself be text in a script), so what it covers is read again;
  that re-reading is the only extra work, and past ``max_markup_rescan``
  times the page length (only markup built to overlap gets there) the page
  is refused.
* a comment: skipped to where the tokenizer ends it.
* ``<script>``, ``<style>``, ``<textarea>``, ``<title>``, ``<xmp>``,
  ``<iframe>``, ``<noembed>``, ``<noframes>``: their text is skipped to the
  end tag, but only where that is certain: never inside ``<svg>``/``<math>``
  (foreign content has no raw text), ``<select>`` or after ``<frameset>``
  (the start tag is ignored there), never a script holding ``<!--``, never
  for a tag that may itself sit inside another tag's attribute. Elsewhere
  text is read as markup: a ``<`` + letter counts as a tag even if it is not
  one, so a real tag is never missed and text that only looks like a flood
  of attributes is refused too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from streams.errors import ParseError
from streams.settings import Limits

__all__ = ["TagObserver", "attribute_rescan"]

_WS = "\t\n\f\r "  # the tokenizer's whitespace (CR becomes LF)
_DELIM = f"[{_WS}/>]"
_RAW_TEXT = ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes")
_MODES = ("svg", "math", "select", "frameset")
_INTEGRATION = {
    "svg": frozenset({"foreignobject", "desc", "title"}),
    "math": frozenset({"mi", "mo", "mn", "ms", "mtext", "annotation-xml"}),
}
_IN_SELECT = frozenset({"option", "optgroup", "hr"})
# In SVG/MathML, an end tag of one of these keeps the parser in foreign content
# (anything else may be an HTML element's, which ends it).
_FOREIGN_CHILDREN = frozenset(
    [
        "g",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
        "defs",
        "use",
        "symbol",
        "lineargradient",
        "radialgradient",
        "stop",
        "clippath",
        "mask",
        "pattern",
        "filter",
        "marker",
        "metadata",
        "switch",
        "textpath",
        "mrow",
        "mfrac",
        "msqrt",
        "mroot",
        "msub",
        "msup",
        "msubsup",
        "mover",
        "munder",
        "munderover",
        "mtable",
        "mtr",
        "mtd",
        "mspace",
        "mstyle",
        "mpadded",
        "menclose",
        "semantics",
        "svg",
        "math",
    ]
)
# Start tags that take the parser out of SVG/MathML (WHATWG 13.2.6.5), and font.
_BREAKOUT = frozenset(
    [
        "b",
        "big",
        "blockquote",
        "body",
        "br",
        "center",
        "code",
        "dd",
        "div",
        "dl",
        "dt",
        "em",
        "embed",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "hr",
        "i",
        "img",
        "li",
        "listing",
        "menu",
        "meta",
        "nobr",
        "ol",
        "p",
        "pre",
        "ruby",
        "s",
        "small",
        "span",
        "strong",
        "strike",
        "sub",
        "sup",
        "table",
        "tt",
        "u",
        "ul",
        "var",
        "font",
    ]
)
# The scan's allowance on top of max_markup_rescan x the page length: a small
# page with '<' inside attributes costs nothing worth refusing it for.
_RESCAN_SLACK = 64 * 1024


def _attribute(lt: str) -> str:
    """One attribute: its name, then ``=`` and a value unless no ``=`` follows.

    ``lt`` is ``"<"`` to stop at a ``<`` (the one-step tags), ``""`` to
    allow it. A name may start with ``=`` and hold quotes; an unquoted value
    runs to whitespace or ``>``. Stopping at ``<``, a value that cannot be
    read fails the whole tag rather than be read another way; allowing it,
    an unclosed quote runs to the end of the page, as in the tokenizer.
    """
    name = f"[^{_WS}/>{lt}][^{_WS}/>={lt}]*+"
    if lt:
        value = f"\"[^\"<]*+\"|'[^'<]*+'|(?![\"'])[^{_WS}><]*+"
    else:
        value = f"\"[^\"]*+(?:\"|\\Z)|'[^']*+(?:'|\\Z)|[^{_WS}>]*+"
    return f"{name}[{_WS}]*+(?:=[{_WS}]*+(?:{value})|(?!=))"


def _tag_body(lt: str, limit: int) -> str:
    """A tag after its name's first letter, up to its ``>``, <= ``limit`` attributes."""
    sep = f"[{_WS}/]*+"
    return f"[^{_WS}/>{lt}]*+{sep}(?:{_attribute(lt)}{sep}){{0,{limit}}}+"


@dataclass(frozen=True)
class _Scanners:
    """``step``: text, a ``<`` that starts nothing, and whole tags without
    ``<`` and with at most ``limit`` attributes, except the tags listed
    above. ``foreign``: the same inside ``<svg>``/``<math>``, also stopping
    at integration points and their end tags. ``every``: stops at every tag
    (inside an integration point or ``<select>``). ``tag``: one tag, ``<``
    allowed, at most ``limit`` attributes."""

    step: re.Pattern[str]
    foreign: re.Pattern[str]
    every: re.Pattern[str]
    tag: re.Pattern[str]


@lru_cache(maxsize=8)
def _scanners(limit: int) -> _Scanners:
    plain = _tag_body("<", limit)
    stray = "<(?![A-Za-z!?/])"

    def stepper(starts: tuple[str, ...], ends: tuple[str, ...]) -> re.Pattern[str]:
        start = f"<(?!(?i:{'|'.join(starts)}){_DELIM})[A-Za-z]{plain}>"
        end = f"</(?!(?i:{'|'.join(ends)}){_DELIM})[A-Za-z]{plain}>"
        return re.compile(f"(?:[^<]++|{start}|{end}|{stray})*+", re.ASCII)

    points = tuple(sorted(set().union(*_INTEGRATION.values())))
    return _Scanners(
        step=stepper(_RAW_TEXT + _MODES, ("-",)),
        foreign=stepper(_RAW_TEXT + _MODES + points, _MODES + points),
        every=re.compile(f"(?:[^<]++|{stray})*+", re.ASCII),
        tag=re.compile(f"</?[A-Za-z]{_tag_body('', limit)}"),
    )


def _letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _end(pattern: re.Pattern[str], body: str, pos: int) -> int:
    """Where ``pattern`` matching at ``pos`` ends (both scanners match there)."""
    found = pattern.match(body, pos)
    return pos + 1 if found is None else found.end()


def _comment_end(body: str, pos: int) -> int:
    """End of the comment opening at ``pos`` (``<!--``), as the tokenizer ends it."""
    if body.startswith(">", pos + 4):
        return pos + 5
    if body.startswith("->", pos + 4):
        return pos + 6
    ends = [i for i in (body.find("-->", pos + 4), body.find("--!>", pos + 4)) if i != -1]
    if not ends:
        return len(body)
    first = min(ends)
    return first + (3 if body.startswith("-->", first) else 4)


class TagObserver(Protocol):
    """Told about every tag when the scan runs with ``every_tag`` (the depth check)."""

    def tag(self, name: str, closing: bool, doubtful: bool, markup: str, closed: bool) -> None:
        """``markup``: the tag's text; ``closed``: ``<x/>`` surely in SVG/MathML."""


class _Scan:
    """One page's scan: the re-read budget, where doubtful text ends, and
    whether raw text may be skipped (``foreign``: open ``<svg>``/``<math>``/
    ``<select>`` and integration points, innermost last; ``stuck``: a region
    that may never be known to be closed)."""

    def __init__(self, body: str, limits: Limits, observer: TagObserver | None = None) -> None:
        self.body = body
        self.observer = observer
        self.sure_foreign = False  # surely inside SVG/MathML content (not an integration point)
        self.limit = limits.max_html_attributes
        self.factor = limits.max_markup_rescan
        self.budget = self.factor * len(body) + _RESCAN_SLACK
        self.rescanned = 0
        self.doubt_until = 0  # candidates before this may not be tags at all
        self.foreign: list[str] = []
        self.stuck = False

    def stepper(self, scanners: _Scanners) -> re.Pattern[str]:
        """The fast scan that stops at every tag that can change this state."""
        if self.observer is not None:
            return scanners.every
        if self.stuck or not self.foreign:
            return scanners.step
        return scanners.foreign if self.foreign[-1] in _INTEGRATION else scanners.every

    def tag(self, pos: int, one_tag: re.Pattern[str]) -> int:
        """Count the tag at ``pos``; the position to resume the fast scan at."""
        body = self.body
        end = _end(one_tag, body, pos)
        if end < len(body) and body[end] != ">":
            raise ParseError(
                f"an HTML element has more than max_html_attributes={self.limit} attributes"
            )
        closing = body.startswith("</", pos)
        name_at = pos + 2 if closing else pos + 1
        name = re.split(f"[{_WS}/>]", body[name_at : name_at + 16], maxsplit=1)[0]
        name = name.lower() if name.isascii() else ""  # ASCII case-folding only
        doubtful = pos < self.doubt_until
        if body.find("<", pos + 1, end) != -1:  # holds '<': what it covers is read again
            self.rescanned += end - pos
            if self.rescanned > self.budget:
                raise ParseError(
                    "HTML tags overlap ('<' inside other tags' attributes) more than "
                    f"max_markup_rescan={self.factor} times the page length"
                )
            self.doubt_until = max(self.doubt_until, end)
            doubtful = True
        self._sure(name, closing, doubtful)
        if self.observer is not None:
            closed = self.sure_foreign and body[end - 1 : end] == "/"
            self.observer.tag(name, closing, doubtful, body[pos:end], closed)
        if closing:
            self._close(name, doubtful)
            return pos + 1 if doubtful else end + 1
        self._open(name, doubtful)
        if doubtful:
            return pos + 1
        if name == "plaintext" and not (self.foreign or self.stuck):
            return len(body)  # the rest of the page is text
        return self._raw_text(name, end + 1) if name in _RAW_TEXT else end + 1

    def _sure(self, name: str, closing: bool, doubtful: bool) -> None:
        """Keep ``sure_foreign`` only while nothing can have ended SVG/MathML content."""
        if doubtful or self.stuck:
            self.sure_foreign = False
        elif not closing and name in ("svg", "math"):
            self.sure_foreign = not self.foreign or self.foreign[-1] in _INTEGRATION
        elif (closing and (name not in _FOREIGN_CHILDREN or name in ("svg", "math"))) or (
            not closing and (name in _BREAKOUT or name in _INTEGRATION.get(self._top(), ()))
        ):
            self.sure_foreign = False

    def _top(self) -> str:
        return self.foreign[-1] if self.foreign else ""

    def _open(self, name: str, doubtful: bool) -> None:
        top = self.foreign[-1] if self.foreign else ""
        if self.stuck:
            return
        if top.startswith("ip:") or (top == "select" and name not in _IN_SELECT):
            self.stuck = True  # HTML rules inside: the parser's stack is beyond us
        elif doubtful and (top or name in _MODES):
            self.stuck = True
        elif name in ("svg", "math", "select"):
            self.foreign.append(name)
        elif name == "frameset":
            self.stuck = True
        elif name in _INTEGRATION.get(top, ()):
            self.foreign.append("ip:" + name)

    def _close(self, name: str, doubtful: bool) -> None:
        if self.foreign and not doubtful and self.foreign[-1] in (name, "ip:" + name):
            self.foreign.pop()

    def _raw_text(self, name: str, start: int) -> int:
        """Skip raw text where it surely is; else read it as markup, skipping nothing."""
        body = self.body
        stop = _script_end(body, start) if name == "script" else _raw_end(body, name, start)
        if self.foreign or self.stuck:
            self.doubt_until = max(self.doubt_until, stop)
            return start
        return stop

    def bogus(self, pos: int) -> int:
        """``<!``, ``<?``, ``</`` + not a letter: a comment (skipped when certain)
        or bogus comment / doctype / CDATA (to ``>``; its text is doubtful)."""
        body = self.body
        if pos < self.doubt_until:
            return pos + 1
        if body.startswith("<!--", pos):
            return _comment_end(body, pos)
        closer = body.find(">", pos + 2)
        stop = len(body) if closer == -1 else closer + 1
        if body.startswith("<![CDATA[", pos):  # a CDATA section in foreign content
            cdata = body.find("]]>", pos + 9)
            stop = max(stop, len(body) if cdata == -1 else cdata + 3)
        self.doubt_until = stop
        return pos + 1


def _raw_end(body: str, name: str, start: int) -> int:
    """Where RAWTEXT/RCDATA from ``start`` ends: its end tag (or the page's end)."""
    found = re.compile(f"</{name}{_DELIM}", re.IGNORECASE | re.ASCII).search(body, start)
    return len(body) if found is None else found.start()


_SCRIPT_TOKENS = re.compile(f"<!--|-->|</?script{_DELIM}", re.IGNORECASE | re.ASCII)


def _script_end(body: str, start: int) -> int:
    """Where script text from ``start`` ends, with the tokenizer's escaped
    states: after ``<!--``, a ``<script>`` makes the next ``</script>`` text."""
    state = "data"  # or "escaped", "double"
    pos = start
    while (found := _SCRIPT_TOKENS.search(body, pos)) is not None:
        token = found.group().lower()
        pos = found.end()
        if token == "<!--":
            state = "escaped" if state == "data" else state
            pos = found.start() + 2  # its dashes may begin a "-->"
        elif token == "-->":
            state = "data"
        elif token.startswith("</"):
            if state != "double":
                return found.start()
            state = "escaped"
        elif state == "escaped":
            state = "double"
    return len(body)


def attribute_rescan(body: str, limits: Limits, observer: TagObserver | None = None) -> int:
    """Raise ParseError if an element may get more than ``max_html_attributes``.

    Returns the characters read again for tags holding a ``<`` (the work
    beyond one pass: tests and benchmarks/fuzz_parsers.py hold it linear).
    With an ``observer``, every tag the parser may see is reported to it, in
    order, with whether it may not be a tag at all (``doubtful``).
    """
    limit = limits.max_html_attributes
    size = len(body)
    if size < 2 * limit + 2 and observer is None:  # an attribute takes two characters at least
        return 0
    scanners = _scanners(limit)
    scan = _Scan(body, limits, observer)
    pos = _end(scan.stepper(scanners), body, 0)
    while pos < size:
        after = body[pos + 1 : pos + 2]
        if after in ("!", "?") or (after == "/" and not _letter(body[pos + 2 : pos + 3])):
            pos = scan.bogus(pos)
        else:
            pos = scan.tag(pos, scanners.tag)
        pos = _end(scan.stepper(scanners), body, pos)
    return scan.rescanned
