"""Site profiles: config validation, host matching, and reading entries with CSS selectors."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from streams.errors import ConfigError
from streams.models import ParsedPage
from streams.parse import parse_snapshot
from streams.parse.profiles import bundled_profiles, load_profiles, parse_profiles
from streams.settings import Limits, Settings
from tests.livegen import snapshot
from tests.unit.parse.pages import fixture, parse

COURIER = "https://riverside-courier.example/live/arva"
T = datetime(2026, 3, 3, tzinfo=UTC)

USER_PROFILES = """
[[profiles]]
name = "courier"
hosts = ["*.courier.example", "courier.example"]
entry = "li.tick"
id = { attribute = "data-key" }
title = "strong"
published = { selector = "span.when", attribute = ["data-ts", "title"] }
body = "div.text"
"""

COURIER_PAGE = """<html><head><title>Ticker</title></head><body><ol>
<li class="tick" data-key="k2"><strong>Second</strong>
<span class="when" title="2026-03-03T12:00:00Z"></span><div class="text"><p>Two.</p></div></li>
<li class="tick" data-key="k1"><strong>First</strong>
<span class="when" data-ts="2026-03-03T11:00:00Z"></span><div class="text">One.</div></li>
</ol></body></html>"""


def with_profiles(body: str, url: str, text: str) -> ParsedPage:
    profiles = parse_profiles(text, "test.toml") + bundled_profiles()
    return parse_snapshot(snapshot(body, url=url), limits=Limits(), profiles=profiles)


def test_fixture_page_with_generic_data_entry_id_profile() -> None:
    page = parse(fixture("profile-liveblog.html"), url=COURIER)
    assert page.parser == "profile:data-entry-id"
    assert page.title == "Arva floods – as it happened"
    assert [(e.entry_id, e.permalink, e.title, e.published_at) for e in page.entries] == [
        (
            f"{COURIER}/p-3",
            f"{COURIER}/p-3",
            "Ferry service suspended",
            T.replace(hour=17, minute=40),
        ),
        (
            f"{COURIER}#p-2",
            f"{COURIER}#p-2",
            "Mayor: shelters ready",
            T.replace(hour=15, minute=15),
        ),
        (f"{COURIER}#p-1", f"{COURIER}#p-1", "Rain warning extended", None),
    ]
    assert page.entries[0].body == (
        "No crossings will run until the water level falls below six metres."
        "\n\nCommuters should use the northern bridge, which remains open."
    )
    assert page.entries[1].body.split("\n\n") == [
        "Three schools are open as shelters.",
        "Each can take in 500 people.",
        "We have enough beds for everyone.",
        "School on Hill Street",
        "Old grammar school",
    ]
    assert page.entries[2].body == "The weather service extended its warning until Wednesday."


@pytest.mark.parametrize(
    ("markup", "parser"),
    [
        (
            '<article class="liveblog-entry" id="e1"><h2 class="entry-title">T</h2>'
            '<time datetime="2026-03-03T10:00:00Z"></time>'
            '<div class="entry-content"><p>B.</p></div></article>',
            "profile:liveblog-entry",
        ),
        (
            '<div data-entry-id="e1"><h3>T</h3><time datetime="2026-03-03T10:00:00Z"></time>'
            '<div class="post-body"><p>B.</p></div></div>',
            "profile:data-entry-id",
        ),
        (
            '<div itemprop="liveBlogUpdate" itemscope itemtype="https://schema.org/BlogPosting" '
            'id="e1"><h2 itemprop="headline">T</h2><meta itemprop="datePublished" '
            'content="2026-03-03T10:00:00Z"><div itemprop="articleBody"><p>B.</p></div></div>',
            "profile:microdata-liveblogupdate",
        ),
    ],
)
def test_each_bundled_profile(markup: str, parser: str) -> None:
    page = parse(f"<html><body><main>{markup}</main></body></html>", url=COURIER)
    assert page.parser == parser
    entry = page.entries[0]
    assert (entry.entry_id, entry.title, entry.body) == (f"{COURIER}#e1", "T", "B.")
    assert entry.published_at == T.replace(hour=10)


def test_host_profile_from_user_file(tmp_path: Path) -> None:
    path = tmp_path / "profiles.toml"
    path.write_text(USER_PROFILES, encoding="utf-8")
    profiles = load_profiles(path)
    assert [p.name for p in profiles.profiles][:2] == ["courier", "liveblog-entry"]
    snap = snapshot(COURIER_PAGE, url="https://www.courier.example/ticker")
    page = parse_snapshot(snap, limits=Limits(), profiles=profiles)
    assert page.parser == "profile:courier"
    assert [(e.entry_id, e.title, e.body, e.published_at) for e in page.entries] == [
        ("https://www.courier.example/ticker#k2", "Second", "Two.", T.replace(hour=12)),
        ("https://www.courier.example/ticker#k1", "First", "One.", T.replace(hour=11)),
    ]


@pytest.mark.parametrize(
    ("url", "matched"),
    [
        ("https://courier.example/x", True),
        ("https://www.courier.example/x", True),
        ("https://WWW.Courier.Example:8443/x", True),
        ("https://notcourier.example/x", False),
        ("https://courier.example.evil/x", False),
        ("not a url", False),
    ],
)
def test_host_matching(url: str, matched: bool) -> None:
    profiles = parse_profiles(USER_PROFILES, "test.toml")
    hits, generic = profiles.for_url(url)
    assert bool(hits) is matched
    assert generic == []


def test_host_profile_that_finds_nothing_falls_back_to_generic() -> None:
    markup = '<div data-entry-id="z"><h2>T</h2><div class="post-body">B.</div></div>'
    page = with_profiles(
        f"<html><body>{markup}</body></html>", "https://courier.example/x", USER_PROFILES
    )
    assert page.parser == "profile:data-entry-id"


def test_user_profile_replaces_a_bundled_one_of_the_same_name() -> None:
    text = '[[profiles]]\nname = "data-entry-id"\nentry = "section.x"\n'
    profiles = parse_profiles(text, "t.toml") + bundled_profiles()
    names = [p.name for p in profiles.profiles]
    assert names.count("data-entry-id") == 1
    assert profiles.profiles[0].entry == "section.x"


def test_settings_carry_the_profiles_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LIVEDIFF_PROFILES_PATH", str(tmp_path / "p.toml"))
    assert Settings().profiles_path == tmp_path / "p.toml"
    assert load_profiles(None) is bundled_profiles()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[[profiles]]\nname = "x"\nentry = "div[["',
            r"profiles\.0\.entry: .*invalid CSS selector",
        ),
        ('[[profiles]]\nname = "x"\nentry = ""', "empty CSS selector"),
        ('[[profiles]]\nname = "x"\nentry = "div"\ntitle = "h2::"', r"profiles\.0\.title"),
        (
            '[[profiles]]\nname = "x"\nentry = "div"\ntitle = { selector = "h2", attr = "x" }',
            "attr",
        ),
        (
            '[[profiles]]\nname = "x"\nentry = "div"\nhosts = ["https://a.example/"]',
            "bare host glob",
        ),
        ('[[profiles]]\nname = "bad name!"\nentry = "div"', r"profiles\.0\.name"),
        ('[[profiles]]\nentry = "div"', r"profiles\.0\.name: Field required"),
        (
            '[[profiles]]\nname = "a"\nentry = "a"\n[[profiles]]\nname = "a"\nentry = "b"',
            "duplicate",
        ),
        ("profiles = 3", "profiles"),
        ("unknown = 1", "unknown"),
        ("this is = not toml =", "not valid TOML"),
    ],
)
def test_bad_config_is_a_clear_config_error(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as info:
        parse_profiles(text, "user.toml")
    assert "user.toml" in str(info.value)


def test_unreadable_profiles_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read site profiles"):
        load_profiles(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\xff\xfe")
    with pytest.raises(ConfigError, match="cannot read"):
        load_profiles(bad)


def test_bundled_profiles_are_valid_and_generic() -> None:
    profiles = bundled_profiles().profiles
    assert len(profiles) >= 2
    assert all(not p.hosts for p in profiles)


def test_max_entries_keeps_the_newest_end() -> None:
    items = "".join(
        f'<div data-entry-id="e{n}"><h2>T{n}</h2><time datetime="2026-03-03T1{n}:00:00Z"></time>'
        f'<div class="post-body">B{n}.</div></div>'
        for n in (1, 2, 3, 4)
    )
    snap = snapshot(f"<html><body>{items}</body></html>", url=COURIER)
    page = parse_snapshot(snap, limits=Limits(max_entries=2))
    assert [e.title for e in page.entries] == ["T3", "T4"]


def test_nested_entries_each_get_their_own_fields() -> None:
    markup = (
        '<div data-entry-id="outer"><h2>Outer</h2><div class="post-body">Outer body.'
        '<div data-entry-id="inner"><h2>Inner</h2><div class="post-body">Inner body.</div></div>'
        "</div></div>"
    )
    page = parse(f"<html><body>{markup}</body></html>", url=COURIER)
    assert [(e.title, e.entry_id) for e in page.entries] == [
        ("Outer", f"{COURIER}#outer"),
        ("Inner", f"{COURIER}#inner"),
    ]
    assert page.entries[1].body == "Inner body."
