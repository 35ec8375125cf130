"""The markup guard: hostile nesting and attribute floods are refused before parsing."""

from __future__ import annotations

import pytest

from streams.errors import ParseError
from streams.parse.guard import check_markup
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
