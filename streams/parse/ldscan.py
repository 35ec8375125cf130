"""Read a page's JSON-LD script texts without parsing the page's HTML.

Why: on a JSON-LD live blog everything we read is in those scripts, and one
lexbor parse of a 200 KB page costs more than the rest of parse + diff
together (issue #2 wants parse + diff at >= 0.7x the throughput of a bare
parse). A script element's content is raw text (no entities, no child
elements: it ends at the first ``</script``), so once its start tag is found
its text is a plain slice of the page.

This is a shortcut, not a second HTML parser: whenever the raw text leaves
any doubt about what the HTML parser would see, :func:`ld_script_texts`
answers ``None`` and the caller parses the whole page as before. Doubt means:
an opener that may sit inside a comment, another script, ``<template>``,
``<svg>``/``<math>`` or another raw-text element; a ``>`` inside the start
tag's attributes; ``<!--`` inside the script (the tokenizer's escaped states);
too much markup before the script to check cheaply (``_MAX_CONTEXT``).
``ld+json`` in anything but a ``<script`` start tag (``<link type=...>``,
text) is ignored. Costs are kept to single-character searches (memchr) where
possible: multi-character ``str.find`` over 200 KB costs a fifth of a parse.
tests/unit/parse/test_ldscan.py checks the answer equals the full parse.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

__all__ = ["ld_script_texts"]

_SCRIPTS = 'script[type*="ld+json" i]'
_PLAIN_OPENER = '<script type="application/ld+json">'
_DELIMS = frozenset(" \t\n\r\f/>")
_CLOSE = re.compile("</script", re.IGNORECASE)
_MAX_TAG = 4096  # a longer start tag may carry enough attributes to need the guard
_MAX_SCRIPTS = 64
_MAX_CONTEXT = 32 * 1024
# Where a "<script" is not a script element of the document tree: inside one
# of these (or a comment) it is text, template content, or a foreign element
# whose text is entity-decoded.
_CONTAINERS = (
    ("<script", "</script"),
    ("<template", "</template"),
    ("<svg", "</svg"),
    ("<math", "</math"),
    ("<style", "</style"),
    ("<textarea", "</textarea"),
    ("<title", "</title"),
    ("<xmp", "</xmp"),
    ("<iframe", "</iframe"),
    ("<noembed", "</noembed"),
    ("<noframes", "</noframes"),
)


class _Unsure(Exception):
    """The raw text is ambiguous here: parse the whole page instead."""


def ld_script_texts(body: str) -> list[str] | None:
    """Texts of the page's ``<script type=...ld+json...>`` elements, in order.

    ``None`` when only a full parse can tell (including: no lower-case
    ``ld+json`` at all, as a page might spell it in another case).
    """
    texts: list[str] = []
    scanned = 0  # everything before this index is checked markup
    try:
        pos = _next_needle(body, 0)
        if pos == -1:
            return None
        while pos != -1:
            found = _script_at(body, pos, scanned)
            if found is not None:
                text, scanned = found
                if text is not None:
                    if len(texts) == _MAX_SCRIPTS:
                        return None
                    texts.append(text)
                pos = scanned
            pos = _next_needle(body, pos + 1)
    except _Unsure:
        return None
    return texts


def _next_needle(body: str, start: int) -> int:
    """Index of the next ``ld+json``, found through its rare ``+`` (a memchr)."""
    plus = body.find("+", start + 2)
    while plus != -1:
        if body.startswith("ld+json", plus - 2):
            return plus - 2
        if body[plus - 2 : plus + 5].lower() == "ld+json":
            raise _Unsure  # another spelling: the full parse's selector ignores case
        plus = body.find("+", plus + 1)
    return -1


def _script_at(body: str, pos: int, scanned: int) -> tuple[str | None, int] | None:
    """(text, end index) of the script element whose start tag holds ``pos``.

    The text is None if the script is not JSON-LD (``ld+json`` was in another
    attribute). None if ``pos`` is not inside a ``<script`` start tag;
    ``_Unsure`` on doubt.
    """
    lt = body.rfind("<", scanned, pos)
    if lt == -1:
        return None
    is_script = body[lt : lt + 7].lower() == "<script" and body[lt + 7 : lt + 8] in _DELIMS
    if body.find(">", lt, pos) != -1:
        if is_script:
            raise _Unsure  # a '>' inside a quoted attribute value, or worse
        return None
    if not is_script:
        return None
    tag_end = body.find(">", pos)
    if tag_end == -1 or tag_end - lt > _MAX_TAG:
        raise _Unsure
    _check_context(body, scanned, lt)
    start = tag_end + 1
    close = _CLOSE.search(body, start)
    if close is None or body[close.end() : close.end() + 1] not in _DELIMS:
        raise _Unsure
    end = body.find(">", close.end())
    if end == -1 or _has_comment_open(body, start, close.start()):
        raise _Unsure
    if not _is_ld_json(body[lt:start]):
        return None, end + 1
    text = body[start : close.start()]
    if "\0" in text or "\r" in text:
        raise _Unsure  # the parser's input stream rewrites these
    return text, end + 1


def _is_ld_json(start_tag: str) -> bool:
    """Does the start tag match ``script[type*="ld+json" i]``, as the full parse asks?"""
    if start_tag == _PLAIN_OPENER:
        return True
    return LexborHTMLParser(start_tag + "</script>").css_first(_SCRIPTS) is not None


def _has_comment_open(body: str, start: int, end: int) -> bool:
    """``<!--`` in a script's text may switch the tokenizer to its escaped states,
    where ``</script>`` need not end the element."""
    bang = body.find("!", start, end)
    while bang != -1:
        if body.startswith("<!--", bang - 1):
            return True
        bang = body.find("!", bang + 1, end)
    return False


def _check_context(body: str, scanned: int, lt: int) -> None:
    """``_Unsure`` unless the markup between ``scanned`` and ``lt`` leaves ``lt``
    in ordinary markup: no open comment, raw-text, template or foreign element."""
    if body.find("<", scanned, lt) == -1:
        return
    if lt - scanned > _MAX_CONTEXT:
        raise _Unsure
    region = body[scanned:lt].lower()
    if "<plaintext" in region:
        raise _Unsure
    comment = region.rfind("<!--")
    if comment != -1 and not _comment_closed(region, comment):
        raise _Unsure
    for opener, closer in _CONTAINERS:
        found = region.rfind(opener)
        if found != -1 and region.find(closer, found) == -1:
            raise _Unsure


def _comment_closed(region: str, start: int) -> bool:
    if region.startswith(("<!-->", "<!--->"), start):
        return True
    return region.find("-->", start + 4) != -1 or region.find("--!>", start + 4) != -1
