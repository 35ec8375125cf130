"""ldscan: JSON-LD script texts cut from raw HTML must equal what the full parse reads.

Every answer is either ``None`` (the caller parses the page) or exactly the
texts of ``script[type*="ld+json" i]`` in the lexbor tree of the whole page.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from streams.models import ParsedPage
from streams.parse import parse_snapshot
from streams.parse import select as select_module
from streams.parse.entrycache import ENTRY_CACHE
from streams.parse.ldscan import ld_script_texts
from streams.settings import Limits
from tests.livegen import entries_strategy, render_jsonld_html, snapshot

LD = '<script type="application/ld+json">{"@type": "Thing", "n": 1}</script>'
LD2 = "<script type='application/ld+json' id=x>[1, 2]</script>"
HEAD = "<!doctype html><html><head><title>t</title>"
SLOW = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def full_texts(body: str) -> list[str]:
    tree = LexborHTMLParser(body)
    return [node.text() for node in tree.css('script[type*="ld+json" i]')]


def check(body: str) -> list[str] | None:
    """The scan's answer, after asserting it agrees with the full parse."""
    texts = ld_script_texts(body, Limits())
    if texts is not None:
        assert texts == full_texts(body)
    return texts


@pytest.mark.parametrize(
    ("body", "count"),
    [
        (f"{HEAD}{LD}</head><body><p>x</p></body></html>", 1),
        (f"{HEAD}</head><body><p>a &lt; b</p><div>{LD}</div></body></html>", 1),
        (f"{HEAD}{LD}</head><body><!-- closed --><p>x</p>{LD2}</body></html>", 2),
        (f"{HEAD}<!--><!---> {LD}", 1),
        (f'{HEAD}<link rel="alternate" type="application/ld+json" href="/x">{LD}', 1),
        (f'{HEAD}<script data-kind="ld+json" type="text/javascript">var a = 1;</script>', 0),
        (f'{HEAD}<script data-kind="ld+json">var a = "ld+json";</script>{LD}', 1),
        (f'{HEAD}<p>ld+json is a format</p><script type="application/ld+json"></script>', 1),
        (f'{HEAD}<SCRIPT type="application/ld+json">{{"a": 1}}</SCRIPT >', 1),
        (f'{HEAD}<script type="application/ld+json">{{"a": "x"}}</Script\n>', 1),
        (f'{HEAD}<script type="application/ld+json">{{"b": "<p>a</p>"}}</script>', 1),
        (f"{HEAD}<noscript>{LD}</noscript>", 1),
        (HEAD + "<p>" + "x" * 40_000 + "</p>" + LD, 1),
        (f"{HEAD}<div title='x>y'>{LD}</div>", 1),
        (f"{HEAD}<script>var s = '<scr' + 'ipt>';</script><style>p{{}}</style>{LD}", 1),
    ],
)
def test_scripts_are_read_like_the_full_parse(body: str, count: int) -> None:
    texts = check(body)
    assert texts is not None
    assert len(texts) == count


