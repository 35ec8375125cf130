"""The attribute guard reads tags like the HTML tokenizer: no flood gets past it.

The soundness property is checked against lexbor itself: whenever the guard
lets a page through, no element lexbor builds from it has more attributes
than the limit. Work is checked by counting (``attribute_rescan`` returns the
characters it read twice), never by timing.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from streams.errors import ParseError
from streams.parse.guard import attribute_rescan, check_markup
from streams.parse.htmltext import PARSE_OPTIONS
from streams.settings import Limits

LIMITS = Limits()
FLOOD = 5_000
GT = '">"'
SQ = "'>'"
SPACED = ' "a>b"'


def attrs(n: int, value: str | None = None, *, names: str = "a{}") -> str:
    if value is None:
        return " ".join(names.format(i) for i in range(n))
    return " ".join(f"{names.format(i)}={value}" for i in range(n))


def most_attributes(html: str) -> int:
    tree = LexborHTMLParser(html, options=PARSE_OPTIONS)
    root = tree.root
    if root is None:
        return 0
    return max((len(node.attributes) for node in root.traverse()), default=0)


@pytest.mark.parametrize(
    "html",
    [
        # The case that got past the earlier guard: every window holds a '>'.
        pytest.param(f"<div {attrs(FLOOD, GT)}>x</div>", id="quoted-gt-values"),
        pytest.param(f"<div {attrs(FLOOD, SQ)}>x</div>", id="single-quoted-gt-values"),
        pytest.param(f"<div {attrs(FLOOD, SPACED)}>x</div>", id="spaced-equals"),
        pytest.param(
            "<div " + " ".join(f'a{i}=">"' if i % 50 == 0 else f"a{i}" for i in range(FLOOD)) + ">",
            id="sparse-gt",
        ),
        pytest.param(f"<div {attrs(FLOOD, GT, names='a<{}')}>", id="lt-in-names"),
        pytest.param(f'<!-- <a title=" --><div {attrs(FLOOD, GT)}>', id="after-comment"),
        pytest.param(f'<p title="<b c=">x</p><div {attrs(FLOOD, GT)}>', id="after-lt-in-value"),
        pytest.param(f"<svg><style><div {attrs(FLOOD)}></style></svg>", id="svg-style-is-markup"),
        pytest.param(f"<math><title><i {attrs(FLOOD)}></title></math>", id="math-title-is-markup"),
        pytest.param(f"<select><style><i {attrs(FLOOD)}></style></select>", id="select-style"),
        pytest.param(
            f"<script><!--<script></script>--></script><i {attrs(FLOOD)}>", id="after-escapes"
        ),
        pytest.param(f"<p>x</p {attrs(FLOOD)}>", id="end-tag"),
        pytest.param(f"<p {attrs(FLOOD)}", id="cut-off-by-the-end"),
        pytest.param(f"<P {attrs(FLOOD, 'v')}>", id="unquoted-values"),
        pytest.param("<div " + "".join(f'a{i}=""' for i in range(FLOOD)) + ">", id="no-spaces"),
    ],
)
def test_floods_are_refused_with_the_limit_named(html: str) -> None:
    page = "<html><body>" + html + "</body></html>"
    with pytest.raises(ParseError, match="max_html_attributes=1000") as caught:
        check_markup(page, LIMITS)
    assert caught.value.reason == "parse_error"


@pytest.mark.parametrize(
    "html",
    [
        pytest.param(f"<script>var s = '<div {attrs(FLOOD)}>';</script>", id="script-text"),
        pytest.param(f"<style>/* <i {attrs(FLOOD)}> */</style>", id="style-text"),
        pytest.param(f"<textarea><i {attrs(FLOOD)}></textarea>", id="textarea-text"),
        pytest.param(f"<script><!--<script></script><i {attrs(FLOOD)}>", id="escaped-script"),
        pytest.param(f"<!-- <div {attrs(FLOOD)}> -->", id="comment"),
        pytest.param(f"<svg><path/></svg><script><i {attrs(FLOOD)}></script>", id="after-svg"),
        pytest.param(f"<p>{attrs(FLOOD)}</p>", id="plain-text"),
    ],
)
def test_text_that_looks_like_a_flood_passes_where_the_parser_reads_text(html: str) -> None:
    page = "<html><body>" + html + "</body></html>"
    check_markup(page, LIMITS)
    assert most_attributes(page) <= 2


def test_the_limit_is_a_setting() -> None:
    page = "<div " + attrs(300, GT) + ">x</div>"
    check_markup(page, LIMITS)
    with pytest.raises(ParseError, match="max_html_attributes=100"):
        check_markup(page, Limits(max_html_attributes=100))


def test_overlapping_tags_are_read_again_linearly_and_then_refused() -> None:
    """A '<' inside an attribute makes the guard read that tag's extent again."""
    one = '<p title="a<b">x</p>'
    small, large = one * 1_000, one * 8_000
    ratio_small = attribute_rescan(small, LIMITS) / len(small)
    ratio_large = attribute_rescan(large, LIMITS) / len(large)
    assert 0 < ratio_small < 1
    assert ratio_large == pytest.approx(ratio_small, rel=0.01)
    tangled = '<a"' * 100_000  # every '<' starts a tag name running to the end
    with pytest.raises(ParseError, match="max_markup_rescan=8"):
        check_markup(tangled, LIMITS)
    check_markup(tangled[:3_000], Limits(max_markup_rescan=1_000))


def test_real_markup_is_never_read_twice() -> None:
    page = (
        "<!doctype html><html><head><title>t</title><style>p>a{x:1}</style>"
        "<script>if (a<b && c>d) { s = '<div class=\"x\">'; }</script></head><body>"
        + '<p class="c" data-x=\'{"k": 1}\'>text &amp; more</p><img src=x alt="a > b">' * 500
        + "<!-- <div> --></body></html>"
    )
    assert attribute_rescan(page, LIMITS) == 0


# --- soundness against lexbor -------------------------------------------------

NAMES = [
    *("a", "b", "p", "div", "svg", "math", "select", "option", "script", "style", "title"),
    *("textarea", "xmp", "iframe", "noscript", "plaintext", "template", "table", "font"),
    *("foreignObject", "desc", "mi", "mtext", "annotation-xml", "frameset"),
]
PIECES = st.one_of(
    st.sampled_from(NAMES).map(lambda n: f"<{n}"),
    st.sampled_from(NAMES).map(lambda n: f"</{n}"),
    st.sampled_from(
        [
            " ",
            "\n",
            "/",
            ">",
            "=",
            '"',
            "'",
            "<",
            "x",
            "y1",
            "z2",
            "<!--",
            "-->",
            "--!>",
            "<!",
            "<?",
            "<![CDATA[",
            "]]>",
            'a=">"',
            "b='<'",
            "c=d",
            "<frameset>",
            "<foreignObject>",
            "<plaintext>",
            "<noscript>",
            "<template>",
            "<SCRIPT>",
            "</SCRIPT >",
        ]
    ),
)
SOUP = st.lists(PIECES, min_size=4, max_size=80).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(soup=SOUP, limit=st.integers(1, 4))
def test_what_passes_never_builds_an_element_over_the_limit(soup: str, limit: int) -> None:
    limits = Limits(max_html_attributes=limit, max_markup_rescan=1_000)
    try:
        attribute_rescan(soup, limits)
    except ParseError as exc:
        message = exc.message
    else:
        assert most_attributes(soup) <= limit
        return
    assert "max_html_attributes" in message or "max_markup_rescan" in message
