"""DW text parser: one parametrized test per stripping / structure rule.

Complements test_dwtext.py with the rules added or fixed later: captions whose
credit is separated by a space or ends with a period, quotes and list items
that look like teasers, trailing boxes after the entries, date-line formats,
missing and duplicate permalinks, CRLF/NBSP, and adversarial long lines that
used to make a regex backtrack quadratically. All text is invented.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from streams.errors import EmptySnapshot, ParseError
from streams.models import ParsedPage, Snapshot
from streams.parse import parse_snapshot
from streams.parse.common import SYNTHETIC_PREFIX
from streams.pipeline import process_snapshot
from streams.settings import Limits

URL = "https://www.dw.com/en/wildfire-live/live-8qWxA"
DAY = datetime(2026, 4, 15, tzinfo=UTC)
HEADER = (
    "1. Skip to content\n  2. Skip to main menu\nNatureWildfires\n\n"
    "Wildfire updates: the coast braces for wind\n\n"
    "Published April 14, 2026last updated April 15, 2026\n\n"
    "Crews expect the wind to turn tonight. DW has the latest.\n\n"
    "https://p.dw.com/p/8qWxA\n"
    "A firefighter in front of a burning forest\n"
    "Crews worked through the night on the ridgeImage: Mira Tolsen/Coast Press\n"
)
LONG = "a fire crew from the valley spent the whole night clearing brush along the ridge road "


def snap(text: str) -> Snapshot:
    return Snapshot(
        url=URL,
        fetched_at=datetime(2026, 4, 16, tzinfo=UTC),
        content_type="text/plain; charset=utf-8",
        body=text,
    )


def parse(text: str, limits: Limits | None = None) -> ParsedPage:
    return parse_snapshot(snap(text), limits=limits or Limits())


def entry(title: str, *lines: str, date: str | None = "April 15, 2026", code: str = "E1") -> str:
    head = [f"Skip next section {title}", *([date] if date else []), "", title, ""]
    tail = [f"https://p.dw.com/p/{code}"] if code else []
    return "\n".join([*head, *lines, *tail]) + "\n"


def body_of(*lines: str) -> list[str]:
    return parse(HEADER + entry("An update", *lines)).entries[0].body.split("\n\n")


# --- captions and their alt text ---------------------------------------------


@pytest.mark.parametrize(
    ("lines", "kept"),
    [
        pytest.param(
            [
                "A fact.",
                "Boats on a square",
                "Boats replaced carsImage: Kai Berg/Press/picture alliance",
            ],
            ["A fact."],
            id="glued-credit-and-alt",
        ),
        pytest.param(
            ["A fact.", "Alt line", "Caption textPhoto: Kai Berg/Press"], ["A fact."], id="photo"
        ),
        pytest.param(["A fact.", "Alt line", "Caption textVideo: DW"], ["A fact."], id="video"),
        pytest.param(
            ["A fact.", "Alt line", "Caption textImage: R. K. Ostby/Press Ltd."],
            ["A fact."],
            id="glued-credit-ending-with-a-period",
        ),
        pytest.param(
            ["A fact.", "Alt line", "Caption text Image: Kai Berg/Press"],
            ["A fact."],
            id="credit-after-a-space",
        ),
        pytest.param(["A fact.", "Image: Kai Berg/Press"], ["A fact."], id="credit-alone"),
        pytest.param(
            ["A fact.", "Alt line", LONG * 2 + "at duskImage: Kai Berg/Press"],
            ["A fact."],
            id="caption-longer-than-a-teaser",
        ),
        pytest.param(
            ["A fact.", LONG * 2 + "without a stop", "Caption textImage: Kai Berg/Press"],
            ["A fact."],
            id="long-alt-text",
        ),
        pytest.param(
            ["A fact with a stop.", "Caption textImage: Kai Berg/Press"],
            ["A fact with a stop."],
            id="punctuated-line-above-is-not-alt",
        ),
        pytest.param(
            ["A fact.", LONG * 2 + "without a stop", "", "Caption textImage: Kai Berg/Press"],
            ["A fact.", (LONG * 2 + "without a stop").strip()],
            id="alt-must-touch-the-caption",
        ),
        pytest.param(
            ["The agency released an Image: it shows the dam."],
            ["The agency released an Image: it shows the dam."],
            id="prose-with-a-label-is-kept",
        ),
    ],
)
def test_captions(lines: list[str], kept: list[str]) -> None:
    assert body_of(*lines) == kept


# --- teasers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "kept"),
    [
        pytest.param(
            ["One.", "How dry winters feed fires", "Two."], ["One.", "Two."], id="between"
        ),
        pytest.param(["One.", "", "How dry winters feed fires", ""], ["One."], id="before-link"),
        pytest.param(
            ["One.", "Watch: the fire at night", "Two."],
            ["One.", "Two."],
            id="video-teaser",
        ),
        pytest.param(["One.", '"We stay"', "Two."], ["One.", '"We stay"', "Two."], id="quote"),
        pytest.param(["One.", "“We stay”"], ["One.", "“We stay”"], id="curly-quote"),
        pytest.param(["One.", "'Fire is here': locals fear summer"], ["One."], id="quote-headline"),
        pytest.param(["One.", '"We stay," she said', "Two."], ["One.", "Two."], id="unclosed"),
        pytest.param(["One.", "« Nous restons »"], ["One.", "« Nous restons »"], id="guillemets"),
        pytest.param(["One.", "Who stays?"], ["One.", "Who stays?"], id="question"),
        pytest.param(["One.", "Stay!"], ["One.", "Stay!"], id="exclamation"),
        pytest.param(
            ["Residents should:", "keep documents ready", "fill the car", "Two."],
            ["Residents should:", "keep documents ready", "fill the car", "Two."],
            id="list-after-colon",
        ),
        pytest.param(
            ["Residents should:", "fill the car", "Two.", "How dry winters feed fires"],
            ["Residents should:", "fill the car", "Two."],
            id="teaser-after-the-list-ended",
        ),
        pytest.param(
            ["One.", "* keep documents", "- fill the car", "• stay tuned", "2. leave early"],
            ["One.", "* keep documents", "- fill the car", "• stay tuned", "2. leave early"],
            id="list-markers",
        ),
        pytest.param(
            ["One.", (LONG * 2).strip()],
            ["One.", (LONG * 2).strip()],
            id="long-unpunctuated-is-a-paragraph",
        ),
        pytest.param(["Only a line"], ["Only a line"], id="lone-line-kept"),
    ],
)
def test_teasers(lines: list[str], kept: list[str]) -> None:
    assert body_of(*lines) == kept


# --- sign-offs -------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "xy/abc (AFP, AP, dpa, Reuters)",
        "es/wmr",
        "ab / cd (dpa)",
        "ab/cd/ef (Coastwire)",
        "(AFP, Reuters)",
        "(dpa)",
        "Edited by: Dana Pell",
    ],
)
def test_sign_offs_are_dropped(line: str) -> None:
    assert body_of("One fact.", "", line, "") == ["One fact."]


@pytest.mark.parametrize(
    "line", ["Crews work 24/7 on the ridge.", "The and/or clause was dropped.", "(It rained.)"]
)
def test_prose_with_slashes_or_brackets_is_kept(line: str) -> None:
    assert body_of("One fact.", line) == ["One fact.", line]


# --- structure: summary, entries, missing and duplicate permalinks --------------


SUMMARY = (
    "Skip next section What you need to know\n\nWhat you need to know\n\n"
    "Three fires are burning.\n\nA long caption of a photo of the ridge at nightImage: A/B\n\n"
    "Here is the roundup:\n\n"
)


def test_summary_is_page_metadata_and_stripped() -> None:
    page = parse(HEADER + SUMMARY + entry("First", "Fact."))
    assert page.summary == "Three fires are burning.\n\nHere is the roundup:"
    assert [e.title for e in page.entries] == ["First"]


def test_undated_unlinked_sections_after_entries_are_not_summary_nor_entries() -> None:
    trailing = "Skip next section Related topics\n\nDrought\nWildfires\nhttp\n"
    page = parse(HEADER + SUMMARY + entry("First", "Fact.") + trailing)
    assert page.summary == "Three fires are burning.\n\nHere is the roundup:"
    assert [e.title for e in page.entries] == ["First"]


def test_dated_entries_without_permalink_stay_separate() -> None:
    text = HEADER + "".join(
        [
            entry("Linked", "One.", code="L1"),
            entry("Cut one", "Two.", date="April 15, 2026 10:00", code=""),
            entry("Cut two", "Three.", date="April 15, 2026 09:00", code=""),
            entry("Linked again", "Four.", code="L2"),
        ]
    )
    page = parse(text)
    assert [(e.title, e.body) for e in page.entries] == [
        ("Linked", "One."),
        ("Cut one", "Two."),
        ("Cut two", "Three."),
        ("Linked again", "Four."),
    ]
    ids = [e.entry_id for e in page.entries]
    assert ids[0] == "https://p.dw.com/p/L1"
    assert ids[3] == "https://p.dw.com/p/L2"
    assert ids[1].startswith(SYNTHETIC_PREFIX)
    assert ids[2].startswith(SYNTHETIC_PREFIX)
    assert ids[1] != ids[2]
    assert page.entries[1].permalink is None


def test_a_missing_permalink_never_takes_the_next_entrys_permalink() -> None:
    text = HEADER + entry("Cut", "Two.", code="") + entry("Next", "Three.", code="N1")
    cut, nxt = parse(text).entries
    assert cut.entry_id.startswith(SYNTHETIC_PREFIX)
    assert (nxt.entry_id, nxt.body) == ("https://p.dw.com/p/N1", "Three.")


def test_duplicate_permalinks_keep_the_first_entry() -> None:
    text = HEADER + entry("First copy", "One.", code="D1") + entry("Second copy", "Two.", code="D1")
    outcome = process_snapshot(None, snap(text))
    assert [(ev.entry_id, ev.title) for ev in outcome.events] == [
        ("https://p.dw.com/p/D1", "First copy")
    ]


def test_entry_body_stops_at_its_permalink() -> None:
    text = HEADER + entry("One", "Fact.", code="P1") + "Stray line after the link.\n"
    assert parse(text).entries[0].body == "Fact."


def test_the_last_url_line_is_the_permalink() -> None:
    text = HEADER + entry("One", "Fact.", "https://example.org/report.pdf", "More.", code="P1")
    only = parse(text).entries[0]
    assert only.entry_id == "https://p.dw.com/p/P1"
    # A bare URL inside the body is short and unpunctuated: a link, dropped like a teaser.
    assert only.body.split("\n\n") == ["Fact.", "More."]


# --- header metadata ----------------------------------------------------------------


def test_header_metadata() -> None:
    page = parse(HEADER + entry("E", "Fact."))
    assert page.parser == "dw-text"
    assert page.title == "Wildfire updates: the coast braces for wind"
    assert page.description == "Crews expect the wind to turn tonight. DW has the latest."
    assert (page.published_at, page.updated_at) == (DAY.replace(day=14), DAY)


def test_lead_of_several_paragraphs_and_no_nav() -> None:
    header = (
        "Fire live\n\nPublished April 14, 2026\n\nFirst lead line.\n\nSecond lead line.\n\n"
        "https://p.dw.com/p/H1\n"
    )
    page = parse(header + entry("E", "Fact."))
    assert page.title == "Fire live"
    assert page.description == "First lead line.\n\nSecond lead line."
    assert (page.published_at, page.updated_at) == (DAY.replace(day=14), None)


# --- date lines ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("April 15, 2026", DAY),
        ("Apr 15, 2026", DAY),
        ("15 April 2026", DAY),
        ("2026-04-15", DAY),
        ("04/15/2026 10:32 AM", DAY.replace(hour=10, minute=32)),
        ("04/15/2026 10:32 PM", DAY.replace(hour=22, minute=32)),
        ("04/15/2026 12:05 AM", DAY.replace(minute=5)),
        ("April 15, 2026 10:32", DAY.replace(hour=10, minute=32)),
        ("April 15, 2026, 10:32 AM", DAY.replace(hour=10, minute=32)),
        ("April 15, 2026 10:32 CEST", DAY.replace(hour=8, minute=32)),
        ("15.04.2026 10:32", DAY.replace(hour=10, minute=32)),
        ("2026-04-15T10:32:00+02:00", DAY.replace(hour=8, minute=32)),
    ],
)
def test_date_line_formats(line: str, expected: datetime) -> None:
    only = parse(HEADER + entry("E", "Fact.", date=line)).entries[0]
    assert (only.published_at, only.body) == (expected, "Fact.")


def test_no_date_line_and_no_repeated_title() -> None:
    text = HEADER + "Skip next section Short one\nFirst paragraph.\n\nhttps://p.dw.com/p/S1\n"
    only = parse(text).entries[0]
    assert (only.title, only.body, only.published_at) == ("Short one", "First paragraph.", None)


def test_title_repeat_is_dropped_only_when_equal() -> None:
    text = (
        HEADER
        + "Skip next section Title A\nApril 15, 2026\n\nTitle B\n\nFact.\nhttps://p.dw.com/p/T\n"
    )
    assert parse(text).entries[0].body == "Fact."  # "Title B": short and bare, a teaser
    text = text.replace("Title B", "title a")
    assert parse(text).entries[0].body == "Fact."


# --- whitespace and line endings ---------------------------------------------------


@pytest.mark.parametrize(
    "mangle",
    [
        pytest.param(lambda t: t.replace("\n", "\r\n"), id="crlf"),
        pytest.param(lambda t: t.replace("\n", "\r"), id="cr"),
        pytest.param(lambda t: t.replace(" ", "\u00a0"), id="nbsp"),
        pytest.param(lambda t: t.replace("\n", " \t\n"), id="trailing-spaces"),
        pytest.param(lambda t: t.replace("\n\n", "\n\n\n\n"), id="more-blank-lines"),
        pytest.param(lambda t: t.replace("\n\n", "\n"), id="no-blank-lines"),
        pytest.param(lambda t: "\ufeff" + t, id="bom"),
    ],
)
def test_whitespace_variants_give_the_same_page(mangle: object) -> None:
    text = (
        HEADER
        + SUMMARY
        + entry("One", "Fact one.", "Fact two.")
        + entry("Two", "Three.", code="E2")
    )
    assert callable(mangle)
    assert parse(mangle(text)) == parse(text)


# --- errors and limits ----------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n\n", "Plain text.\nNo sections here.", "\x00\ud800"])
def test_text_without_sections_is_a_parse_error(text: str) -> None:
    with pytest.raises(ParseError, match="Skip next section"):
        parse(text)


def test_summary_only_is_an_empty_snapshot() -> None:
    with pytest.raises(EmptySnapshot):
        parse(HEADER + SUMMARY)


def test_max_entries() -> None:
    text = HEADER + "".join(
        entry(f"E{n}", "Fact.", date=f"April 15, 2026 1{n}:00", code=f"C{n}")
        for n in range(9, 0, -1)
    )
    assert [e.title for e in parse(text, Limits(max_entries=3)).entries] == ["E9", "E8", "E7"]


# --- adversarial sizes: a backtracking regex would take hours on these --------------


@pytest.mark.parametrize(
    ("line", "expected_body"),
    [
        pytest.param("https://" + "a" * 1_000_000 + " x", None, id="url-like-line"),
        pytest.param("Image:" * 200_000, None, id="many-credit-labels"),
        pytest.param("x" * 1_000_000 + "Image: A/B", "", id="huge-caption"),
        pytest.param("ab/" * 300_000 + "cd", None, id="sign-off-like"),
        pytest.param("(" + "ab," * 300_000, None, id="agency-like"),
        pytest.param("published " * 100_000, None, id="published-like"),
    ],
)
def test_megabyte_lines_are_handled(line: str, expected_body: str | None) -> None:
    page = parse(HEADER + entry("Big", "Fact.", line, code="B1"))
    body = page.entries[0].body
    if expected_body is None:
        assert body == "Fact.\n\n" + line.strip()
    else:
        assert body == "Fact."
