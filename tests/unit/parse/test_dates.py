"""Timestamps: ISO 8601, HTTP dates and the date lines pages print."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from streams.parse.dates import parse_human_date, parse_iso

T = datetime(2024, 11, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-11-12T10:15:00Z", T.replace(hour=10, minute=15)),
        ("2024-11-12T10:15:00+02:00", T.replace(hour=8, minute=15)),
        ("2024-11-12T10:15:00.123456-05:00", T.replace(hour=15, minute=15, microsecond=123456)),
        ("2024-11-12T10:15", T.replace(hour=10, minute=15)),
        ("2024-11-12", T),
        ("Tue, 12 Nov 2024 10:15:00 GMT", T.replace(hour=10, minute=15)),
        ("November 12, 2024", T),
        ("", None),
        ("soon", None),
        ("2024-13-45T99:99:99Z", None),
        ("0001-01-01T00:00:00+05:00", None),
        (20241112, None),
        (None, None),
        ("9" * 500, None),
    ],
)
def test_parse_iso(raw: object, expected: datetime | None) -> None:
    assert parse_iso(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("November 12, 2024", T),
        ("Nov 12, 2024", T),
        ("12 November 2024", T),
        ("12 Nov 2024", T),
        ("12.11.2024", T),
        ("11/12/2024", T),
        ("2024-11-12", T),
        ("November 12, 2024 10:15", T.replace(hour=10, minute=15)),
        ("November 12, 2024, 10:15 UTC", T.replace(hour=10, minute=15)),
        ("Nov 12, 2024 10:15 AM", T.replace(hour=10, minute=15)),
        ("Nov 12, 2024 3:05 pm", T.replace(hour=15, minute=5)),
        ("12.11.2024 10:15 CET", T.replace(hour=9, minute=15)),
        ("12.11.2024 10:15 CEST", T.replace(hour=8, minute=15)),
        ("2024-11-12 10:15 +01:00", T.replace(hour=9, minute=15)),
        ("12 November 2024 at 09:05", T.replace(hour=9, minute=5)),
        ("November  12,   2024", T),
        ("Published November 12, 2024", None),
        ("The war began in 2022.", None),
        ("November 31, 2024", None),
        ("November 12, 2024 25:00", None),
        ("November 12, 2024 10:15 XYZ", None),
        ("", None),
    ],
)
def test_parse_human_date(raw: str, expected: datetime | None) -> None:
    assert parse_human_date(raw) == expected
