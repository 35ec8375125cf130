"""Parser selection: content types, status, fallback order, and what errors say."""

from __future__ import annotations

import pytest

from streams.errors import (
    BadStatus,
    EmptySnapshot,
    ParseError,
    RejectedSnapshot,
    SnapshotTooLarge,
    UnsupportedContent,
)
from streams.parse import parse_snapshot
from streams.parse import select as select_module
from streams.parse.select import media_type
from streams.settings import Limits
from tests.livegen import make_entries, render_dw_text, render_jsonld_html, render_profile_html
from tests.livegen import snapshot as snap
from tests.unit.parse.pages import blog, html_page, ld, parse, post

ENTRIES = make_entries(3)


@pytest.mark.parametrize(
    ("content_type", "kind"),
    [
        ("text/html", "text/html"),
        ("text/html; charset=utf-8", "text/html"),
        (" Text/HTML ;charset=ISO-8859-1", "text/html"),
        ("application/xhtml+xml", "application/xhtml+xml"),
        ("text/plain;charset=utf-8", "text/plain"),
    ],
)
def test_media_type(content_type: str, kind: str) -> None:
    assert media_type(content_type) == kind


@pytest.mark.parametrize(
    ("body", "content_type", "parser"),
    [
        (render_jsonld_html(ENTRIES), "text/html; charset=utf-8", "jsonld"),
        (render_jsonld_html(ENTRIES), "application/xhtml+xml", "jsonld"),
        (render_profile_html(ENTRIES), "TEXT/HTML", "profile:liveblog-entry"),
        (render_dw_text(ENTRIES), "text/plain; charset=utf-8", "dw-text"),
    ],
)
def test_parser_chosen_by_content_type_and_content(
    body: str, content_type: str, parser: str
) -> None:
    page = parse(body, content_type)
    assert page.parser == parser
    assert [e.entry_id for e in page.entries] == [e.entry_id for e in ENTRIES]


def test_json_ld_wins_over_profile_markup_on_the_same_page() -> None:
    body = render_profile_html(ENTRIES).replace("</head>", ld(blog(post(1))) + "</head>")
    assert parse(body).parser == "jsonld"


def test_json_ld_without_updates_falls_back_to_profiles() -> None:
    body = render_profile_html(ENTRIES).replace("</head>", ld(blog()) + "</head>")
    assert parse(body).parser == "profile:liveblog-entry"


@pytest.mark.parametrize(
    "content_type", ["application/pdf", "image/png", "application/json", "text/csv", ""]
)
def test_unknown_content_types_are_unsupported(content_type: str) -> None:
    snapshot = snap("%PDF-1.7", "text/html").model_copy(update={"content_type": content_type})
    with pytest.raises(UnsupportedContent) as info:
        parse_snapshot(snapshot, limits=Limits())
    assert info.value.reason == "unsupported_content_type"


@pytest.mark.parametrize("status", [400, 403, 404, 410, 429, 500, 503])
def test_error_status_is_rejected_before_parsing(status: int) -> None:
    with pytest.raises(BadStatus, match=str(status)) as info:
        parse(render_jsonld_html(ENTRIES), status=status)
    assert info.value.reason == "bad_status"


@pytest.mark.parametrize("status", [None, 200, 203, 304])
def test_ok_status_or_none_is_parsed(status: int | None) -> None:
    assert parse(render_jsonld_html(ENTRIES), status=status).entries


def test_html_that_no_parser_understands_lists_what_was_tried() -> None:
    with pytest.raises(ParseError) as info:
        parse("<html><body><p>An ordinary article.</p></body></html>")
    message = str(info.value)
    assert info.value.reason == "parse_error"
    for tried in ("jsonld", "profile:liveblog-entry", "profile:data-entry-id", "dw-text"):
        assert tried in message


def test_profile_containers_without_text_are_an_empty_snapshot() -> None:
    with pytest.raises(EmptySnapshot) as info:
        parse('<html><body><article class="liveblog-entry" id="a"></article></body></html>')
    assert info.value.reason == "empty_snapshot"


def test_oversized_body_is_rejected() -> None:
    with pytest.raises(SnapshotTooLarge, match="max_body_bytes=100"):
        parse(render_jsonld_html(ENTRIES), limits=Limits(max_body_bytes=100))


def test_a_library_error_leaves_as_parse_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise KeyError("bug deep inside")

    monkeypatch.setattr(select_module, "parse_jsonld", explode)
    monkeypatch.setattr(select_module, "parse_jsonld_texts", explode)
    with pytest.raises(ParseError, match="KeyError") as info:
        parse(html_page(ld(blog(post(1)))))
    assert isinstance(info.value.__cause__, KeyError)


def test_rejections_are_all_rejected_snapshot_subclasses() -> None:
    for exc in (BadStatus, EmptySnapshot, ParseError, SnapshotTooLarge, UnsupportedContent):
        assert issubclass(exc, RejectedSnapshot)
