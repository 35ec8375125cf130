"""Choose the parser for a snapshot and run it; the package's only entry point.

Order: HTTP status (>= 400 is an error page), then content type:
``text/plain`` -> DW text; HTML -> JSON-LD live blog if the page has one
with updates, else the site profiles whose host pattern matches the URL,
else the generic profiles in file order, else (if the page shows DW's
section markers) its visible text through the DW parser. The first parser
that finds entries wins; if parsers recognised the page but found no entry,
the snapshot is empty; if none did, the error lists what each one said.

Any failure underneath (a library error, a bug tripped by hostile input)
leaves here as :class:`~streams.errors.ParseError`: callers only ever see
:class:`~streams.errors.RejectedSnapshot` subclasses.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from streams.errors import (
    BadStatus,
    EmptySnapshot,
    ParseError,
    RejectedSnapshot,
    SnapshotTooLarge,
    UnsupportedContent,
)
from streams.models import ParsedPage, Snapshot
from streams.parse.dwtext import SECTION_MARK, parse_dw_text
from streams.parse.guard import check_markup
from streams.parse.htmltext import PARSE_OPTIONS, marked_ancestors, paragraphs
from streams.parse.jsonld import parse_jsonld, parse_jsonld_texts
from streams.parse.ldscan import ld_script_texts
from streams.parse.profile_parser import HtmlPage, parse_with_profile
from streams.parse.profiles import ProfileSet, bundled_profiles
from streams.settings import Limits

__all__ = ["HTML_TYPES", "TEXT_TYPES", "media_type", "parse_snapshot"]

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
_MAX_NOTES = 8
_MAX_MESSAGE = 300


def media_type(content_type: str) -> str:
    """``"Text/HTML; charset=utf-8"`` -> ``"text/html"``."""
    return content_type.split(";", 1)[0].strip().lower()


def parse_snapshot(
    snapshot: Snapshot, *, limits: Limits, profiles: ProfileSet | None = None
) -> ParsedPage:
    """Parse one snapshot into page metadata and entries (document order).

    ``profiles`` defaults to the bundled ones; pass ``load_profiles(path)``
    to add a user file. Raises ``BadStatus``, ``SnapshotTooLarge``,
    ``UnsupportedContent``, ``ParseError`` or ``EmptySnapshot``, nothing else.
    """
    if snapshot.status is not None and snapshot.status >= 400:
        raise BadStatus(f"HTTP status {snapshot.status}: an error page, not the live blog")
    body = snapshot.body
    if (
        len(body) > limits.max_body_bytes // 4
        and len(body.encode("utf-8", "surrogatepass")) > limits.max_body_bytes
    ):
        raise SnapshotTooLarge(f"body is over max_body_bytes={limits.max_body_bytes}")
    kind = media_type(snapshot.content_type)
    if kind not in HTML_TYPES and kind not in TEXT_TYPES:
        raise UnsupportedContent(f"no parser for content type {kind or '(empty)'!r}")
    try:
        if kind in TEXT_TYPES:
            page = _parse_text(snapshot, limits)
        else:
            page = _parse_html(snapshot, limits, profiles or bundled_profiles())
    except RejectedSnapshot:
        raise
    except Exception as exc:  # library errors and bugs: never escape as themselves
        detail = f"{type(exc).__name__}: {exc}"[:_MAX_MESSAGE]
        raise ParseError(f"parser failed on {kind}: {detail}") from exc
    if not page.entries:
        raise EmptySnapshot(f"{page.parser} parsed the page but found no entries")
    return page


def _no_parser(kind: str, notes: list[str]) -> ParseError:
    shown = "; ".join(n[:_MAX_MESSAGE] for n in notes[:_MAX_NOTES])
    more = f" (+{len(notes) - _MAX_NOTES} more)" if len(notes) > _MAX_NOTES else ""
    return ParseError(f"no parser found entries in this {kind} page: {shown}{more}")


def _parse_text(snapshot: Snapshot, limits: Limits) -> ParsedPage:
    notes: list[str] = []
    page = parse_dw_text(snapshot.body, snapshot.url, limits, notes)
    if page is None:
        raise _no_parser("text/plain", notes)
    return page


def _parse_html(snapshot: Snapshot, limits: Limits, profiles: ProfileSet) -> ParsedPage:
    notes: list[str] = []
    # JSON-LD first, from the script elements alone when they can be cut out
    # unambiguously (ldscan): most live blogs never need the page's own parse.
    scripts = ld_script_texts(snapshot.body, limits)
    if scripts is not None:
        recognised = parse_jsonld_texts(scripts, snapshot.url, limits, notes)
        if recognised is not None and recognised.entries:
            return recognised
    check_markup(snapshot.body, limits)
    tree = LexborHTMLParser(snapshot.body, options=PARSE_OPTIONS)
    if scripts is None:
        recognised = parse_jsonld(tree, snapshot.url, limits, notes)
        if recognised is not None and recognised.entries:
            return recognised
    marked: list[set[int]] = []

    def lazy_marked() -> set[int]:
        if not marked:
            marked.append(marked_ancestors(tree))
        return marked[0]

    html_page = HtmlPage(tree, snapshot.url, lazy_marked)
    matched, generic = profiles.for_url(snapshot.url)
    for profile in (*matched, *generic):
        page = parse_with_profile(html_page, profile, limits, notes)
        if page is not None and page.entries:
            return page
        recognised = recognised or page
    page = _dw_html(snapshot, tree, lazy_marked(), limits, notes)
    if page is not None and (page.entries or recognised is None):
        return page
    if recognised is not None:
        return recognised
    raise _no_parser("HTML", notes)


def _dw_html(
    snapshot: Snapshot, tree: LexborHTMLParser, marked: set[int], limits: Limits, notes: list[str]
) -> ParsedPage | None:
    """A DW live blog served as HTML without JSON-LD: its visible text, as text."""
    body = tree.body
    if body is None or SECTION_MARK not in snapshot.body.lower():
        notes.append("dw-text: no section markers in the HTML")
        return None
    text = "\n\n".join(paragraphs(body, marked))
    return parse_dw_text(text, snapshot.url, limits, notes)