@pytest.mark.parametrize(
    "body",
    [
        f"{HEAD}<p>no json-ld here</p>",
        f'{HEAD}<script type="application/LD+JSON">{{}}</script>',
        f'{HEAD}{LD}<script type="Application/Ld+Json">{{}}</script>',
        f"{HEAD}<!-- {LD} -->",
        f"{HEAD}<!-- open comment <p>x</p>{LD}",
        f"{HEAD}<template>{LD}</template>",
        f"{HEAD}<svg>{LD}</svg>",
        f"{HEAD}<math>{LD}</math>",
        f"{HEAD}<textarea>{LD}</textarea>",
        f"{HEAD}<title>{LD}</title>",
        f"{HEAD}<style>{LD}</style>",
        f"{HEAD}<iframe>{LD}</iframe>",
        f"{HEAD}<plaintext>{LD}",
        f"{HEAD}<script>document.write('{LD}');</script>",
        f"{HEAD}<script>var s = '<script type=\"application/ld+json\">{{}}<\\/script>';</script>",
        f'{HEAD}<script data-x="a>b" type="application/ld+json">{{}}</script>',
        f'{HEAD}<script type="application/ld+json"><!-- {{}} --></script>',
        f'{HEAD}<script type="application/ld+json">{{"a": "\r"}}</script>',
        f'{HEAD}<script type="application/ld+json">{{"a": "\0"}}</script>',
        f'{HEAD}<script type="application/ld+json">{{"a": 1}}',
        f'{HEAD}<script type="application/ld+json">{{"a": 1}}</scripts>',
        f'{HEAD}<script type="application/ld+json"',
        HEAD + '<script type="application/ld+json" ' + "a " * 3000 + ">{}</script>",
        HEAD + "<p>" + "x" * 70_000 + "</p>" + LD,
        f"{HEAD}<C{LD}",
        f"{HEAD}<div title='x>y' data-embed='{LD}'></div>",
        f'{HEAD}<script data-x="<" type="application/ld+json">{{}}</script>',
        HEAD + LD * 65,
    ],
)
def test_doubtful_markup_falls_back_to_the_full_parse(body: str) -> None:
    assert check(body) is None


def test_many_plain_plus_signs_are_cheap_and_ignored() -> None:
    body = HEAD + "<p>" + "1+1=2 " * 5000 + "</p>" + LD
    assert check(body) == [LD[LD.index(">") + 1 : LD.index("</")]]


# --- fuzzing: any answer but None equals the full parse -------------------------

PIECES = [
    LD,
    LD2,
    '<script type="application/ld+json">',
    "</script>",
    "</SCRIPT>",
    "<script>",
    "<!--",
    "-->",
    "--!>",
    "<!-->",
    "<template>",
    "</template>",
    "<svg>",
    "</svg>",
    "<textarea>",
    "</textarea>",
    "<style>",
    "</style>",
    "<noscript>",
    "</noscript>",
    "<p>",
    "</p>",
    "<div class='a>b'>",
    "<",
    ">",
    "ld+json",
    "LD+JSON",
    '"',
    "'",
    " ",
    "\n",
    "\r\n",
    "{}",
    '{"@type": "LiveBlogPosting"}',
    "<br/>",
    "<![CDATA[",
    "]]>",
    "<script type=application/ld+json>",
    '<script type="text/ld+json" async>',
]


@SLOW
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_fuzzed_markup_is_never_read_wrong(pieces: list[str]) -> None:
    check(HEAD + "".join(pieces))


@SLOW
@given(st.text(st.sampled_from(list("<>/!-'\" =\nscriptldjson+{}[]SCRIPTtype")), max_size=200))
def test_fuzzed_characters_are_never_read_wrong(text: str) -> None:
    check(text)
    check(HEAD + LD + text + LD2)


# --- the whole parse: with and without the shortcut, the same page ---------------


def _without_shortcut(monkeypatch: pytest.MonkeyPatch, body: str) -> ParsedPage:
    ENTRY_CACHE.clear()
    with monkeypatch.context() as patch:
        patch.setattr(select_module, "ld_script_texts", lambda body, limits: None)
        return parse_snapshot(snapshot(body), limits=Limits())


@SLOW
@given(entries=entries_strategy(max_entries=5), html_bodies=st.booleans())
def test_shortcut_and_full_parse_give_the_same_page(
    entries: list[object], html_bodies: bool
) -> None:
    body = render_jsonld_html(entries, html_bodies=html_bodies)  # type: ignore[arg-type]
    assert ld_script_texts(body, Limits()) is not None
    ENTRY_CACHE.clear()
    fast = parse_snapshot(snapshot(body), limits=Limits())
    with pytest.MonkeyPatch.context() as patch:
        slow = _without_shortcut(patch, body)
    assert fast == slow
