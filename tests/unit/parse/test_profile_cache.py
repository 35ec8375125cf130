"""Site-profile entries reused across fetches: a warm parse is always the cold parse."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from streams.models import Entry, ParsedPage
from streams.parse import parse_snapshot
from streams.parse.entrycache import ENTRY_CACHE, EntryCache
from streams.parse.profile_parser import is_local
from streams.parse.profiles import ProfileSet, bundled_profiles, parse_profiles
from streams.settings import Limits
from tests.livegen import GenEntry, entries_strategy, render_profile_html, snapshot

URL = "https://harbour.example/live/storm"
SLOW = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(autouse=True)
def _cold_cache() -> Iterator[None]:
    ENTRY_CACHE.clear()
    yield
    ENTRY_CACHE.clear()


def parse(body: str, profiles: ProfileSet | None = None) -> ParsedPage:
    return parse_snapshot(snapshot(body, "text/html", url=URL), limits=Limits(), profiles=profiles)


def cold(body: str, profiles: ProfileSet | None = None) -> ParsedPage:
    ENTRY_CACHE.clear()
    return parse(body, profiles)


def _edit(entries: list[GenEntry], data: st.DataObject) -> list[GenEntry]:
    out = list(entries)
    n = data.draw(st.integers(0, len(out) - 1))
    action = data.draw(st.sampled_from(["edit", "drop", "retitle", "swap", "copy"]))
    if action == "edit":
        out[n] = GenEntry(out[n].entry_id, out[n].title, out[n].body + "\n\nMore.", None)
    elif action == "retitle":
        out[n] = GenEntry(out[n].entry_id, out[n].title + " (updated)", out[n].body)
    elif action == "swap" and len(out) > 1:
        out[0], out[-1] = out[-1], out[0]
    elif action == "copy":
        out.insert(0, out[n])
    elif len(out) > 1:
        del out[n]
    return out


@SLOW
@given(entries=entries_strategy(max_entries=6), data=st.data())
def test_a_sequence_of_edits_parses_as_if_cold(
    entries: list[GenEntry], data: st.DataObject
) -> None:
    ENTRY_CACHE.clear()
    for _ in range(4):
        body = render_profile_html(entries, url=URL)
        warm = parse(body)
        assert warm.parser == "profile:liveblog-entry"
        assert warm == cold(body)
        parse(body)  # leave this page's entries in the cache for the next round
        entries = _edit(entries, data)


def test_unchanged_containers_are_reused_and_edited_ones_read() -> None:
    entries = [GenEntry(f"{URL}#e{n}", f"Title {n}", f"Body {n}.") for n in range(3)]
    first = parse(render_profile_html(entries, url=URL))
    entries[1] = GenEntry(f"{URL}#e1", "Title 1", "Body 1, corrected.")
    second = parse(render_profile_html(entries, url=URL))
    assert second.entries[0] is first.entries[0]
    assert second.entries[2] is first.entries[2]
    assert second.entries[1].body == "Body 1, corrected."
    assert len(ENTRY_CACHE.profiled) == 1


NESTED = """<html><body><main>
<article class="liveblog-entry" id="a"><h2>Outer {x}</h2><div class="entry-body"><p>One.</p>
  <article class="liveblog-entry" id="b"><h2>Inner</h2>
    <div class="entry-body"><p>Two {y}.</p></div></article>
