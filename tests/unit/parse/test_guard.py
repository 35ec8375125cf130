"""The markup guard: hostile nesting and attribute floods are refused before parsing."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from streams.errors import ParseError
from streams.parse.guard import _Depth, attribute_rescan, check_markup
from streams.parse.htmltext import PARSE_OPTIONS
from streams.settings import Limits
from tests.livegen import make_entries, render_jsonld_html, render_profile_html
from tests.unit.parse.pages import parse

LIMITS = Limits()


@pytest.mark.parametrize(
    "html",
    [
        pytest.param("<div>" * 20_000, id="nested-divs"),
        pytest.param("<span>" * 10_000 + "</x>" * 10_000, id="spans-then-stray-ends"),
        pytest.param("<ul><li>" * 10_000, id="nested-lists"),
        pytest.param("<b>" * 10_000 + "<p>x</p>" * 10_000, id="formatting-then-blocks"),
        pytest.param("<div/>" * 20_000, id="self-closing-syntax-still-opens"),
        pytest.param("<table><tr><td>" * 8_000, id="nested-tables"),
    ],
)
def test_deep_nesting_is_rejected_with_the_limit_named(html: str) -> None:
    with pytest.raises(ParseError, match="max_html_depth=512"):
        check_markup(html, LIMITS)
    with pytest.raises(ParseError, match="max_html_depth"):
        parse(html)


@pytest.mark.parametrize(
    "tag",
    [
        pytest.param("<div " + " ".join(f"a{i}" for i in range(5_000)) + ">", id="bare-names"),
        pytest.param("<div " + " ".join(f'a{i}="v"' for i in range(5_000)) + ">", id="quoted"),
        pytest.param("<div " + "".join(f"a{i}=''" for i in range(5_000)) + ">", id="no-spaces"),
        pytest.param("<div " + "/".join(f"a{i}" for i in range(5_000)) + ">", id="slashes"),
    ],
)
def test_attribute_flood_is_rejected(tag: str) -> None:
    html = "<html><body>" + tag + "text</div></body></html>"
    with pytest.raises(ParseError, match="max_html_attributes=1000"):
        check_markup(html, LIMITS)


@pytest.mark.parametrize(
    "html",
    [
        pytest.param(render_jsonld_html(make_entries(200)), id="json-ld-page"),
        pytest.param(render_profile_html(make_entries(400)), id="large-profile-page"),
        pytest.param("<p>para" * 30_000, id="many-unclosed-paragraphs"),
        pytest.param("<ul>" + "<li>item" * 30_000 + "</ul>", id="many-unclosed-items"),
        pytest.param('<img src="data:image/png;base64,' + "QUJD" * 50_000 + '">', id="data-uri"),
        pytest.param("<p>" + "word " * 100_000 + "</p>", id="long-text-run"),
        pytest.param(
            "<svg>" + '<path d="M0 0"/>' * 20_000 + "</svg>", id="svg-self-closing-children"
        ),
        pytest.param("<div>" * 400 + "<p>x</p>" * 20_000 + "</div>" * 400, id="deep-but-legal"),
    ],
)
def test_legitimate_large_pages_pass(html: str) -> None:
    check_markup(html, LIMITS)


def test_limits_are_settings() -> None:
    html = "<div>" * 20_000
    check_markup(html, Limits(max_html_depth=30_000))
    with pytest.raises(ParseError, match="max_html_attributes=10"):
        check_markup(
            "<p " + " ".join(f"a{i}" for i in range(3_000)) + ">" + "x" * 9000,
            Limits(max_html_attributes=10),
        )


# --- depth bypasses found while fuzzing (each took seconds in lexbor at 20-40k) -------


def real_depth(html: str) -> int:
    tree = LexborHTMLParser(html, options=PARSE_OPTIONS)
    todo, deepest = [(tree.root, 1)], 0
    while todo:
        node, depth = todo.pop()
        deepest = max(deepest, depth)
        child = node.child if node is not None else None
        while child is not None:
            if child.tag and not child.tag.startswith("-"):
                todo.append((child, depth + 1))
            child = child.next
    return deepest


@pytest.mark.parametrize(
    "html",
    [
        # A quoted '>' made the old scan see a comment or a script the parser does not.
        pytest.param('<div x="a><!--">' + "<div>" * 20_000 + "-->", id="comment-in-attribute"),
        pytest.param('<div x="a><script>">' + "<div>" * 20_000, id="script-in-attribute"),
        # <option>/<optgroup>/<rb> close their kind only when it is the current node.
        pytest.param("<option><b>" * 10_000, id="option-through-inline"),
        pytest.param("<optgroup><s>" * 10_000, id="optgroup-through-inline"),
        pytest.param("<rb><i>" * 10_000, id="rb-through-inline"),
        # <x/> opens in HTML content, also after something left the SVG.
        pytest.param("<svg><p>" + "<div/>" * 20_000, id="self-closing-after-breakout"),
    ],
)
def test_markup_the_parser_nests_deeply_is_refused(html: str) -> None:
    assert real_depth(html) > 5_000  # what lexbor builds: the guard must not believe less
    with pytest.raises(ParseError, match="max_html_depth=512"):
        check_markup(html, LIMITS)


def test_formatting_elements_reopened_after_every_block_are_refused() -> None:
    """<b a=N> left open under a <div>: the parser re-opens all of them at each
    text after a closed block (12k tags took lexbor 14 s), whatever the page size."""
    html = "<div>" + "".join(f"<b a={i}>" for i in range(2_000)) + "</div><div>x" * 2_000
    with pytest.raises(ParseError, match="max_html_formatting=64"):
        check_markup(html, LIMITS)
    check_markup("<div>" + "<b>" * 10 + "</div><div>x" * 500, LIMITS)  # alike: kept 3 times


def test_svg_self_closing_children_and_icons_pass() -> None:
    icon = '<svg viewBox="0 0 8 8"><title>i</title><path d="M0 0"/><g><circle r="1"/></g></svg>'
    page = "<p>" + (icon + "<b>x</b><a href=#>y</a>") * 3_000 + "</p>"
    check_markup(page, LIMITS)


PIECES = st.sampled_from(
    [
        *("<div>", "</div>", "<b>", "</b>", "<b x=1>", "<b x=2>", "<i>", "<p>", "</p>", "<li>"),
        *("<option>", "<optgroup>", "<table>", "<tr>", "<td>", "<span>", "</span>", "<a>"),
        *("<svg>", "</svg>", "<path/>", "<div/>", "<select>", "<rb>", "<ruby>", "<dd>"),
        *("<template>", "</template>", "<font color=1>", "<font color=2>", "<!--", "-->"),
        *('<em x=">', '">', "x", "<script>", "</script>", "<title>", "<math>", "<mi>"),
    ]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(soup=st.lists(PIECES, max_size=120).map("".join), limit=st.integers(2, 10))
def test_what_passes_is_never_much_deeper_in_lexbor(soup: str, limit: int) -> None:
    """The bound is an estimate (lexbor adds html, body, tbody...), never far below."""
    limits = Limits(max_html_depth=limit, max_html_formatting=limit, max_markup_rescan=1_000)
    try:
        attribute_rescan(soup, limits, _Depth(limits))
    except ParseError:
        return  # refused, with the limit named (tests above)
    assert real_depth(soup) <= 2 * limit + 4


def test_formatting_elements_reopened_block_after_block_are_refused() -> None:
    """60 distinct <b> left open under one <div>, then '</div><div>x': the parser
    re-creates all 60 at every 'x' (6 s/MB when allowed); refused by the count."""
    html = "<div>" + "".join(f"<b a={i}>" for i in range(60)) + "</div><div>x" * 20_000
    with pytest.raises(ParseError, match="re-open formatting elements"):
        check_markup(html, LIMITS)
