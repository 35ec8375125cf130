"""schema.org LiveBlogPosting JSON-LD: shapes, text fields, ids, broken input, limits."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from streams.errors import EmptySnapshot, ParseError
from streams.settings import Limits
from tests.unit.parse.pages import URL, blog, fixture, html_page, ld, parse, post

T = datetime(2026, 3, 3, tzinfo=UTC)


def test_fixture_page_entries_and_metadata() -> None:
    page = parse(fixture("jsonld-liveblog.html"))
    assert page.parser == "jsonld"
    assert page.title == "Arva floods: live updates & warnings"
    assert page.description == "Rescue teams move residents of Kessling to higher ground."
    assert page.published_at == T.replace(hour=5)
    assert page.updated_at == T.replace(hour=17, minute=5)
    got = [(e.entry_id, e.title, e.published_at) for e in page.entries]
    assert got[:3] == [
        (
            f"{URL}/post/ferry",
            "Ferry service across the Arva suspended",
            T.replace(hour=17, minute=40),
        ),
        (
            f"{URL}#shelters",
            "Mayor: shelters ready for 1,500 people",
            T.replace(hour=16, minute=15),
        ),
        (f"{URL}#rain", "Weather service extends rain warning", T.replace(hour=15, minute=5)),
    ]
    ferry = page.entries[0]
    assert ferry.permalink == ferry.entry_id
    assert ferry.updated_at == T.replace(hour=17, minute=55)
    assert ferry.body == (
        "The ferry operator said no crossings would run until the water level falls below "
        "six metres.\n\nCommuters should use the northern bridge — it remains open."
        "\n\nCyclists may use the footpath."
    )
    assert page.entries[1].body == (
        "Mayor Ilse Varga said three schools were open as shelters."
        "\n\n“We have enough beds for everyone,” she said."
    )
    assert page.entries[2].body == (
        "The weather service extended its warning until Wednesday morning."
        "\n\nUp to 60 litres per square metre are expected in the hills – mostly overnight."
    )
    landslide, sandbags = page.entries[3], page.entries[4]
    assert landslide.entry_id.startswith("urn:livediff:")
    assert landslide.permalink is None
    assert sandbags.title == "Volunteers fill sandbags overnight"
    assert sandbags.body == ""


TWO = [post(2), post(1)]


@pytest.mark.parametrize(
    "scripts",
    [
        pytest.param([blog(*TWO)], id="top-level"),
        pytest.param(
            [{"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, blog(*TWO)]}],
            id="graph",
        ),
        pytest.param([[{"@type": "Organization", "name": "VT"}, blog(*TWO)]], id="top-level-list"),
        pytest.param([{"@type": "WebPage", "mainEntity": blog(*TWO)}], id="nested"),
        pytest.param([blog(*TWO, **{"@type": ["NewsArticle", "LiveBlogPosting"]})], id="type-list"),
        pytest.param(
            [blog(*TWO, **{"@type": "https://schema.org/LiveBlogPosting"})], id="type-iri"
        ),
        pytest.param(
            [{"@type": "BreadcrumbList"}, "{not json", blog(*TWO)], id="other-and-broken-scripts"
        ),
        pytest.param([blog(post(2)), blog(post(1))], id="split-over-two-scripts"),
        pytest.param(
            [
                {
                    "@graph": [
                        blog({"@id": f"{URL}#post-2"}, f"{URL}#post-1"),
                        post(2, **{"@id": f"{URL}#post-2", "url": None}),
                        post(1, **{"@id": f"{URL}#post-1", "url": None}),
                    ]
                }
            ],
            id="id-references",
        ),
    ],
)
def test_live_blog_shapes_all_give_the_same_entries(scripts: list[Any]) -> None:
    page = parse(html_page(*(ld(s) for s in scripts)))
    assert [(e.entry_id, e.title, e.body) for e in page.entries] == [
        (f"{URL}#post-2", "Update 2", "Body of update 2."),
        (f"{URL}#post-1", "Update 1", "Body of update 1."),
    ]


def test_single_update_object_instead_of_list() -> None:
    page = parse(html_page(ld({**blog(), "liveBlogUpdate": post(1)})))
    assert [e.title for e in page.entries] == ["Update 1"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a &amp; b &lt;c&gt; &#8217;q&#x2019;", "a & b <c> ’q’"),
        ("<p>one</p><p>two</p>", "one\n\ntwo"),
        ("line one\nline two\r\n\r\nline three", "line one\n\nline two\n\nline three"),
        ("<p>a<br>b<br/>c</p>", "a\n\nb\n\nc"),
        ("x&nbsp;y\u00a0 z", "x y z"),
        ("<ul><li>i</li><li>j</li></ul>", "i\n\nj"),
        ("<p>kept</p><script>evil()</script><style>p{}</style>", "kept"),
        ("<div>lead<p>para</p>tail</div>", "lead\n\npara\n\ntail"),
        ("<p>with <a href='/x'>a link</a> and <b>bold</b>.</p>", "with a link and bold."),
        (
            "<p>caption below</p><figure><img alt='x'><figcaption>Photo: A</figcaption></figure>",
            "caption below",
        ),
        ("<p>unclosed", "unclosed"),
        (["first para", "second para"], "first para\n\nsecond para"),
        ({"@value": "typed value"}, "typed value"),
        (42, "42"),
        (None, ""),
        ("   ", ""),
    ],
)
def test_article_body_to_plain_text(raw: Any, expected: str) -> None:
    page = parse(html_page(ld(blog(post(1, articleBody=raw)))))
    assert page.entries[0].body == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<b>Bold</b> &amp; more", "Bold & more"),
        ("Two\nlines", "Two lines"),
        ("<p>One</p><p>Two</p>", "One Two"),
        (["First", "Second"], "First"),
        ("A < B", "A < B"),
    ],
)
def test_headline_to_one_line(raw: Any, expected: str) -> None:
    page = parse(html_page(ld(blog(post(1, headline=raw)))))
    assert page.entries[0].title == expected


def test_html_fields_converted_in_one_batch_survive_a_swallowing_fragment() -> None:
    updates = [
        post(3, articleBody="<p>three</p>"),
        post(2, articleBody="<p>two<script>never closed"),
        post(1, articleBody="<p>one &amp; only</p>"),
    ]
    page = parse(html_page(ld(blog(*updates))))
    assert [e.body for e in page.entries] == ["three", "two", "one & only"]


@pytest.mark.parametrize(
    ("fields", "entry_id", "permalink"),
    [
        (
            {"url": "/live/arva-floods/p/7"},
            "https://valley-times.example/live/arva-floods/p/7",
            True,
        ),
        ({"url": None, "@id": f"{URL}#p7"}, f"{URL}#p7", True),
        ({"url": None, "@id": "#p7"}, f"{URL}#p7", True),
        (
            {"url": "https://other.example/p/7", "@id": f"{URL}#p7"},
            "https://other.example/p/7",
            True,
        ),
        ({"url": ["https://other.example/p/8"]}, "https://other.example/p/8", True),
        ({"url": "has spaces in it"}, None, False),
        ({"url": None, "@id": "_:b0"}, None, False),
    ],
)
def test_entry_id_from_url_or_id(
    fields: dict[str, Any], entry_id: str | None, permalink: bool
) -> None:
    entry = parse(html_page(ld(blog(post(1, **fields))))).entries[0]
    if entry_id is None:
        assert entry.entry_id.startswith("urn:livediff:")
    else:
        assert entry.entry_id == entry_id
    assert (entry.permalink == entry.entry_id) is permalink


def _synthetic(**fields: Any) -> str:
    return parse(html_page(ld(blog(post(1, url=None, **fields))))).entries[0].entry_id


def test_synthetic_id_is_stable_and_keyed_on_publication_time() -> None:
    first = _synthetic()
    assert first.startswith("urn:livediff:")
    assert len(first) == len("urn:livediff:") + 16
    assert _synthetic() == first
    assert _synthetic(articleBody="Edited body.", headline="Edited") == first
    assert _synthetic(datePublished="2026-03-03T11:00:00+00:00") == first  # same instant
    assert _synthetic(datePublished="2026-03-03T12:00:00Z") != first


def test_synthetic_id_without_date_uses_title_and_body_start() -> None:
    base = _synthetic(datePublished=None)
    assert _synthetic(datePublished=None) == base
    assert _synthetic(datePublished=None, articleBody="Body of update 1.  ") == base
    assert _synthetic(datePublished=None, headline="Other") != base
    long = "x" * 200
    assert _synthetic(datePublished=None, articleBody=long + "a") == _synthetic(
        datePublished=None, articleBody=long + "b"
    )


def test_synthetic_id_depends_on_page_url() -> None:
    body = html_page(ld(blog(post(1, url=None))))
    one = parse(body).entries[0].entry_id
    other = parse(body, url="https://valley-times.example/live/other").entries[0].entry_id
    assert one != other


def test_colliding_synthetic_ids_get_suffixes_in_page_order() -> None:
    same = {"url": None, "datePublished": "2026-03-03T10:00:00Z"}
    page = parse(html_page(ld(blog(post(2, **same), post(1, **same)))))
    first, second = (e.entry_id for e in page.entries)
    assert second == first + "-2"


def test_missing_and_bad_fields() -> None:
    updates = [
        post(4, headline=None),
        post(3, articleBody=None),
        post(2, headline=None, articleBody=None),
        post(1, datePublished="yesterday-ish", dateModified=12),
        "not an object",
        17,
    ]
    page = parse(html_page(ld(blog(*updates))))
    assert [(e.title, e.body) for e in page.entries] == [
        ("", "Body of update 4."),
        ("Update 3", ""),
        ("Update 1", "Body of update 1."),
    ]
    assert page.entries[2].published_at is None
    assert page.entries[2].updated_at is None


_MINIMAL = '{"@type": "LiveBlogPosting", "liveBlogUpdate": [{"headline": "Update 1", "url": "#a"'


@pytest.mark.parametrize(
    "script",
    [
        "<!--\n" + _MINIMAL + "}]}\n-->",
        "//<![CDATA[\n" + _MINIMAL + "}]}\n//]]>",
        _MINIMAL + ', "articleBody": "raw\nnewline"}]}',
    ],
    ids=["html-comment", "cdata", "raw-control-character"],
)
def test_sloppy_but_common_json(script: str) -> None:
    page = parse(html_page(ld(script)))
    assert page.entries[0].title == "Update 1"


def test_only_broken_json_is_a_parse_error_that_says_why() -> None:
    with pytest.raises(ParseError, match=r"script 1 skipped: invalid JSON"):
        parse(html_page(ld('{"@type": "LiveBlogPosting", ')))


def test_oversized_script_is_skipped_and_named() -> None:
    big = blog(post(1, articleBody="x" * 5000))
    limits = Limits(max_jsonld_bytes=1000)
    with pytest.raises(ParseError, match="max_jsonld_bytes=1000"):
        parse(html_page(ld(big)), limits=limits)
    page = parse(html_page(ld(big), ld(blog(post(2)))), limits=limits)
    assert [e.title for e in page.entries] == ["Update 2"]


def test_too_deep_json_is_skipped_and_named() -> None:
    deep: Any = "leaf"
    for _ in range(30):
        deep = {"a": [deep]}
    with pytest.raises(ParseError, match="max_json_depth=20"):
        parse(html_page(ld(blog(post(1), extra=deep))), limits=Limits(max_json_depth=20))
    page = parse(html_page(ld(blog(post(1), extra=deep))), limits=Limits(max_json_depth=64))
    assert len(page.entries) == 1


def test_json_bomb_nesting_past_the_decoder_limit_is_rejected_not_raised() -> None:
    bomb = "[" * 200_000 + "]" * 200_000
    with pytest.raises(ParseError, match="invalid JSON"):
        parse(html_page(ld(bomb)))


@pytest.mark.parametrize(
    ("order", "kept"),
    [("newest-first", ["Update 5", "Update 4"]), ("oldest-first", ["Update 4", "Update 5"])],
)
def test_max_entries_keeps_the_newest_end(order: str, kept: list[str]) -> None:
    updates = [post(n) for n in range(5, 0, -1)]
    if order == "oldest-first":
        updates.reverse()
    page = parse(html_page(ld(blog(*updates))), limits=Limits(max_entries=2))
    assert [e.title for e in page.entries] == kept


def test_live_blog_without_usable_updates_is_empty_not_an_error() -> None:
    with pytest.raises(EmptySnapshot, match="jsonld"):
        parse(html_page(ld(blog({"@type": "BlogPosting"}, "dangling-ref"))))


def test_live_blog_with_empty_update_list_is_not_recognised() -> None:
    with pytest.raises(ParseError, match="no LiveBlogPosting with liveBlogUpdate"):
        parse(html_page(ld(blog())))