</div></article></main></body></html>"""


@pytest.mark.parametrize(("x", "y"), [("1", "1"), ("2", "1"), ("1", "2")])
def test_nested_containers(x: str, y: str) -> None:
    parse(NESTED.format(x="1", y="1"))
    body = NESTED.format(x=x, y=y)
    assert parse(body) == cold(body)


# Titles picked by where the container sits: the same container markup
# reads differently in another section, so such a profile is never cached.
CONTEXT = """
[[profiles]]
name = "by-section"
hosts = ["harbour.example"]
entry = "div.tick"
id = { attribute = "id" }
title = "section.top h3, section.rest p.kicker"
body = "div.text"
"""
TICK = (
    '<div class="tick" id="t1"><h3>Head</h3><p class="kicker">Kicker</p>'
    '<div class="text"><p>Text.</p></div></div>'
)


def test_a_profile_that_looks_outside_the_entry_is_not_cached() -> None:
    profiles = parse_profiles(CONTEXT, "test") + bundled_profiles()
    assert not is_local(profiles.profiles[0])
    top = f"<html><body><section class='top'>{TICK}</section></body></html>"
    rest = f"<html><body><section class='rest'>{TICK}</section></body></html>"
    assert parse(top, profiles).entries[0].title == "Head"
    assert parse(rest, profiles).entries[0].title == "Kicker"
    assert parse(rest, profiles) == cold(rest, profiles)
    assert ENTRY_CACHE.profiled == {}


@pytest.mark.parametrize(
    ("selector", "local"),
    [
        ("article.liveblog-entry, div.x#y, li", True),
        ("a[rel~='bookmark'], [data-entry-id], *", True),
        ('time[datetime="a b, c"]', True),
        ("main h2", False),
        ("ul > li", False),
        ("h2 + p", False),
        ("h2 ~ p", False),
        ("p:first-child", False),
        ("p:not(.x)", False),
        ("[a='x]']", False),
    ],
)
def test_locality_of_selectors(selector: str, local: bool) -> None:
    profile = parse_profiles(
        f"[[profiles]]\nname = 'p'\nentry = 'article'\ntitle = {selector!r}\n", "test"
    ).profiles[0]
    assert is_local(profile) is local


def test_profile_cache_is_bounded() -> None:
    cache = EntryCache(max_entries=4)
    entry = Entry(entry_id=f"{URL}#1", title="t", body="b")
    for n in range(10):
        cache.store_profiled(f"{URL}/{n}", "p", {f"<a>{n}</a>": entry, f"<b>{n}</b>": None})
        assert cache.size <= 4
    assert list(cache.profiled) == [(f"{URL}/8", "p"), (f"{URL}/9", "p")]
    cache.store_profiled(f"{URL}/9", "p", {"<c/>": entry})  # replaced, not added
    assert cache.size == 3
    assert cache.profiled_page(f"{URL}/9", "p") == {"<c/>": entry}


@SLOW
@given(entries=entries_strategy(max_entries=5), nested=st.booleans())
def test_locating_inside_one_entry_equals_the_document_wide_query(
    entries: list[GenEntry], nested: bool
) -> None:
    from selectolax.lexbor import LexborHTMLParser

    from streams.parse.profile_parser import HtmlPage

    body = render_profile_html(entries, url=URL)
    if nested:
        inner = NESTED.format(x="x", y="y").split("<main>")[1].split("</main>")[0]
        body = body.replace("</article>", inner + "</article>", 1)
    tree = LexborHTMLParser(body)
    page = HtmlPage(tree, URL, set)
    for profile in bundled_profiles().profiles:
        containers = tree.css(profile.entry)
        everything = {node.mem_id: node for node in containers}
        for name in ("id", "permalink", "title", "published", "updated", "body"):
            spec = getattr(profile, name)
            wide = page.locate(spec, everything)
            for node in containers:
                one = page.locate_in(spec, node, everything)
                expected = wide.get(node.mem_id)
                assert (one.mem_id if one else None) == (expected.mem_id if expected else None)


def test_profile_cache_is_bounded_by_markup() -> None:
    cache = EntryCache()
    cache.max_profiled_chars = 25
    entry = Entry(entry_id=f"{URL}#1", title="t", body="b")
    for n in range(5):
        cache.store_profiled(f"{URL}/{n}", "p", {f"<p>{n:06d}</p>": entry})  # 13 characters
        assert cache.profiled_chars <= 25
    assert list(cache.profiled) == [(f"{URL}/4", "p")]
    cache.store_profiled(f"{URL}/big", "p", {"<p>" + "x" * 30 + "</p>": entry})
    assert (f"{URL}/big", "p") not in cache.profiled
    assert cache.profiled_chars == sum(len(k) for page in cache.profiled.values() for k in page)
    assert cache.size == sum(len(page) for page in cache.profiled.values())
