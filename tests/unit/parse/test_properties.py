"""Property tests: generated live blogs round-trip; garbage only ever gets rejected."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from streams.errors import RejectedSnapshot
from streams.models import ParsedPage, Snapshot
from streams.parse import parse_snapshot
from streams.settings import Limits
from tests.livegen import GenEntry, entries_strategy, render, snapshot

KINDS = ["jsonld", "jsonld-html", "profile", "dw-text"]
LIMITS = Limits()
SLOW = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def expected(entries: list[GenEntry]) -> list[tuple[Any, ...]]:
    return [(e.entry_id, e.title, e.body, e.published_at) for e in entries]


@pytest.mark.parametrize("kind", KINDS)
@SLOW
@given(entries=entries_strategy())
def test_generated_entries_round_trip(kind: str, entries: list[GenEntry]) -> None:
    page = parse_snapshot(render(kind, entries), limits=LIMITS)
    got = [(e.entry_id, e.title, e.body, e.published_at) for e in page.entries]
    assert got == expected(entries)
    assert all(e.permalink == e.entry_id for e in page.entries)


@pytest.mark.parametrize("kind", KINDS)
@SLOW
@given(entries=entries_strategy(max_entries=4), noise=st.sampled_from([" ", "\n", "\t", " \u00a0"]))
def test_whitespace_noise_gives_the_same_entries(
    kind: str, entries: list[GenEntry], noise: str
) -> None:
    snap = render(kind, entries)
    sep = "\n" if kind == "dw-text" else "> <"
    noisy = snap.model_copy(update={"body": snap.body.replace(sep, sep + noise)})
    if kind != "dw-text":
        noisy = snap.model_copy(update={"body": snap.body.replace("><", ">" + noise + "<")})
    assert (
        parse_snapshot(noisy, limits=LIMITS).entries == parse_snapshot(snap, limits=LIMITS).entries
    )


# --- garbage: nothing but RejectedSnapshot may escape -------------------------


def outcome(snap: Snapshot, limits: Limits) -> ParsedPage | RejectedSnapshot:
    try:
        return parse_snapshot(snap, limits=limits)
    except RejectedSnapshot as exc:
        return exc


def must_not_crash(snap: Snapshot, limits: Limits = LIMITS) -> None:
    """Any other exception propagates and fails the test."""
    result = outcome(snap, limits)
    if isinstance(result, RejectedSnapshot):
        assert result.reason
        assert len(result.message) < 4000
        return
    assert result.entries
    assert len(result.entries) <= limits.max_entries
    assert all(isinstance(e.entry_id, str) and e.entry_id for e in result.entries)


TAGS = [
    "div",
    "p",
    "br",
    "b",
    "a",
    "script",
    "style",
    "li",
    "ul",
    "table",
    "td",
    "svg",
    "template",
    "article",
    "time",
    "h2",
    "figure",
    "figcaption",
    "select",
    "option",
    "textarea",
    "title",
]
ATTRS = [
    'class="liveblog-entry"',
    'id="e1"',
    'data-entry-id="x"',
    'datetime="2026-03-03T10:00Z"',
    'href="#a"',
    'href="javascript:x"',
    'type="application/ld+json"',
    "itemprop='liveBlogUpdate'",
    'class="entry-content"',
    'x="\'>"',
    "a",
    "/",
]
TOKENS = st.one_of(
    st.sampled_from(TAGS).flatmap(
        lambda t: st.lists(st.sampled_from(ATTRS), max_size=3).map(lambda a: f"<{t} {' '.join(a)}>")
    ),
    st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
    st.text(max_size=20),
    st.sampled_from(
        [
            "<!--",
            "-->",
            "<![CDATA[",
            "&amp;",
            "&#xD800;",
            "&",
            "<",
            ">",
            "\x00",
            '{"@type":"LiveBlogPosting","liveBlogUpdate":[',
            "]}",
            "Skip next section ",
        ]
    ),
)
HTMLISH = st.lists(TOKENS, max_size=60).map("".join)

JSON_KEYS = st.sampled_from(
    [
        "@type",
        "@graph",
        "@id",
        "liveBlogUpdate",
        "headline",
        "articleBody",
        "url",
        "datePublished",
        "dateModified",
        "description",
        "@value",
        "x",
    ]
)
JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.sampled_from(
        [
            "LiveBlogPosting",
            "BlogPosting",
            "<p>html</p>",
            "_:b0",
            "#a",
            "/rel",
            "2026-03-03T10:00:00Z",
            "https://x.example/a",
            "</script>",
            "&lt;b&gt;",
        ]
    ),
)
JSONISH = st.recursive(
    JSON_LEAVES,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(JSON_KEYS, children, max_size=5)
    ),
    max_leaves=40,
)

DW_LINES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "Skip next section ",
            "Skip next section Title",
            "March 3, 2026",
            "03.03.2026 10:00 CET",
            "https://p.dw.com/p/abc",
            "http://",
            "1. Skip to content",
            "Published March 3, 2026last updated",
            "CaptionImage: A/B",
            "ab/cd (AFP)",
            "",
        ]
    ),
)
DW_TEXT = st.lists(DW_LINES, max_size=60).map("\n".join)

CONTENT_TYPES = st.sampled_from(
    [
        "text/html",
        "text/plain",
        "text/html; charset=latin-1",
        "application/xhtml+xml",
        "image/png",
        "application/pdf",
        "x",
    ]
)


@SLOW
@given(body=st.text(), content_type=CONTENT_TYPES, status=st.one_of(st.none(), st.integers(0, 999)))
def test_arbitrary_text_is_parsed_or_rejected(
    body: str, content_type: str, status: int | None
) -> None:
    must_not_crash(snapshot(body, content_type, status=status))


@SLOW
@given(raw=st.binary(max_size=2000), encoding=st.sampled_from(["utf-8", "latin-1", "utf-16"]))
def test_arbitrary_bytes_decoded_any_way_are_parsed_or_rejected(raw: bytes, encoding: str) -> None:
    body = raw.decode(encoding, errors="surrogateescape" if encoding == "utf-8" else "replace")
    must_not_crash(snapshot(body, "text/html"))
    must_not_crash(snapshot(body, "text/plain"))


@SLOW
@given(body=HTMLISH)
def test_html_garbage_is_parsed_or_rejected(body: str) -> None:
    must_not_crash(snapshot(body, "text/html"))
    must_not_crash(snapshot(body, "text/html"), Limits(max_entries=1, max_html_depth=5))


@SLOW
@given(doc=JSONISH, cut=st.integers(0, 200), tail=st.text(max_size=5))
def test_json_ld_garbage_is_parsed_or_rejected(doc: Any, cut: int, tail: str) -> None:
    text = json.dumps(doc)
    for script in (text, text[:cut] + tail):
        safe = script.replace("</", "<\\/")
        body = f'<html><head><script type="application/ld+json">{safe}</script></head></html>'
        must_not_crash(snapshot(body, "text/html"))
        must_not_crash(snapshot(body, "text/html"), Limits(max_json_depth=3, max_entries=2))


@SLOW
@given(
    doc=st.recursive(
        st.dictionaries(JSON_KEYS, JSON_LEAVES, max_size=4),
        lambda inner: st.fixed_dictionaries(
            {"@type": st.just("LiveBlogPosting"), "liveBlogUpdate": st.lists(inner, max_size=4)}
        ),
        max_leaves=20,
    )
)
def test_live_blog_shaped_garbage_is_parsed_or_rejected(doc: dict[str, Any]) -> None:
    safe = json.dumps(doc).replace("</", "<\\/")
    body = f'<script type="application/ld+json">{safe}</script>'
    must_not_crash(snapshot(body, "text/html"))


@SLOW
@given(body=DW_TEXT)
def test_dw_shaped_garbage_is_parsed_or_rejected(body: str) -> None:
    must_not_crash(snapshot(body, "text/plain"))
    must_not_crash(snapshot(body, "text/plain"), Limits(max_entries=1))


@pytest.mark.parametrize(
    "body",
    [
        "\ud800 lone surrogate <p>x</p>",
        '<script type="application/ld+json">{"a": "\ud800"}</script>',
        "\x00" * 1000,
        "<" * 50_000,
        "<a " * 30_000,
        '<script type="application/ld+json">' + "[" * 100_000 + "</script>",
        '<script type="application/ld+json">' + '{"a":' * 5_000 + "1" + "}" * 5_000 + "</script>",
    ],
)
@pytest.mark.parametrize("content_type", ["text/html", "text/plain"])
def test_nasty_inputs_are_parsed_or_rejected(body: str, content_type: str) -> None:
    must_not_crash(snapshot(body, content_type))
