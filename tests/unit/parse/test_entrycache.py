"""The JSON-LD entry cache: a warm parse is always exactly the cold parse."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from streams.models import Entry, ParsedPage
from streams.parse.entrycache import ENTRY_CACHE, MISSING, EntryCache
from streams.settings import Limits
from tests.livegen import GenEntry, entries_strategy, render_jsonld_html
from tests.unit.parse.pages import URL, blog, html_page, ld, parse, post

SLOW = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(autouse=True)
def _cold_cache() -> Iterator[None]:
    ENTRY_CACHE.clear()
    yield
    ENTRY_CACHE.clear()


def cold(body: str, url: str = URL, limits: Limits | None = None) -> ParsedPage:
    ENTRY_CACHE.clear()
    return parse(body, url=url, limits=limits)


def test_unchanged_updates_are_reused_and_edited_ones_rebuilt() -> None:
    first = parse(html_page(ld(blog(post(3), post(2), post(1)))))
    edited = html_page(ld(blog(post(4), post(3), post(2, articleBody="<p>Now <b>fixed</b>.</p>"))))
    second = parse(edited)
    assert second.entries[1] is first.entries[0]  # reused, not rebuilt
    assert second.entries[2].body == "Now fixed."
    assert second == cold(edited)


def test_the_cache_is_per_page_url() -> None:
    no_url = post(1, url=None)
    body = html_page(ld(blog(no_url)))
    here = parse(body)
    there = parse(body, url="https://other.example/live")
    assert here.entries[0].entry_id != there.entries[0].entry_id  # synthetic ids use the URL
    assert there == cold(body, url="https://other.example/live")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ({"headline": 1}, {"headline": True}),
        ({"headline": 1}, {"headline": 1.0}),
        ({"articleBody": ["One.", "Two."]}, {"articleBody": ["One.", "Three."]}),
        ({"headline": {"@value": "A"}}, {"headline": {"@value": "B"}}),
        ({"url": f"{URL}#a"}, {"url": [f"{URL}#a"]}),
    ],
)
def test_non_string_fields_are_never_confused(
    before: dict[str, Any], after: dict[str, Any]
) -> None:
    parse(html_page(ld(blog(post(1, **before), post(2)))))
    body = html_page(ld(blog(post(1, **after), post(2))))
    assert parse(body) == cold(body)


def test_an_update_without_text_stays_skipped_when_cached() -> None:
    body = html_page(ld(blog(post(2), post(1, headline="", articleBody=" "))))
    first = parse(body)
    assert [e.title for e in first.entries] == ["Update 2"]
    assert parse(body) == first


def test_duplicate_updates_in_one_page() -> None:
    twin = post(1, articleBody="Other text.")
    body = html_page(ld(blog(post(1), twin, post(1))))
    parse(body)
    assert parse(body) == cold(body)


def _update(url: str, text: str = "b", **fields: Any) -> dict[str, Any]:
    return {"url": url, "articleBody": text, **fields}


ENTRY = Entry(entry_id="https://x.example/1", title="t", body="b")


def test_memory_is_bounded_across_pages() -> None:
    cache = EntryCache(max_entries=5)
    for n in range(10):
        updates = [_update(f"u{n}-{k}") for k in range(2)]
        cache.store(f"https://x.example/{n}", updates, [ENTRY, None])
    assert cache.size <= 5
    assert len(cache.pages) == 2
    assert "https://x.example/9" in cache.pages
    big = [_update(f"u{k}") for k in range(8)]
    cache.store("https://x.example/big", big, [ENTRY] * 8)  # one page may exceed the bound
    assert list(cache.pages) == ["https://x.example/big"]
    probe = [_update("u0"), _update("u9"), _update("u1", "other"), _update("u2", extra=1)]
    assert cache.lookup("https://x.example/big", probe) == ([ENTRY] + [MISSING] * 3, [1, 2, 3])


def test_a_page_keeps_at_most_twice_what_it_shows() -> None:
    """Updated in place, a page's dict is cut back to the updates shown once it
    holds more than twice as many: a page whose updates all change url every
    fetch cannot grow its cache without bound."""
    cache = EntryCache()
    for fetch in range(50):
        updates = [_update(f"u{k}-{fetch % 7}", f"v{fetch}") for k in range(3)]
        cache.store(URL, updates, [ENTRY] * 3)
        assert len(cache.pages[URL]) <= 6
        assert cache.size == len(cache.pages[URL])
        assert cache.lookup(URL, updates) == ([ENTRY] * 3, [])


@pytest.mark.parametrize(
    "update",
    [
        _update("u", headline=1),
        _update("u", articleBody=["x"]),
        _update("u", datePublished={"@value": "2026-01-01"}),
        {"@id": ["u"], "articleBody": "b"},
        {"articleBody": "b"},
    ],
)
def test_updates_with_non_plain_fields_or_no_id_are_not_stored(update: dict[str, Any]) -> None:
    cache = EntryCache()
    cache.store(URL, [update], [ENTRY])
    assert cache.size == 0
    assert cache.lookup(URL, [update]) == ([MISSING], [0])


def test_fields_the_entry_does_not_read_may_be_anything() -> None:
    cache = EntryCache()
    update = _update("u", author={"@type": "Person", "name": "A"}, position=True)
    cache.store(URL, [update], [ENTRY])
    assert cache.lookup(URL, [dict(update)]) == ([ENTRY], [])
    assert cache.lookup(URL, [_update("u", author={"name": "B"}, position=True)]) == (
        [MISSING],
        [0],
    )


def test_a_long_run_of_edited_pages_parses_as_if_cold() -> None:
    """Many fetches of one page, each editing, adding and dropping updates:
    the in-place cache stays bounded and every warm parse equals a cold one."""
    posts = {n: post(n) for n in range(1, 9)}
    for fetch in range(40):
        posts[fetch % 7 + 1] = post(fetch % 7 + 1, articleBody=f"<p>Edit {fetch}.</p>")
        if fetch % 5 == 0:
            posts[100 + fetch] = post(100 + fetch)
            posts.pop(min(posts))
        body = html_page(ld(blog(*(posts[k] for k in sorted(posts, reverse=True)))))
        warm = parse(body)
        assert len(ENTRY_CACHE.pages[URL]) <= 2 * len(posts)
        assert warm == cold(body)
        parse(body)


def _edit(entries: list[GenEntry], data: st.DataObject) -> list[GenEntry]:
    out = list(entries)
    n = data.draw(st.integers(0, len(out) - 1))
    action = data.draw(st.sampled_from(["edit", "drop", "retitle"]))
    if action == "edit":
        out[n] = GenEntry(out[n].entry_id, out[n].title, out[n].body + "\n\nMore.", None)
    elif action == "retitle":
        out[n] = GenEntry(out[n].entry_id, out[n].title + " (updated)", out[n].body)
    elif len(out) > 1:
        del out[n]
    return out


@SLOW
@given(entries=entries_strategy(max_entries=6), html_bodies=st.booleans(), data=st.data())
def test_a_sequence_of_edits_parses_as_if_cold(
    entries: list[GenEntry], html_bodies: bool, data: st.DataObject
) -> None:
    ENTRY_CACHE.clear()
    for _ in range(3):
        body = render_jsonld_html(entries, html_bodies=html_bodies)
        warm = parse(body)
        assert warm == cold(body)
        parse(body)  # leave this page's entries in the cache for the next round
        entries = _edit(entries, data)


def test_a_rerendered_page_with_the_same_scripts_is_its_last_parse() -> None:
    scripts = ld(blog(post(2), post(1)))
    first = parse(html_page(scripts, body="<p>token 1</p>"))
    again = parse(html_page(scripts, body="<p>token 2, other chrome</p>"))
    assert again is first  # memoised: the scripts are the same
    assert parse(html_page(scripts), limits=Limits(max_entries=1)) == cold(
        html_page(scripts), limits=Limits(max_entries=1)
    )  # other limits: parsed again
    assert len(parse(html_page(scripts), limits=Limits(max_entries=1)).entries) == 1
    edited = html_page(ld(blog(post(2), post(1, articleBody="Edited."))))
    assert parse(edited) == cold(edited)


def test_the_page_memo_goes_with_the_url_entries() -> None:
    cache = EntryCache(max_entries=2)
    page = ParsedPage(url=URL, parser="jsonld")
    cache.remember(URL, "d", Limits(), page)
    assert cache.recall(URL, "d", Limits()) is None  # no entries cached for the URL
    cache.store(URL, [_update("a")], [ENTRY])
    cache.remember(URL, "d", Limits(), page)
    assert cache.recall(URL, "d", Limits()) is page
    assert cache.recall(URL, "e", Limits()) is None
    assert cache.recall(URL, "d", Limits(max_entries=3)) is None
    cache.store("https://other.example/", [_update("b"), _update("c")], [ENTRY, ENTRY])
    assert URL not in cache.pages
    assert cache.parsed == {}


def test_memory_is_bounded_by_the_text_of_the_updates_too() -> None:
    cache = EntryCache()
    cache.max_update_chars = 100
    for n in range(5):
        update = _update(f"u{n}", "x" * 40)  # 2 + 40 characters of fields
        cache.store(f"https://x.example/{n}", [update], [ENTRY])
        assert cache.chars <= 100
    assert list(cache.pages) == ["https://x.example/3", "https://x.example/4"]
    cache.store("https://x.example/4", [_update("u4", "y" * 10)], [ENTRY])  # replaced in place
    assert cache.chars == 42 + 12
    assert cache.chars == sum(cache.page_chars.values())
