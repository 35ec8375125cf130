"""DW live blogs as plain text (parser ``dw-text``).

The text rendering of a DW live blog is a header, then sections that each
begin with a line ``Skip next section <title>``::

    1. Skip to content            numbered navigation list        (dropped)
    <breadcrumb>                  short glued words               (dropped)
    <page title>                  the line before "Published"
    Published <date>last updated <date>
    <lead paragraph(s)>           -> description
    https://p.dw.com/p/<code>     the page's own permalink
    <image alt text>              (dropped)
    <caption>Image: <credit>      (dropped)
    Skip next section <summary title>     no permalink: the page summary
    Skip next section <entry title>
    <date line>                   optional; with or without a time
    <entry title again>           (dropped)
    <paragraphs>
    https://p.dw.com/p/<code>     the entry's permalink = entry_id

Rules are shape-based, never about the words of any page: a caption is a
line ending in an image-credit label, glued to its text (``...diplomatImage:
A Name/AP``) or after a space with a credit that is not a sentence, and the
alt text is the unpunctuated line right above it; a teaser (headline of
another article) is a short body line without sentence-final punctuation,
unless it is a quotation (opens and ends with a quotation mark; ``'Quote':
headline`` is a headline), carries a list marker or continues a list
introduced by a line ending in a colon; a sign-off is lowercase initials
like ``ab/cd (AFP, Reuters)``.

Sections without a permalink: a dated one is an entry cut off by the end of
the page (synthetic id, never merged into its neighbour); an undated one
before the first entry is the page summary; an undated one after it (a
trailing box of links, a truncated entry without date) is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from streams.models import Entry, ParsedPage
from streams.parse.common import cap_newest, clean_line, make_entry, resolve_url, unique_ids
from streams.parse.dates import parse_human_date as _parse_date
from streams.settings import Limits

__all__ = ["DW_PARSER", "SECTION_MARK", "parse_dw_text"]

DW_PARSER = "dw-text"
SECTION_MARK = "skip next section"
_NAV = re.compile(r"\d{1,2}\.\s")
# One quantifier only: "[^\s/]+\S*" backtracks quadratically on a long URL-like
# line that does not end as a URL (1 s at 20k characters, hours at megabytes).
_URL = re.compile(r"https?://[^\s/]\S*")
_PUBLISHED = re.compile(r"published\b[:\s]*(?P<pub>.*?)(?:last updated[:\s]*(?P<upd>.*))?", re.I)
# Lazy prefix: each start position costs O(1) (the credit is at most 150 chars).
_CREDIT = re.compile(
    r"(?P<pre>.*?)(?:Image|Photo|Picture|Foto|Bild|Video|Graphic):\s?(?P<credit>\S.{0,149})"
)
_SIGN_OFF = re.compile(
    r"[a-z]{1,5}(?:\s?/\s?[a-z]{1,5}){1,4}(?:\s*\([^()]{1,80}\))?|\((?:[A-Za-z.\-]+,\s*)*[A-Za-z.\-]+\)"
    r"|Edited by:.{1,80}"
)
_SIGN_OFF_FIRST = frozenset("abcdefghijklmnopqrstuvwxyz(E")  # what _SIGN_OFF can start with
_cached_date = lru_cache(maxsize=4096)(_parse_date)


def _date(line: str) -> datetime | None:
    """``parse_human_date`` cached: a page repeats the same few date lines, strptime
    costs ~100 us per try, and the worker parses the same page again and again.
    Lines over 64 characters are never dates (and must not sit in the cache)."""
    return _cached_date(line) if len(line) <= 64 else None


_CLOSERS = "\"'”’»)]"
_FINAL = ".!?…:;"
_TEASER_MAX = 120
_OPEN_QUOTES = "\"'“„‘‚«‹"
_CLOSE_QUOTES = "\"'”“’‘»«›‹"
_LIST_ITEM = re.compile(r"(?:[-*•·▪–—]|\d{1,3}[.)])\s")
_ALT_MAX = 300


@dataclass(slots=True)
class _Line:
    text: str
    after_blank: bool


@dataclass(slots=True)
class _Section:
    title: str
    lines: list[_Line] = field(default_factory=list)


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _FINAL


def _is_alt_text(text: str) -> bool:
    return len(text) <= _ALT_MAX and not _ends_sentence(text)


def _is_caption(text: str) -> bool:
    """A credit label ending the line. Glued to a word (``...diplomatImage:
    X/AP``) it is a caption whatever the credit ends with; at the line start or
    after a space only if the credit is not a sentence (``Image: it shows
    the dam.`` is prose)."""
    credit = _CREDIT.fullmatch(text) if ":" in text else None  # (every label ends in ":")
    if credit is None:
        return False
    pre = credit["pre"]
    return (pre[-1:].isalnum()) or not _ends_sentence(credit["credit"])


def _drop_teasers(texts: list[str]) -> list[str]:
    """Short unpunctuated lines are other articles' headlines, except quotes,
    list items and the lines of a list after ``...:`` (one pass, linear)."""
    body: list[str] = []
    listing = False
    for text in texts:
        ends = _ends_sentence(text)
        if (
            ends
            or listing
            or len(text) > _TEASER_MAX
            or (text[0] in _OPEN_QUOTES and text[-1] in _CLOSE_QUOTES)
            or _LIST_ITEM.match(text)
        ):
            body.append(text)
            listing = text[-1] == ":" or (listing and not ends)
    return body


def _is_url(text: str) -> bool:
    return _URL.fullmatch(text) is not None


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    blank = True
    for raw in text.splitlines():
        line = clean_line(raw)  # normalize_line, faster on lines already clean
        if line:
            out.append(_Line(line, blank))
        blank = not line
    return out


def _split(lines: list[_Line]) -> tuple[list[_Line], list[_Section]]:
    header: list[_Line] = []
    sections: list[_Section] = []
    for line in lines:
        # Only "S"/"s" lowers to "s": most lines are told apart by one character.
        low = line.text[: len(SECTION_MARK) + 1].lower() if line.text[0] in "sS" else ""
        if low.startswith(SECTION_MARK) and (len(low) == len(SECTION_MARK) or low[-1] == " "):
            sections.append(_Section(line.text[len(SECTION_MARK) :].strip()))
        elif sections:
            sections[-1].lines.append(line)
        else:
            header.append(line)
    return header, sections


def _clean(lines: list[_Line], *, teasers: bool) -> list[str]:
    """Body paragraphs without captions (+ their alt text), sign-offs and teasers."""
    keep: list[_Line | None] = list(lines)
    for i, line in enumerate(lines):
        if _is_caption(line.text):
            keep[i] = None
            prev = lines[i - 1] if i else None
            if prev and _is_alt_text(prev.text) and not line.after_blank:
                keep[i - 1] = None
        elif line.text[0] in _SIGN_OFF_FIRST and _SIGN_OFF.fullmatch(line.text):
            keep[i] = None
    texts = [line.text for line in keep if line is not None]
    if not teasers:
        return texts
    body = _drop_teasers(texts)
    return body if body or len(texts) != 1 else texts


def _header(lines: list[_Line]) -> tuple[str | None, str | None, datetime | None, datetime | None]:
    """(title, lead, published, updated) from the lines before the first section."""
    start = 0
    while start < len(lines) and _NAV.match(lines[start].text):
        start += 1
    lines = lines[start:]
    pub_at = next((i for i, ln in enumerate(lines) if _PUBLISHED.fullmatch(ln.text)), None)
    published = updated = None
    if pub_at is not None and pub_at > 0:
        match = _PUBLISHED.fullmatch(lines[pub_at].text)
        assert match is not None
        published = _date(match["pub"] or "")
        updated = _date(match["upd"] or "")
        title: str | None = lines[pub_at - 1].text
        rest = lines[pub_at + 1 :]
    else:
        first = next((i for i, ln in enumerate(lines) if " " in ln.text), None)
        title = lines[first].text if first is not None else None
        rest = lines[first + 1 :] if first is not None else []
    url_at = next((i for i, ln in enumerate(rest) if _is_url(ln.text)), len(rest))
    lead = "\n\n".join(_clean(rest[:url_at], teasers=False)) or None
    return title, lead, published, updated


def _entry(page_url: str, section: _Section, permalink: str | None, body: list[_Line]) -> Entry:
    published = None
    if body and (stamp := _date(body[0].text)) is not None:
        published = stamp
        body = body[1:]
    if body and body[0].text.casefold() == section.title.casefold():
        body = body[1:]
    return make_entry(
        page_url=page_url,
        entry_id=permalink,
        permalink=permalink,
        title=section.title,
        body="\n\n".join(_clean(body, teasers=True)),
        published_at=published,
        updated_at=None,
    )


def _summary(section: _Section) -> list[str]:
    lines = section.lines
    if lines and lines[0].text.casefold() == section.title.casefold():
        lines = lines[1:]
    return _clean(lines, teasers=False)


def parse_dw_text(text: str, page_url: str, limits: Limits, notes: list[str]) -> ParsedPage | None:
    """The page, or None if the text has no ``Skip next section`` line.

    A section with a permalink line (its last bare URL line) is an entry;
    one without a permalink and without a date line is page summary if it
    comes before the first entry, else dropped; a dated section without
    permalink (a page cut off mid-entry) gets a synthetic id.
    At most ``limits.max_entries`` entries, from the page's newest end.
    """
    header, sections = _split(_lines(text))
    if not sections:
        notes.append(f"dw-text: no '{SECTION_MARK.capitalize()} ...' line")
        return None
    summary: list[str] = []
    entries: list[Entry] = []
    for section in sections:
        url_at = next(
            (i for i in range(len(section.lines) - 1, -1, -1) if _is_url(section.lines[i].text)),
            None,
        )
        if url_at is None:
            lines = section.lines
            if not lines or _date(lines[0].text) is None:
                if not entries:
                    summary.extend(_summary(section))
                continue
            entries.append(_entry(page_url, section, None, lines))
            continue
        permalink = resolve_url(page_url, section.lines[url_at].text)
        entries.append(_entry(page_url, section, permalink, section.lines[:url_at]))
    entries = [e for e in entries if e.title or e.body]
    if entries:
        kept = cap_newest(
            entries, limits.max_entries, entries[0].published_at, entries[-1].published_at
        )
        entries = list(kept)
    title, lead, published, updated = _header(header)
    return ParsedPage.model_construct(
        url=page_url,
        parser=DW_PARSER,
        title=title,
        description=lead,
        summary="\n\n".join(summary) or None,
        published_at=published,
        updated_at=updated,
        entries=tuple(unique_ids(entries)),
    )
