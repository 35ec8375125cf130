"""DW live blogs as plain text: structure, metadata, and what is stripped from bodies."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from streams.errors import EmptySnapshot, ParseError
from streams.models import ParsedPage
from streams.settings import Limits
from tests.unit.parse.pages import fixture, parse

DW_URL = "https://www.dw.com/en/arva-floods-live/live-7aBcD"
T = datetime(2026, 3, 3, tzinfo=UTC)

HEADER = """1. Skip to content
  2. Skip to main menu
TopicRiver

Page title here

Published March 3, 2026last updated March 4, 2026

The lead paragraph says what happened.

https://p.dw.com/p/HEAD1
Alt text of the top image
Caption of the top imageImage: Some One/Agency
"""


def dw(*sections: str, header: str = HEADER) -> str:
    return header + "".join(sections)


def section(title: str, *body: str, date: str | None = "March 3, 2026", link: str = "P1") -> str:
    lines = [f"Skip next section {title}"]
    if date is not None:
        lines.append(date)
    lines += ["", title, ""]
    for para in body:
        lines += [para, ""]
    if link:
        lines.append(f"https://p.dw.com/p/{link}")
    return "\n".join(lines) + "\n"


def parse_dw(text: str, limits: Limits | None = None) -> ParsedPage:
    return parse(text, "text/plain; charset=utf-8", url=DW_URL, limits=limits)


def test_fixture_page() -> None:
    page = parse_dw(fixture("dw-liveblog.txt"))
    assert page.parser == "dw-text"
    assert page.title == "Arva floods live: Kessling evacuates lower town as river peaks"
    assert page.description == (
        "The river Arva is expected to crest on Tuesday evening. Rescue teams have moved "
        "hundreds of people to higher ground. We have the latest."
    )
    assert page.summary is not None
    assert page.summary.split("\n\n") == [
        "The Arva is forecast to peak at 8.4 metres in Kessling on Tuesday evening.",
        "About 2,300 residents of the lower town have been told to leave their homes.",
        "Rail services along the valley remain suspended.",
        "Here is a roundup of the latest developments on Tuesday, March 3:",
    ]
    assert page.published_at == T
    assert page.updated_at == T
    assert [(e.entry_id, e.published_at) for e in page.entries] == [
        ("https://p.dw.com/p/7aGhJ", T.replace(hour=17, minute=40)),
        ("https://p.dw.com/p/7aFfE", T.replace(hour=16, minute=15)),
        ("https://p.dw.com/p/7aDdC", T.replace(hour=14, minute=5)),
        ("https://p.dw.com/p/7aCcB", T),
    ]
    ferry, mayor, rain, rail = page.entries
    assert ferry.permalink == ferry.entry_id
    assert ferry.title == "Ferry service across the Arva suspended"
    assert ferry.body.split("\n\n") == [
        "The operator of the Kessling ferry said no crossings would run until the water level "
        "falls below six metres.",
        "Commuters were advised to use the northern bridge, which remains open to cars and "
        "pedestrians.",
    ]
    assert mayor.title == 'Kessling mayor: "We are ready for the night"'
    assert (
        mayor.body.split("\n\n")[-1]
        == "Varga urged residents not to drive through flooded streets."
    )
    assert len(mayor.body.split("\n\n")) == 3
    assert rain.body.split("\n\n") == [
        "The national weather service extended its heavy rain warning for the upper Arva valley "
        "until Wednesday morning.",
        "Forecasters expect up to 60 litres of rain per square metre in the hills above Kessling.",
        "The service said the rain would ease from the west on Wednesday afternoon and that "
        "river levels downstream of Kessling should start to fall by the weekend",
    ]
    assert len(rail.body.split("\n\n")) == 3


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(["First fact.", "Second fact."], ["First fact.", "Second fact."], id="plain"),
        pytest.param(
            ["Fact.", "Headline of another article", "More fact."],
            ["Fact.", "More fact."],
            id="teaser-between-paragraphs",
        ),
        pytest.param(["Fact.", "Read this other story"], ["Fact."], id="teaser-before-permalink"),
        pytest.param(
            ["Only a short line without a stop"],
            ["Only a short line without a stop"],
            id="lone-unpunctuated-line-kept",
        ),
        pytest.param(
            ["Fact.", "Is this a question?"], ["Fact.", "Is this a question?"], id="question-kept"
        ),
        pytest.param(['He said: "it is over."'], ['He said: "it is over."'], id="closing-quote"),
        pytest.param(["Lists follow:"], ["Lists follow:"], id="colon-kept"),
        pytest.param(
            ["Fact.", "x" * 130 + " and no stop at the end"],
            ["Fact.", "x" * 130 + " and no stop at the end"],
            id="long-unpunctuated-kept",
        ),
        pytest.param(["Fact.", "ab/cd (AFP, Reuters)"], ["Fact."], id="sign-off-with-agencies"),
        pytest.param(["Fact.", "xy/zw"], ["Fact."], id="sign-off-initials"),
        pytest.param(["Fact.", "(AP, dpa)"], ["Fact."], id="agencies-only"),
        pytest.param(["Fact.", "Edited by: Sam Writer"], ["Fact."], id="edited-by"),
    ],
)
def test_body_rules(body: list[str], expected: list[str]) -> None:
    page = parse_dw(dw(section("An entry", *body)))
    assert page.entries[0].body.split("\n\n") == expected


def test_caption_with_glued_credit_and_alt_text_above_it() -> None:
    text = dw(
        "Skip next section An entry\nMarch 3, 2026\n\nAn entry\n\nA fact.\n\n"
        "Boats on a flooded square\n"
        "Boats replaced cars in the old townImage: Kai Berg/Valley Press/picture alliance\n"
        "https://p.dw.com/p/P1\n"
    )
    assert parse_dw(text).entries[0].body == "A fact."


def test_caption_keeps_a_punctuated_line_above_it() -> None:
    text = dw(
        "Skip next section An entry\n\nAn entry\n\nA fact with a stop.\n"
        "Boats replaced cars in the old townPhoto: Kai Berg\n"
        "https://p.dw.com/p/P1\n"
    )
    assert parse_dw(text).entries[0].body == "A fact with a stop."


def test_prose_mentioning_an_image_is_not_a_caption() -> None:
    body = "The agency released an Image: it shows the dam."
    assert parse_dw(dw(section("E", body))).entries[0].body == body


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("March 3, 2026", T),
        ("March 3, 2026 17:40", T.replace(hour=17, minute=40)),
        ("Mar 3, 2026 5:40 PM", T.replace(hour=17, minute=40)),
        ("03.03.2026 17:40 CET", T.replace(hour=16, minute=40)),
        ("3 March 2026", T),
        ("2026-03-03T17:40:00+02:00", T.replace(hour=15, minute=40)),
    ],
)
def test_date_line_formats(line: str, expected: datetime) -> None:
    entry = parse_dw(dw(section("E", "Fact.", date=line))).entries[0]
    assert entry.published_at == expected
    assert entry.body == "Fact."


def test_entry_without_date_line_and_title_not_repeated() -> None:
    text = dw("Skip next section Short one\nA first paragraph.\n\nhttps://p.dw.com/p/P9\n")
    entry = parse_dw(text).entries[0]
    assert (entry.title, entry.body, entry.published_at) == (
        "Short one",
        "A first paragraph.",
        None,
    )


def test_dated_section_without_permalink_gets_a_synthetic_id() -> None:
    text = dw(section("Complete", "Fact.", link="P1"), section("Cut off", "Half a", link=""))
    complete, cut = parse_dw(text).entries
    assert complete.entry_id == "https://p.dw.com/p/P1"
    assert cut.entry_id.startswith("urn:livediff:")
    assert cut.permalink is None


def test_undated_section_without_permalink_is_summary() -> None:
    text = dw(
        "Skip next section Key points\n\nKey points\n\nPoint one.\n\nPoint two\n\n",
        section("Entry", "Fact."),
    )
    page = parse_dw(text)
    assert page.summary == "Point one.\n\nPoint two"
    assert [e.title for e in page.entries] == ["Entry"]


def test_header_metadata() -> None:
    page = parse_dw(dw(section("E", "Fact.")))
    assert page.title == "Page title here"
    assert page.description == "The lead paragraph says what happened."
    assert page.published_at == T
    assert page.updated_at == T.replace(day=4)
    assert page.summary is None


def test_header_without_published_line() -> None:
    header = "1. Skip to content\nBreadcrumbs\n\nA title with spaces\n\nLead text.\n\nhttps://p.dw.com/p/H\n"
    page = parse_dw(dw(section("E", "Fact."), header=header))
    assert page.title == "A title with spaces"
    assert page.description == "Lead text."
    assert page.published_at is None


def test_whitespace_noise_does_not_change_entries() -> None:
    clean = parse_dw(fixture("dw-liveblog.txt"))
    noisy_text = fixture("dw-liveblog.txt").replace(" ", "\u00a0 ").replace("\n", "\r\n  ")
    noisy = parse_dw(noisy_text)
    assert noisy.entries == clean.entries


def test_text_without_sections_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="Skip next section"):
        parse_dw("Just some text.\nNo live blog here.\n")


def test_sections_without_entries_are_empty() -> None:
    with pytest.raises(EmptySnapshot, match="dw-text"):
        parse_dw(dw("Skip next section Key points\n\nOnly a summary.\n"))


@pytest.mark.parametrize(("order", "kept"), [("newest", ["E5", "E4"]), ("oldest", ["E4", "E5"])])
def test_max_entries_keeps_the_newest_end(order: str, kept: list[str]) -> None:
    numbers = range(5, 0, -1) if order == "newest" else range(1, 6)
    sections = [
        section(f"E{n}", "Fact.", date=f"March 3, 2026 1{n}:00", link=f"P{n}") for n in numbers
    ]
    page = parse_dw(dw(*sections), limits=Limits(max_entries=2))
    assert [e.title for e in page.entries] == kept


def test_same_text_served_as_html_is_read_through_its_visible_text() -> None:
    paragraphs = [p for p in fixture("dw-liveblog.txt").split("\n") if p.strip()]
    html = "<html><body>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</body></html>"
    page = parse(html, url=DW_URL)
    assert page.parser == "dw-text"
    assert [e.entry_id for e in page.entries] == [
        e.entry_id for e in parse_dw(fixture("dw-liveblog.txt")).entries
    ]
