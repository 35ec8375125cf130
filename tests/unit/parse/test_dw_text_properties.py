"""Property tests of the DW text parser on pages dressed with real-page chrome.

``tests/livegen_dw.py`` renders generated entries with captions, alt text,
teasers, sign-offs, several date formats, optional repeated titles, blank-line
variations and missing permalinks; the parser must give back exactly the
generated entries, whatever the whitespace (CRLF, NBSP, trailing spaces).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from streams.errors import RejectedSnapshot
from streams.models import ParsedPage, Snapshot
from streams.parse import parse_snapshot
from streams.parse.common import SYNTHETIC_PREFIX
from streams.settings import Limits
from tests.livegen_dw import DwPage, dw_pages, expected_entries, render_dw

URL = "https://www.dw.com/en/wildfire-live/live-8pAGE"
SLOW = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
LIMITS = Limits()


def parse(text: str, limits: Limits = LIMITS) -> ParsedPage:
    snap = Snapshot(
        url=URL,
        fetched_at=datetime(2026, 4, 16, tzinfo=UTC),
        content_type="text/plain; charset=utf-8",
        body=text,
    )
    return parse_snapshot(snap, limits=limits)


def rows(entries: Any) -> list[tuple[Any, ...]]:
    return [(e.title, e.body, e.published_at) for e in entries]


@SLOW
@given(page=dw_pages())
def test_dressed_pages_parse_back_to_exactly_the_generated_entries(page: DwPage) -> None:
    parsed = parse(render_dw(page))
    want = expected_entries(page)
    assert rows(parsed.entries) == rows(want)
    assert [e.entry_id for e in parsed.entries] == [e.entry_id for e in want]
    assert all(e.permalink == e.entry_id for e in parsed.entries)
    assert parsed.title == page.title
    assert parsed.description == page.lead
    assert parsed.summary == "\n\n".join(page.summary)


@SLOW
@given(page=dw_pages(missing_permalinks=True))
def test_missing_permalinks_never_merge_or_shift_entries(page: DwPage) -> None:
    parsed = parse(render_dw(page)) if expected_entries(page) else None
    want = expected_entries(page)
    if parsed is None:
        return
    assert rows(parsed.entries) == rows(want)
    linked = {e.entry_id for e, n in zip(page.entries, page.noise, strict=True) if n.has_permalink}
    for got in parsed.entries:
        assert got.entry_id in linked or got.entry_id.startswith(SYNTHETIC_PREFIX)
    assert len({e.entry_id for e in parsed.entries}) == len(parsed.entries)


@SLOW
@given(
    page=dw_pages(max_entries=4),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    nbsp=st.booleans(),
    trailing=st.sampled_from(["", " ", "\t", " \u00a0 "]),
)
def test_line_endings_and_whitespace_do_not_change_the_page(
    page: DwPage, newline: str, nbsp: bool, trailing: str
) -> None:
    clean = parse(render_dw(page))
    noisy = parse(render_dw(page, newline=newline, nbsp=nbsp, trailing=trailing))
    assert noisy == clean


@SLOW
@given(page=dw_pages(max_entries=6), limit=st.integers(1, 6))
def test_max_entries_keeps_the_newest(page: DwPage, limit: int) -> None:
    # One date format with a time for the whole page (as on real pages): with
    # mixed precision a date-only line (midnight) can look older than it is.
    noise = [replace(n, date_format="date-time") for n in page.noise]
    page = replace(page, noise=noise)
    parsed = parse(render_dw(page), Limits(max_entries=limit))
    assert rows(parsed.entries) == rows(expected_entries(page)[:limit])


_LINE = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "Skip next section",
            "Skip next section A title",
            "skip next sectionX",
            "November 12, 2024",
            "11/12/2024 10:32 AM",
            "https://p.dw.com/p/4aBcD",
            "https://",
            "https://x y",
            "Published November 12, 2024last updated",
            "Publishedlast updated",
            "AltImage: X/Y",
            "Image:",
            "xy/abc (AFP, AP, dpa, Reuters)",
            "(",
            "1. Skip to content",
            "\r",
            "\u00a0",
            "\u2028",
        ]
    ),
)


@SLOW
@given(lines=st.lists(_LINE, max_size=50), newline=st.sampled_from(["\n", "\r\n"]))
def test_arbitrary_text_raises_nothing_but_rejected_snapshot(
    lines: list[str], newline: str
) -> None:
    result = outcome(newline.join(lines), Limits(max_entries=3))
    if isinstance(result, RejectedSnapshot):
        assert result.reason in {"parse_error", "empty_snapshot", "too_large"}
        assert result.message
        return
    assert result.parser == "dw-text"
    assert 0 < len(result.entries) <= 3
    assert all(e.entry_id and (e.title or e.body) for e in result.entries)


def outcome(text: str, limits: Limits) -> ParsedPage | RejectedSnapshot:
    """The page, or the rejection; any other exception fails the test."""
    try:
        return parse(text, limits)
    except RejectedSnapshot as exc:
        return exc
