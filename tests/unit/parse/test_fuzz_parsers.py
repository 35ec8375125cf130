"""Every parser under hostile input: nothing but RejectedSnapshot escapes, and
every rejection carries a known reason and a message saying why.

Few examples per test (CI time); benchmarks/fuzz_parsers.py runs the same
strategies for minutes. Strategies: tests/fuzzing.py.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from streams.codec import decode_snapshot, encode_snapshot
from streams.errors import RejectedSnapshot
from streams.models import ParsedPage, Snapshot
from streams.parse.dates import parse_human_date, parse_iso
from streams.parse.dwtext import parse_dw_text
from streams.parse.guard import check_markup
from streams.parse.htmltext import (
    PARSE_OPTIONS,
    fragments_to_paragraphs,
    marked_ancestors,
    paragraphs,
)
from streams.parse.jsonld import parse_jsonld, parse_jsonld_texts
from streams.parse.ldscan import ld_script_texts
from streams.parse.profile_parser import HtmlPage, _cached_entries, parse_with_profile
from streams.parse.profiles import bundled_profiles
from streams.pipeline import process_snapshot
from streams.settings import Limits
from tests.fuzzing import REASONS, bodies, dw_text, html_soup, jsonld_page, snapshots
from tests.livegen import snapshot

URL = "https://news.example/live/a"
LIMITS = Limits()
TIGHT = Limits(
    max_body_bytes=6_000,
    max_entries=2,
    max_jsonld_bytes=1_500,
    max_json_depth=4,
    max_html_depth=6,
    max_html_attributes=3,
    max_markup_rescan=1,
)
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
LIMIT_SETS = st.sampled_from([LIMITS, TIGHT])


def check_rejection(exc: RejectedSnapshot) -> None:
    assert exc.reason in REASONS, exc
    assert exc.message.strip(), exc.reason
    assert len(exc.message) < 4_000


def check_page(page: ParsedPage | None, limits: Limits) -> None:
    if page is None:
        return
    assert len(page.entries) <= limits.max_entries
    assert all(isinstance(e.entry_id, str) and e.entry_id for e in page.entries)
    assert all(isinstance(e.title, str) and isinstance(e.body, str) for e in page.entries)


def call(limits: Limits, fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(*args)``; a RejectedSnapshot is fine if it says why, anything else fails."""
    try:
        result = fn(*args)
    except RejectedSnapshot as exc:
        check_rejection(exc)
        return None
    if isinstance(result, ParsedPage):
        check_page(result, limits)
    return result


@FUZZ
@given(snaps=snapshots(), limits=LIMIT_SETS)
def test_the_pipeline_only_ever_rejects_with_a_reason(
    snaps: list[Snapshot], limits: Limits
) -> None:
    state = None
    for snap in snaps:
        try:
            outcome = process_snapshot(state, snap, limits=limits)
        except RejectedSnapshot as exc:
            check_rejection(exc)
            continue
        assert outcome.status in {"changed", "unchanged", "stale", "duplicate"}
        assert outcome.state.page_url == snap.url
        assert len({(e.type, e.entry_id) for e in outcome.events}) == len(outcome.events)
        state = outcome.state


@FUZZ
@given(
    snaps=snapshots(max_count=1),
    flips=st.lists(st.tuples(st.floats(0, 1), st.binary(max_size=3)), max_size=3),
)
def test_envelope_bytes_decode_or_reject(
    snaps: list[Snapshot], flips: list[tuple[float, bytes]]
) -> None:
    """The worker's path: envelope bytes (here corrupted) -> decode -> process."""
    body = snaps[0].body.encode("utf-8", "replace").decode()  # the wire carries valid UTF-8
    raw = bytearray(encode_snapshot(snaps[0].model_copy(update={"body": body})))
    for where, junk in flips:
        at = int(where * len(raw))
        raw[at : at + len(junk)] = junk
    try:
        snap = decode_snapshot(bytes(raw), max_bytes=LIMITS.max_body_bytes)
    except RejectedSnapshot as exc:
        check_rejection(exc)
        return
    call(LIMITS, process_snapshot, None, snap)


def html_parsers(body: str, limits: Limits) -> None:
    notes: list[str] = []
    scripts = call(limits, ld_script_texts, body, limits)
    if scripts is not None:
        assert all(isinstance(s, str) for s in scripts)
        call(limits, parse_jsonld_texts, scripts, URL, limits, notes)
    call(limits, check_markup, body, limits)
    tree = LexborHTMLParser(body, options=PARSE_OPTIONS)
    call(limits, parse_jsonld, tree, URL, limits, notes)
    marked = functools.cache(lambda: marked_ancestors(tree))  # as the pipeline: once per page
    page = HtmlPage(tree, URL, marked)
    for profile in bundled_profiles().profiles:
        call(limits, parse_with_profile, page, profile, limits, notes)
    if tree.body is not None:
        assert all(isinstance(p, str) for p in paragraphs(tree.body, marked_ancestors(tree)))
    half = len(body) // 2
    assert len(fragments_to_paragraphs([body[:half], body[half:]])) == 2
    assert all(isinstance(n, str) and n for n in notes)


