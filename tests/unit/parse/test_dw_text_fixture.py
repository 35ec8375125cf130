"""The DW text fixture page (invented news) parsed to exactly these entries.

tests/fixtures/pages/dw-wildfire-live.txt exercises, on one page: a caption
whose credit follows a space, a 12-hour US date line, a list after a colon
with list markers, a teaser between paragraphs, a short quote line, a glued
caption whose credit ends with a period, a sign-off and an "Edited by" line,
an entry without repeated title, an unpunctuated closing paragraph longer
than a teaser, a last entry cut off before its permalink, and a trailing
"Related topics" box.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from streams.models import ParsedPage, Snapshot
from streams.parse import parse_snapshot
from streams.parse.common import SYNTHETIC_PREFIX
from streams.settings import Limits

FIXTURE = Path(__file__).parents[2] / "fixtures" / "pages" / "dw-wildfire-live.txt"
URL = "https://www.dw.com/en/wildfire-updates-velmar/live-8qWxA"
D14 = datetime(2026, 4, 14, tzinfo=UTC)
D15 = datetime(2026, 4, 15, tzinfo=UTC)

EXPECTED = [
    (
        "https://p.dw.com/p/8qZz9",
        "Wind shift expected by evening, weather office warns",
        D15.replace(hour=18, minute=45),
        [
            "The regional weather office said the wind would turn from the northwest by 8 p.m., "
            "pushing the fires towards the coast.",
            "Gusts could reach 70 kilometers per hour on the ridges, forecasters said.",
            "The office asked residents to prepare for short-notice evacuations:",
            "* keep documents and medicine in one bag",
            "* fill cars with fuel",
            "* follow the radio for orders",
        ],
    ),
    (
        "https://p.dw.com/p/8qYy8",
        'Mayor: "No one will be left behind"',
        D15.replace(hour=16, minute=20),
        [
            "Velmar Mayor Tereza Holm said buses would collect anyone without a car from the "
            "town square every hour.",
            '"No one will be left behind"',
            "Holm said the town hall would stay open through the night as a shelter.",
        ],
    ),
    (
        "https://p.dw.com/p/8qXx7",
        "Railway closed between Velmar and Lutz",
        D15,
        [
            "The coastal railway was closed on Wednesday morning after embers set fire to a "
            "signal box near Lutz, the operator said.",
            "Replacement buses are running every 20 minutes, but the coast road is congested.",
            "Engineers expect repairs to take at least two days.",
        ],
    ),
    (
        "https://p.dw.com/p/8qWw6",
        "Neighbouring region sends water bombers",
        D14,
        [
            "The neighbouring region of Ostland sent four water bombers and 120 firefighters to "
            "help, its governor said.",
            "The aircraft began flying at first light and will refill at the reservoir near "
            "Oskant, about ten minutes from the fire front",
        ],
    ),
    (
        SYNTHETIC_PREFIX,
        "Fire near Oskant forces closure of coast road",
        D14.replace(hour=9, minute=10),
        ["Police closed the coast road south of Oskant on Tuesday as a fire jumped the ridge."],
    ),
]


def parse(text: str) -> ParsedPage:
    snap = Snapshot(
        url=URL,
        fetched_at=datetime(2026, 4, 15, 19, tzinfo=UTC),
        content_type="text/plain",
        body=text,
    )
    return parse_snapshot(snap, limits=Limits())


@pytest.fixture(scope="module")
def page() -> ParsedPage:
    return parse(FIXTURE.read_text(encoding="utf-8"))


def test_page_metadata(page: ParsedPage) -> None:
    assert page.parser == "dw-text"
    assert page.url == URL
    assert page.title == "Wildfire updates: Velmar coast braces for shifting winds"
    assert page.description == (
        "Three fires are burning in the hills above the Velmar coast. Crews expect the wind to "
        "turn towards the towns tonight. DW has the latest."
    )
    assert (page.published_at, page.updated_at) == (D14, D15)
    assert page.summary is not None
    assert page.summary.split("\n\n") == [
        "Three large fires are burning on the ridges above Velmar and Oskant.",
        "Around 4,200 people have been told to leave their homes.",
        "The coastal railway is closed between Velmar and Lutz.",
        "Here is a roundup of the latest developments on Wednesday, April 15:",
    ]


def test_exact_entries(page: ParsedPage) -> None:
    got = [
        (
            SYNTHETIC_PREFIX if e.entry_id.startswith(SYNTHETIC_PREFIX) else e.entry_id,
            e.title,
            e.published_at,
            e.body.split("\n\n"),
        )
        for e in page.entries
    ]
    assert got == EXPECTED


def test_permalinks(page: ParsedPage) -> None:
    assert [e.permalink for e in page.entries] == [row[0] for row in EXPECTED[:4]] + [None]


def test_cut_off_entry_id_is_stable_across_fetches(page: ParsedPage) -> None:
    again = parse(FIXTURE.read_text(encoding="utf-8") + "\n\n")
    assert again.entries[-1].entry_id == page.entries[-1].entry_id


@pytest.mark.parametrize(
    "mangle",
    [
        pytest.param(lambda t: t.replace("\n", "\r\n"), id="crlf"),
        pytest.param(lambda t: t.replace(" ", "\u00a0"), id="nbsp"),
        pytest.param(lambda t: t.replace("\n", "  \n"), id="trailing-spaces"),
    ],
)
def test_same_page_with_other_whitespace(page: ParsedPage, mangle: object) -> None:
    assert callable(mangle)
    assert parse(mangle(FIXTURE.read_text(encoding="utf-8"))) == page
