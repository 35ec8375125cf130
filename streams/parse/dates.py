"""Timestamps as pages print them -> aware UTC datetimes.

Parsers never fail on a bad date: an unreadable timestamp becomes ``None``
(the entry is still worth diffing). Naive times are taken as UTC, because a
page that omits the zone gives us nothing better and a fixed rule keeps ids
and ordering stable across fetches.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

__all__ = ["parse_human_date", "parse_iso"]

# Zone abbreviations seen on news pages; anything else is rejected, not guessed.
_ZONES = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "WET": 0,
    "CET": 1,
    "WEST": 1,
    "BST": 1,
    "CEST": 2,
    "EET": 2,
    "EEST": 3,
    "MSK": 3,
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "PST": -8,
    "PDT": -7,
}

_DATE_FORMATS = (
    "%B %d, %Y",  # November 12, 2024
    "%b %d, %Y",  # Nov 12, 2024
    "%d %B %Y",  # 12 November 2024
    "%d %b %Y",  # 12 Nov 2024
    "%d.%m.%Y",  # 12.11.2024
    "%m/%d/%Y",  # 11/12/2024
    "%Y-%m-%d",  # 2024-11-12
)
_TIME_FORMATS = ("%H:%M", "%I:%M %p", "%I:%M%p", "%H:%M:%S")
_MAX_DATE_CHARS = 64


def _as_utc(value: datetime) -> datetime | None:
    try:
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


def parse_iso(value: object) -> datetime | None:
    """ISO 8601 (``2024-11-12T10:15:00Z``, offsets, date only) -> UTC; else None."""
    if not isinstance(value, str) or not value or len(value) > _MAX_DATE_CHARS:
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return _parse_rfc2822(text) or parse_human_date(text)
    return _as_utc(parsed)


def _parse_rfc2822(text: str) -> datetime | None:
    """``Tue, 12 Nov 2024 10:15:00 GMT`` (some feeds put HTTP dates in JSON-LD)."""
    try:
        return _as_utc(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _split_zone(text: str) -> tuple[str, timezone | None]:
    head, _, last = text.rpartition(" ")
    if not head:
        return text, None
    if last.upper() in _ZONES:
        return head, timezone(timedelta(hours=_ZONES[last.upper()]))
    if last[:1] in "+-" and last[1:3].isdigit():
        digits = last[1:].replace(":", "")
        if len(digits) == 4 and digits.isdigit():
            sign = -1 if last[0] == "-" else 1
            minutes = int(digits[:2]) * 60 + int(digits[2:])
            if minutes < 24 * 60:
                return head, timezone(sign * timedelta(minutes=minutes))
    return text, None


def _strptime_any(text: str, formats: tuple[str, ...]) -> datetime | None:
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def parse_human_date(value: str) -> datetime | None:
    """A date line as a page prints it, with an optional time and zone.

    Accepts e.g. ``November 12, 2024``, ``Nov 12, 2024 10:15 AM``,
    ``12.11.2024 10:15 CET``, ``2024-11-12 10:15 +01:00`` and ISO 8601.
    Only a date -> UTC midnight. Anything else -> None.
    """
    text = " ".join(value.replace(",", ", ").split()).replace(" ,", ",")
    if not text or len(text) > _MAX_DATE_CHARS or not any(c.isdigit() for c in text):
        return None
    try:
        return _as_utc(datetime.fromisoformat(text))
    except ValueError:
        pass
    text, zone = _split_zone(text)
    for cut in _time_cuts(text):
        day = _strptime_any(text[:cut].rstrip(" ,"), _DATE_FORMATS)
        if day is None:
            continue
        rest = text[cut:].strip(" ,").removeprefix("at ").strip()
        if not rest:
            moment = day
        else:
            clock = _strptime_any(rest.upper(), _TIME_FORMATS)
            if clock is None:
                continue
            moment = day.replace(hour=clock.hour, minute=clock.minute, second=clock.second)
        return _as_utc(moment.replace(tzinfo=zone) if zone else moment)
    return None


def _time_cuts(text: str) -> list[int]:
    """Where the date part may end: after its 1st or 3rd word (the formats' sizes)."""
    cuts = []
    pos = -1
    for words in range(1, 4):
        pos = text.find(" ", pos + 1)
        if pos == -1:
            cuts.append(len(text))
            break
        if words in (1, 3):
            cuts.append(pos)
    return cuts