@FUZZ
@given(body=st.one_of(html_soup(), jsonld_page()), limits=LIMIT_SETS)
def test_each_html_parser_directly(body: str, limits: Limits) -> None:
    html_parsers(body, limits)


@FUZZ
@given(pair=bodies(), limits=LIMIT_SETS)
def test_each_parser_on_every_family(pair: tuple[str, str], limits: Limits) -> None:
    body, content_type = pair
    notes: list[str] = []
    check_page(call(limits, parse_dw_text, body, URL, limits, notes), limits)
    if "html" in content_type:
        html_parsers(body, limits)


@FUZZ
@given(text=st.one_of(dw_text(), st.text()), limits=LIMIT_SETS)
def test_dw_text_parser_directly(text: str, limits: Limits) -> None:
    notes: list[str] = []
    check_page(call(limits, parse_dw_text, text, URL, limits, notes), limits)
    assert all(isinstance(n, str) and n for n in notes)


@FUZZ
@given(
    value=st.one_of(
        st.text(max_size=80),
        st.integers(),
        st.floats(),
        st.none(),
        st.lists(st.text(max_size=5), max_size=2),
    )
)
def test_dates_never_raise(value: Any) -> None:
    parsed = parse_iso(value)
    assert parsed is None or parsed.tzinfo is not None
    if isinstance(value, str):
        human = parse_human_date(value)
        assert human is None or human.tzinfo is not None


# --- findings of the fuzz run, kept as plain regressions ------------------------


def test_a_lone_surrogate_escape_in_json_ld_becomes_a_replacement_character() -> None:
    """orjson refuses it, json built a str the diff's hash could not encode."""
    update = '{"headline":"x\\ud800 y \\udc00 \\ud83d\\ude00","articleBody":"b","url":"%s#1"}'
    text = '{"@type":"LiveBlogPosting","liveBlogUpdate":[%s]}' % (update % URL)
    body = f'<script type="application/ld+json">{text}</script>'
    outcome = process_snapshot(None, snapshot(body, url=URL))
    assert outcome.events[0].title == "x\ufffd y \ufffd \U0001f600"


def test_a_raw_lone_surrogate_in_a_json_ld_script_becomes_a_replacement_character() -> None:
    """Called directly (the gate refuses such a body first), the size check raised."""
    update = '{"headline":"x\udc96","articleBody":"b","url":"' + URL + '#1"}'
    text = '{"@type":"LiveBlogPosting","liveBlogUpdate":[' + update + "]}"
    limits = Limits(max_jsonld_bytes=len(text) * 2)
    page = parse_jsonld_texts([text], URL, limits, [])
    assert page is not None
    assert page.entries[0].title == "x\ufffd"


def test_a_lone_surrogate_in_a_hand_built_body_is_a_decode_error() -> None:
    with pytest.raises(RejectedSnapshot) as caught:
        process_snapshot(None, snapshot("<p>\udc80</p>", url=URL))
    assert caught.value.reason == "decode_error"


def test_nested_profile_containers_are_not_keyed_by_their_markup() -> None:
    """Each nested container's markup holds the rest: keying on it was quadratic."""
    entry = '<div class="liveblog-entry"><h2 class="entry-title">T</h2><p class="entry-content">b'
    body = "<html><body>" + entry * 3_000 + "</body></html>"
    tree = LexborHTMLParser(body, options=PARSE_OPTIONS)
    page = HtmlPage(tree, URL, functools.cache(lambda: marked_ancestors(tree)))
    profile = bundled_profiles().profiles[0]
    containers = tree.css(profile.entry)
    assert len(containers) == 3_000
    assert _cached_entries(page, profile, containers) is None
    parsed = parse_with_profile(page, profile, LIMITS, [])
    assert parsed is not None
    assert len(parsed.entries) == 3_000


def test_nested_entries_with_nested_bodies_are_not_read_quadratically() -> None:
    """Each body held every later entry: the text (and the work) grew as n^2."""
    entry = (
        '<div class="liveblog-entry"><h2 class="entry-title">T</h2><div class="entry-content">b '
    )
    small = "<html><body>" + entry * 5 + "</body></html>"
    big = "<html><body>" + entry * 3_000 + "</body></html>"
    profile = bundled_profiles().profiles[0]
    for body, expect_read in ((small, True), (big, False)):
        tree = LexborHTMLParser(body, options=PARSE_OPTIONS)
        page = HtmlPage(tree, URL, functools.cache(lambda tree=tree: marked_ancestors(tree)))
        notes: list[str] = []
        parsed = parse_with_profile(page, profile, LIMITS, notes)
        assert (parsed is not None) is expect_read, notes
    assert any("nest" in note for note in notes)
