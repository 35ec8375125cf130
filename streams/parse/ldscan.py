"""Read a page's JSON-LD script texts without parsing all of the page's HTML.

Why: on a JSON-LD live blog everything we read is in those scripts, and one
lexbor parse of a 200 KB page costs more than the rest of parse + diff
together (issue #2 wants parse + diff at >= 0.7x the throughput of a bare
parse). A script element's content is raw text (no entities, no child
elements; it ends at the first ``</script``), so it is a plain slice of the
page once we know where the element starts.

How, without becoming a second HTML parser:

1. Find each ``ld+json`` with single-character searches (memchr on its rare
   ``+``; a multi-character ``str.find`` over 200 KB costs a fifth of a
   parse) and the ``<script`` start tag around it; the text runs to the
   first ``</script`` (any case) followed by a delimiter.
2. Verify with lexbor itself: parse the page *up to the last such script*
   with every script's content replaced by a numbered marker (so the
   100 KB of JSON is never tokenised). The scripts the parser finds there
   must be exactly our markers in order; otherwise (an opener inside a
   comment, an attribute value, ``<template>``, another script ...) the
   answer is ``None`` and the caller parses the whole page as before.

``None`` also when: the text before the last script is large (the check
would cost a full parse: ``_MAX_PROBE``), a script holds ``<!--`` (the
tokenizer's escaped states), NUL or CR (rewritten by the parser's input
stream), ``ld+json`` appears in another case, or a start tag is huge.
tests/unit/parse/test_ldscan.py fuzzes the equality with the full parse.
"""

from __future__ import annotations

import re
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from streams.parse.guard import check_markup
from streams.parse.htmltext import PARSE_OPTIONS
from streams.settings import Limits

__all__ = ["SCRIPTS", "ld_script_texts"]

SCRIPTS = 'script[type*="ld+json" i]'
_DELIMS = frozenset(" \t\n\r\f/>")
_CLOSE = re.compile("</script", re.IGNORECASE)
_MAX_TAG = 4096
_MAX_SCRIPTS = 64
_MAX_PROBE = 64 * 1024
_MEMO_PROBES = 128
_MARK = "\ue010"  # private-use character: marker text of script n is _MARK + str(n)


class _Unsure(Exception):
    """The raw text is ambiguous here: parse the whole page instead."""


def ld_script_texts(body: str, limits: Limits) -> list[str] | None:
    """Texts of the page's ``script[type*="ld+json" i]`` elements, in order.

    ``None`` when only a full parse can tell (including a page without any
    lower-case ``ld+json``: it may spell it in another case).
    """
    try:
        spans = _spans(body)
    except _Unsure:
        return None
    if not spans:
        return None
    probe: list[str] = []
    previous = 0
    for n, (content_start, content_end, end) in enumerate(spans):
        probe += (body[previous:content_start], f"{_MARK}{n}", body[content_end:end])
        previous = end
    text = "".join(probe)
    if len(text) > _MAX_PROBE:
        return None
    check_markup(text, limits)
    order = _verified_order(text, len(spans))
    if order is None:
        return None
    return [body[spans[n][0] : spans[n][1]] for n in order]


@lru_cache(maxsize=_MEMO_PROBES)
def _verified_order(text: str, count: int) -> tuple[int, ...] | None:
    """Which spans (by marker number, in document order) lexbor reads as the
    JSON-LD scripts of the probe ``text``; None if any span is not a script.

    A pure function of the probe, so memoised: a live blog's prefix (head,
    markup before its script) rarely changes between fetches, and this parse
    was a fifth of a JSON-LD page's cost. Bounded: ``_MEMO_PROBES`` probes of
    at most ``_MAX_PROBE`` characters (8 MB at worst, a few KB each usually).
    """
    tree = LexborHTMLParser(text, options=PARSE_OPTIONS)
    # Every span must be an HTML script element of the tree (not text in a
    # comment or attribute, not template content, not an SVG/MathML script)...
    marked = [node for node in tree.css("script") if node.text().startswith(_MARK)]
    if [node.text() for node in marked] != [f"{_MARK}{n}" for n in range(count)]:
        return None
    if any(_in_foreign_content(node) for node in marked):
        return None
    # ... and every JSON-LD script of the tree one of the spans.
    json_ld = [node.text() for node in tree.css(SCRIPTS)]
    if not all(mark.startswith(_MARK) for mark in json_ld):
        return None
    return tuple(int(mark[1:]) for mark in json_ld)


def _in_foreign_content(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in ("svg", "math"):
            return True
        parent = parent.parent
    return False


def _spans(body: str) -> list[tuple[int, int, int]]:
    """(content start, content end, element end) of each ``<script`` whose
    start tag holds a lower-case ``ld+json`` (in any attribute), in order."""
    spans: list[tuple[int, int, int]] = []
    scanned = 0
    pos = _next_needle(body, 0)
    while pos != -1:
        span = _script_at(body, pos, scanned)
        if span is not None:
            if len(spans) == _MAX_SCRIPTS:
                raise _Unsure
            spans.append(span)
            scanned = pos = span[2]
        pos = _next_needle(body, pos + 1)
    return spans


def _next_needle(body: str, start: int) -> int:
    """Index of the next ``ld+json``, found through its rare ``+`` (a memchr)."""
    plus = body.find("+", start + 2)
    while plus != -1:
        if body.startswith("ld+json", plus - 2):
            return plus - 2
        if body[plus - 2 : plus + 5].lower() == "ld+json":
            raise _Unsure  # another spelling: the parser's selector ignores case
        plus = body.find("+", plus + 1)
    return -1


def _script_at(body: str, pos: int, scanned: int) -> tuple[int, int, int] | None:
    """The span of the script element whose start tag seems to hold ``pos``.

    None when ``pos`` is plainly not in a ``<script`` start tag (text,
    ``<link type=...>``); ``_Unsure`` when it might be.
    """
    lt = body.rfind("<", scanned, pos)
    if lt == -1:
        return None
    is_script = body[lt : lt + 7].lower() == "<script" and body[lt + 7 : lt + 8] in _DELIMS
    if not is_script or body.find(">", lt, pos) != -1:
        # Text or another tag, unless a quoted '<' or '>' hides a script start tag.
        if "<script" in body[max(scanned, pos - _MAX_TAG) : pos].lower():
            raise _Unsure
        return None
    tag_end = body.find(">", pos)
    if tag_end == -1 or tag_end - lt > _MAX_TAG:
        raise _Unsure
    start = tag_end + 1
    close = _CLOSE.search(body, start)
    if close is None or body[close.end() : close.end() + 1] not in _DELIMS:
        raise _Unsure
    end = body.find(">", close.end())
    if end == -1 or _has_comment_open(body, start, close.start()):
        raise _Unsure
    if body.find("\0", start, close.start()) != -1 or body.find("\r", start, close.start()) != -1:
        raise _Unsure  # the parser's input stream rewrites these
    return start, close.start(), end + 1


def _has_comment_open(body: str, start: int, end: int) -> bool:
    """``<!--`` in a script's text may switch the tokenizer to its escaped states,
    where ``</script>`` need not end the element."""
    bang = body.find("!", start, end)
    while bang != -1:
        if body.startswith("<!--", bang - 1):
            return True
        bang = body.find("!", bang + 1, end)
    return False
