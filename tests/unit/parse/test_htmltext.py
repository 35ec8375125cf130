"""HTML -> paragraphs: block structure, skipped elements, batching, deep trees."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from streams.parse import htmltext
from streams.parse.htmltext import (
    SEP,
    fragments_to_paragraphs,
    marked_ancestors,
    node_line,
    paragraphs,
)


def body_paragraphs(html: str) -> list[str]:
    tree = LexborHTMLParser(html)
    assert tree.body is not None
    return paragraphs(tree.body, marked_ancestors(tree))


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>a</p><p>b</p>", ["a", "b"]),
        ("<p>a<br>b</p>", ["a", "b"]),
        ("<p>J<b>oh</b>n <i>Doe</i></p>", ["John Doe"]),
        ("text<div>block</div>more", ["text", "block", "more"]),
        ("<div><div><p>deep</p></div>tail</div>", ["deep", "tail"]),
        ("<ul><li>one</li><li>two <b>bold</b></li></ul>", ["one", "two bold"]),
        ("<h2>Head</h2><p>para</p>", ["Head", "para"]),
        ("<blockquote><p>quoted</p></blockquote>", ["quoted"]),
        ("<table><tr><td>c1</td><td>c2</td></tr></table>", ["c1", "c2"]),
        ("<p>x<script>no()</script>y</p>", ["xy"]),
        ("<p>kept</p><style>.a{}</style><noscript>js off</noscript>", ["kept"]),
        ("<p>t</p><nav>menu</nav><aside>related</aside><button>Share</button>", ["t"]),
        ("<figure><img alt=a><figcaption>cap</figcaption></figure><p>p</p>", ["p"]),
        ("<p>a <svg><title>icon</title></svg>b</p>", ["a b"]),
        ("<p>   </p><p>\u00a0</p>", []),
        ("<p>Caf\u0065\u0301 \t tab</p>", ["Caf\u00e9 tab"]),
        ("<a href='x'><div>block in link</div></a>", ["block in link"]),
    ],
)
def test_paragraphs(html: str, expected: list[str]) -> None:
    assert body_paragraphs(f"<html><body>{html}</body></html>") == expected


def test_node_line_joins_paragraphs() -> None:
    tree = LexborHTMLParser("<h2>One<br>Two</h2><h3>Plain  title</h3>")
    marked = marked_ancestors(tree)
    h2, h3 = tree.css_first("h2"), tree.css_first("h3")
    assert h2 is not None
    assert h3 is not None
    assert node_line(h2, marked) == "One Two"
    assert node_line(h3, marked) == "Plain title"


def test_fragments_batched_in_one_parse_keep_their_boundaries() -> None:
    frags = ["<p>a</p>", "plain", "<p>unclosed", "<b>bold", "<div>x</div>y", f"sep{SEP}char"]
    assert fragments_to_paragraphs(frags) == [
        ["a"],
        ["plain"],
        ["unclosed"],
        ["bold"],
        ["x", "y"],
        ["sepchar"],
    ]


@pytest.mark.parametrize(
    "swallower", ["<script>", "<textarea>", "<a href='", "<!--", "<style>", "<title>"]
)
def test_fragment_that_swallows_the_rest_falls_back_to_one_parse_each(swallower: str) -> None:
    result = fragments_to_paragraphs(["<p>first</p>", f"<p>mid</p>{swallower}x", "<p>last</p>"])
    assert result[0] == ["first"]
    assert result[2] == ["last"]
    assert len(result) == 3


@pytest.mark.parametrize("end", ["</", "<", "<a title='x", '<a title=">', "<b class=x"])
def test_a_fragment_ending_inside_markup_reads_as_it_does_alone(end: str) -> None:
    """ "part.</" then the batch's "</form>" would be one comment: read alone instead."""
    fragments = ["<p>first</p>", f"<p>Second part.</p><p>more{end}", "<p>last</p>"]
    assert fragments_to_paragraphs(fragments) == [
        fragments_to_paragraphs([f])[0] for f in fragments
    ]


def test_empty_batch() -> None:
    assert fragments_to_paragraphs([]) == []


@pytest.mark.parametrize("tag", ["div", "b", "span", "blockquote", "li"])
def test_deep_nesting_does_not_recurse(tag: str) -> None:
    depth = 20_000
    html = f"<{tag}>" * depth + "deep text" + f"</{tag}>" * depth
    assert body_paragraphs(f"<html><body>{html}<br>after</body></html>")[-2:] == [
        "deep text",
        "after",
    ]


def _vocab(tokens: str) -> list[str]:
    return tokens.split("|")


FLAT_TOKENS = st.sampled_from(
    _vocab("<p>|</p>|<h2>|</h2>|<div>|</div>|<P class=x>|text|more words| |\n|\t|&amp;|&nbsp;")
    + _vocab("&#0;|\x00|\u00a0|é|e\u0301|&lt;|>|\ue001|\r\n")
)


@given(st.lists(FLAT_TOKENS, max_size=30).map("".join))
def test_flat_path_equals_the_node_walk(html: str) -> None:
    tree = LexborHTMLParser(html.replace("\ue001", ""))
    assert tree.body is not None
    walked = paragraphs(tree.body, marked_ancestors(tree))
    assert fragments_to_paragraphs([html]) == [walked]


SANE_TOKENS = st.sampled_from(
    _vocab("<p>|</p>|<div>|</div>|<b>|</b>|<i>|<a href='/x'>|</a>|<br>|<ul>|<li>|</ul>|<h3>")
    + _vocab("</h3>|<blockquote>|</blockquote>|<span>|words|more text| |\n|&amp;|&lt;|é")
    + _vocab("<img alt='x'>|<figure>|<figcaption>cap</figcaption>|</figure>|<table>|<td>")
    + _vocab("</table>|<tr>|<caption>|<p|<script>|<!--|<textarea>|<select>|<option>|<svg>")
    + _vocab("<template>|<title>|<plaintext>|<xmp>|<marquee>|<object>|<nobr>|<button>")
    + _vocab("<form>|</form>|<dd>|<ruby>|<rt>|\ue000|</|<|<a title='x|<a title=\">")
)


@given(st.lists(st.lists(SANE_TOKENS, max_size=12).map("".join), min_size=2, max_size=6))
def test_batch_equals_one_parse_per_fragment(fragments: list[str]) -> None:
    """No fragment changes another's text: the batch is only a speed-up.

    (Tags that switch the whole document's mode, <frameset>/<html>/<body>,
    are left out: alone, such a fragment parses differently anyway.)
    """
    assert fragments_to_paragraphs(fragments) == [
        fragments_to_paragraphs([f])[0] for f in fragments
    ]


@given(st.lists(SANE_TOKENS, max_size=30).map("".join))
def test_marking_by_walk_equals_the_css_query(html: str) -> None:
    """Small fragments mark ancestors by walking elements (no CSS engine set-up)."""
    tree = LexborHTMLParser(html)
    assert htmltext._marked_by_walk(tree) == marked_ancestors(tree)


@given(st.lists(st.one_of(SANE_TOKENS, FLAT_TOKENS), max_size=30).map("".join))
def test_small_fragment_path_equals_the_css_path(html: str) -> None:
    small = fragments_to_paragraphs([html])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(htmltext, "_SMALL_SOURCE", -1)  # every fragment takes the CSS path
        assert fragments_to_paragraphs([html]) == small
