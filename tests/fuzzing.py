"""Hostile input for every parser: hypothesis strategies and the reproducer format.

Shared by tests/unit/parse/test_fuzz_parsers.py (few examples, in CI) and
benchmarks/fuzz_parsers.py (a long run). Four families, each from pieces the
parsers react to, so generated input reaches past the first check:

* HTML token soup: tags the profiles, the JSON-LD scanner and the guard look
  at, attributes with quotes and ``<``/``>`` in odd places, comments, CDATA,
  raw-text elements, entities, NULs and lone surrogates;
* JSON-LD: live-blog-shaped documents (``@graph``, ``@id`` references,
  HTML in text fields, deep nesting), one or several scripts, sometimes cut;
* DW-like text: section markers, date lines, permalinks, captions;
* mutated real pages: a generated live blog in one of the four formats with
  a few slices inserted, deleted, duplicated or cut off, or re-encoded wrongly
  (UTF-16 without BOM read as Latin-1, invalid UTF-8 replaced, NULs).
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from hypothesis import strategies as st

from streams.models import Snapshot
from tests.livegen import T0, entries_strategy, render, snapshot

__all__ = [
    "CONTENT_TYPES",
    "REASONS",
    "bodies",
    "dw_text",
    "html_soup",
    "jsonld_page",
    "reproducer",
    "snapshots",
]

REASONS = frozenset(
    {
        "decode_error",
        "bad_status",
        "too_large",
        "unsupported_content_type",
        "parse_error",
        "empty_snapshot",
    }
)
CONTENT_TYPES = ("text/html", "text/plain", "application/xhtml+xml", "text/html; charset=x")

_TAGS = [
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
    "tr",
    "svg",
    "math",
    "select",
    "option",
    "template",
    "article",
    "time",
    "h2",
    "h3",
    "figure",
    "figcaption",
    "textarea",
    "title",
    "section",
    "header",
    "footer",
    "span",
    "iframe",
    "noscript",
    "plaintext",
    "foreignObject",
    "desc",
    "mi",
    "frameset",
]
_CLASSES = [
    "liveblog-entry",
    "entry-title",
    "entry-content",
    "permalink",
    "liveblog-entry-body",
    "post-body",
]
_ATTRS = st.one_of(
    st.sampled_from(_CLASSES).map(lambda c: f'class="{c}"'),
    st.sampled_from(
        [
            'id="e1"',
            'data-entry-id="x"',
            "data-entry-id=y",
            'datetime="2026-03-03T10:00Z"',
            'datetime="not a date"',
            'href="#a"',
            'href="https://p.example/p/1"',
            'href="javascript:x"',
            'type="application/ld+json"',
            "type=application/ld+json",
            "itemprop='liveBlogUpdate'",
            "itemprop=headline",
            'x=">"',
            "x='<'",
            'a"b',
            "=",
            "/",
            'c=d"e',
            'rel="bookmark"',
        ]
    ),
)
_TEXT = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "<!--",
            "-->",
            "--!>",
            "<!",
            "<?x",
            "</ x>",
            "<![CDATA[",
            "]]>",
            "&amp;",
            "&#xD800;",
            "&#0;",
            "&",
            "<",
            ">",
            "\x00",
            "\ud800",
            "\r\n",
            "\u2028",
            '{"@type":"LiveBlogPosting","liveBlogUpdate":[',
            "]}",
            "ld+json",
            "LD+JSON",
            "Skip next section ",
        ]
    ),
)
_TOKENS = st.one_of(
    st.tuples(st.sampled_from(_TAGS), st.lists(_ATTRS, max_size=3), st.booleans()).map(
        lambda t: f"<{t[0]}{''.join(' ' + a for a in t[1])}{'/' if t[2] else ''}>"
    ),
    st.sampled_from(_TAGS).map(lambda t: f"</{t}>"),
    _TEXT,
)


def html_soup(max_tokens: int = 60) -> st.SearchStrategy[str]:
    return st.lists(_TOKENS, max_size=max_tokens).map("".join)


_KEYS = st.sampled_from(
    [
        "@type",
        "@graph",
        "@id",
        "@context",
        "@value",
        "liveBlogUpdate",
        "headline",
        "name",
        "articleBody",
        "text",
        "url",
        "datePublished",
        "dateModified",
        "description",
        "mainEntity",
        "x",
    ]
)
_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(
        [
            "LiveBlogPosting",
            "https://schema.org/LiveBlogPosting",
            "BlogPosting",
            "<p>html</p>",
            "<div><p>a<br>b</div>",
            "<p",
            "_:b0",
            "#a",
            "/rel",
            "2026-03-03T10:00:00Z",
            "2026-02-30T25:61:00Z",
            "99999-01-01",
            "https://x.example/a",
            "</script>",
            "&lt;b&gt;",
            "\ud800",
        ]
    ),
)
_JSON = st.recursive(
    _LEAVES,
    lambda kids: st.one_of(st.lists(kids, max_size=4), st.dictionaries(_KEYS, kids, max_size=5)),
    max_leaves=30,
)
_UPDATE = st.fixed_dictionaries(
    {"@type": st.just("BlogPosting")},
    optional={
        "headline": _LEAVES,
        "articleBody": _LEAVES,
        "url": _LEAVES,
        "@id": st.sampled_from(["#u1", "#u2", "_:b1", "https://x.example/u"]),
        "datePublished": _LEAVES,
        "extra": _JSON,
    },
)
_BLOG = st.fixed_dictionaries(
    {
        "@type": st.sampled_from(["LiveBlogPosting", ["LiveBlogPosting", "NewsArticle"]]),
        "liveBlogUpdate": st.one_of(
            st.lists(st.one_of(_UPDATE, st.sampled_from(["#u1", "_:b1"]), _JSON), max_size=6),
            _UPDATE,
        ),
    },
    optional={"headline": _LEAVES, "description": _LEAVES, "@id": st.just("#blog")},
)
_DOC = st.one_of(
    _BLOG,
    _JSON,
    st.lists(_BLOG, max_size=3),
    st.builds(lambda g: {"@graph": g}, st.lists(st.one_of(_BLOG, _UPDATE, _JSON), max_size=5)),
    st.builds(lambda b: {"@type": "WebPage", "mainEntity": b}, _BLOG),
)


@st.composite
def jsonld_page(draw: st.DrawFn) -> str:
    """One to three ``ld+json`` scripts (sometimes cut, unescaped or wrapped)."""
    scripts = []
    for doc in draw(st.lists(_DOC, min_size=1, max_size=3)):
        text = json.dumps(doc, allow_nan=True)
        if draw(st.booleans()):
            text = text.replace("</", "<\\/")
        cut = draw(st.one_of(st.none(), st.integers(0, len(text))))
        if cut is not None:
            text = text[:cut]
        wrap = draw(st.sampled_from(["", "<!--", "//<![CDATA[", " "]))
        kind = draw(st.sampled_from(["application/ld+json", "application/LD+JSON"]))
        scripts.append(f'<script type="{kind}">{wrap}{text}</script>')
    visible = draw(html_soup(20))
    return f"<html><head>{''.join(scripts)}</head><body>{visible}</body></html>"


_DW_LINES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "Skip next section ",
            "Skip next section Title",
            "skip next section",
            "March 3, 2026",
            "03.03.2026 10:00 CET",
            "February 30, 2026 25:00 UTC",
            "https://p.dw.com/p/abc",
            "https://p.dw.com/p/" + "a" * 300,
            "http://",
            "1. Skip to content",
            "Published March 3, 2026last updated",
            "Published ",
            "CaptionImage: A/B",
            "Image: it shows the dam.",
            "ab/cd (AFP)",
            "'Quote': headline",
            "- item",
            "List:",
            "",
        ]
    ),
)


def dw_text(max_lines: int = 60) -> st.SearchStrategy[str]:
    return st.lists(_DW_LINES, max_size=max_lines).map("\n".join)


@st.composite
def _mutated(draw: st.DrawFn) -> tuple[str, str]:
    """A generated live blog (any format) with a few slices changed."""
    kind = draw(st.sampled_from(["jsonld", "jsonld-html", "profile", "dw-text"]))
    snap = render(kind, draw(entries_strategy(max_entries=5)))
    body = snap.body
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(body)))
        op = draw(st.sampled_from(["insert", "delete", "duplicate", "cut"]))
        width = draw(st.integers(1, 200))
        if op == "insert":
            piece = draw(st.one_of(_TOKENS, _DW_LINES, _LEAVES.map(str)))
            body = body[:at] + piece + body[at:]
        elif op == "delete":
            body = body[:at] + body[at + width :]
        elif op == "duplicate":
            body = body[:at] + body[at : at + width] * draw(st.integers(2, 5)) + body[at:]
        else:
            body = body[:at]
    return body, snap.content_type


@st.composite
def _misencoded(draw: st.DrawFn) -> tuple[str, str]:
    """A generated page decoded the wrong way: what a confused producer sends."""
    kind = draw(st.sampled_from(["jsonld", "profile", "dw-text"]))
    snap = render(kind, draw(entries_strategy(max_entries=3)))
    codec = draw(st.sampled_from(["utf-16-le", "utf-16-be", "utf-8", "cp1252"]))
    raw = snap.body.encode(codec, errors="replace")
    how = draw(st.sampled_from(["latin-1", "utf-8-replace", "utf-8-surrogateescape", "nul"]))
    if how == "latin-1":
        body = raw.decode("latin-1")
    elif how == "nul":
        body = snap.body.replace(">", ">\x00").replace("\n", "\x00\n")
    else:
        errors = how.removeprefix("utf-8-")
        body = raw.decode("utf-8", errors=errors)
    return body, snap.content_type


def bodies() -> st.SearchStrategy[tuple[str, str]]:
    """(body, content type) pairs from every family."""
    return st.one_of(
        st.tuples(html_soup(), st.sampled_from(["text/html", "application/xhtml+xml"])),
        st.tuples(jsonld_page(), st.just("text/html")),
        st.tuples(dw_text(), st.just("text/plain")),
        st.tuples(st.text(max_size=300), st.sampled_from(CONTENT_TYPES)),
        _mutated(),
        _misencoded(),
    )


@st.composite
def snapshots(draw: st.DrawFn, max_count: int = 3) -> list[Snapshot]:
    """One page's fetches in order (same URL, later times), each body hostile."""
    url = draw(st.sampled_from(["https://news.example/live/a", "https://www.dw.com/en/live/b"]))
    out = []
    for n in range(draw(st.integers(1, max_count))):
        body, content_type = draw(bodies())
        status = draw(st.sampled_from([200, 200, 200, None, 304, 404, 500]))
        out.append(
            snapshot(
                body, content_type, url=url, fetched_at=T0 + timedelta(minutes=n), status=status
            )
        )
    return out


def reproducer(snap: Snapshot) -> dict[str, Any]:
    """What a failure report prints: enough to rebuild the snapshot exactly."""
    return {
        "url": snap.url,
        "content_type": snap.content_type,
        "status": snap.status,
        "body": snap.body,
    }
