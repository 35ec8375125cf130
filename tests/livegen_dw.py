"""DW-style plain-text live blogs with all the page chrome the parser must strip.

``tests/livegen.render_dw_text`` renders the bare structure; this renderer adds
what real DW text pages carry around the entries, each piece switchable per
entry so property tests can mix them: several date-line formats (or none), the
repeated title (or not), image alt text + caption with a glued credit,
teaser lines (other articles' headlines) between paragraphs or before the
permalink, agency sign-offs, extra blank lines, trailing spaces, CRLF, NBSP,
and a missing permalink line.

A ``DwEntry`` holds *normalised* text and the publication time the parser
can read back from its date line (``expected_entries`` applies the date
format's precision), so a correct parser returns exactly the entries.
All text here is invented; none of it comes from a real page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from hypothesis import strategies as st

from streams.diff.normalize import normalize_line

__all__ = [
    "DATE_FORMATS",
    "DwEntry",
    "DwNoise",
    "DwPage",
    "dw_pages",
    "expected_entries",
    "permalink",
    "render_dw",
]

T0 = datetime(2026, 4, 14, 5, 30, tzinfo=UTC)


def permalink(code: str) -> str:
    return f"https://p.dw.com/p/{code}"


def _us_clock(t: datetime) -> str:
    return f"{t:%m/%d/%Y} {t.hour % 12 or 12}:{t:%M} {'AM' if t.hour < 12 else 'PM'}"


# name -> (renderer, keeps the time of day)
DATE_FORMATS: dict[str, tuple[Callable[[datetime], str], bool]] = {
    "date": (lambda t: f"{t:%B} {t.day}, {t:%Y}", False),  # November 12, 2024
    "date-time": (lambda t: f"{t:%B} {t.day}, {t:%Y} {t:%H:%M}", True),  # ... 10:32
    "date-time-utc": (lambda t: f"{t:%B} {t.day}, {t:%Y} {t:%H:%M} UTC", True),
    "us-clock": (_us_clock, True),  # 11/12/2024 10:32 AM
    "short-month": (lambda t: f"{t:%b} {t.day}, {t:%Y}", False),  # Nov 12, 2024
    "dotted": (lambda t: f"{t:%d.%m.%Y %H:%M}", True),  # 12.11.2024 10:32
}


@dataclass(frozen=True, slots=True)
class DwEntry:
    entry_id: str
    title: str
    paragraphs: tuple[str, ...]
    published_at: datetime | None = None

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True, slots=True)
class DwNoise:
    """How one entry is dressed on the page; none of it may reach the entry."""

    date_format: str | None = "date"  # key of DATE_FORMATS; None: no date line
    repeat_title: bool = True
    caption_after: int | None = None  # paragraph index followed by image alt + caption
    teaser_after: int | None = None  # paragraph index followed by a teaser line
    sign_off: bool = False
    blank_lines: int = 1  # blank lines between paragraphs
    has_permalink: bool = True


@dataclass(frozen=True, slots=True)
class DwPage:
    entries: Sequence[DwEntry]
    noise: Sequence[DwNoise] = ()  # one per entry; missing ones: DwNoise()
    title: str = "Wildfire season updates: crews hold the line near Velmar"
    lead: str = (
        "Firefighters kept three blazes away from the coastal towns overnight. We have the latest."
    )
    summary: Sequence[str] = (
        "Three large fires are burning in the hills above Velmar.",
        "Evacuation orders cover about 4,000 residents.",
        "Here is a roundup of the latest developments:",
    )
    breadcrumb: str = "NatureWildfires"
    code: str = "8pAGE"
    published: datetime = T0
    updated: datetime = field(default_factory=lambda: T0 + timedelta(days=1))


# Longer than a teaser (120 chars): only the caption rules can remove them.
CAPTION_ALT = (
    "Smoke rises over a row of white houses on the hillside above the harbour while "
    "residents stand on the beach and watch"
)
CAPTION = (
    "Residents watched from the beach as the fire moved down the ridge towards the "
    "first houses of the old townImage: Omar Feld/Coast Press/picture alliance"
)


def _long_date(t: datetime) -> str:
    return f"{t:%B} {t.day}, {t:%Y}"


def _header(page: DwPage) -> list[str]:
    return [
        "1. Skip to content",
        "  2. Skip to main menu",
        "  3. Skip to more DW sites",
        page.breadcrumb,
        "",
        page.title,
        "",
        f"Published {_long_date(page.published)}last updated {_long_date(page.updated)}",
        "",
        page.lead,
        "",
        permalink(page.code),
        "A water bomber over a burning ridge",
        "Aircraft dropped water on the ridge at dawnImage: Lena Quast/Coast Press/picture alliance",
        "Skip next section What you need to know",
        "",
        "What you need to know",
        "",
        *(line for para in page.summary for line in (para, "")),
    ]


def _entry(entry: DwEntry, noise: DwNoise) -> list[str]:
    lines = [f"Skip next section {entry.title}"]
    if noise.date_format is not None and entry.published_at is not None:
        lines.append(DATE_FORMATS[noise.date_format][0](entry.published_at))
    lines.append("")
    if noise.repeat_title:
        lines += [entry.title, ""]
    gap = [""] * noise.blank_lines
    for n, para in enumerate(entry.paragraphs):
        lines += [para, *gap]
        if noise.caption_after == n:
            lines += [CAPTION_ALT, CAPTION]
        if noise.teaser_after == n:
            lines += ["How dry winters feed summer fires", *gap]
    if noise.sign_off:
        lines += ["", "kb/tr (Coastwire, Valley Press)", ""]
    if noise.has_permalink:
        lines.append(entry.entry_id)
    return lines


def render_dw(page: DwPage, *, newline: str = "\n", nbsp: bool = False, trailing: str = "") -> str:
    """The page as DW's text rendering; ``nbsp``/``trailing`` add whitespace noise."""
    noise = list(page.noise) + [DwNoise()] * (len(page.entries) - len(page.noise))
    lines = _header(page)
    for entry, dress in zip(page.entries, noise, strict=True):
        lines += _entry(entry, dress)
    if nbsp:
        lines = [line.replace(" ", "\u00a0", 2) for line in lines]
    return newline.join(line + trailing for line in lines) + newline


def expected_entries(page: DwPage) -> list[DwEntry]:
    """What the parser must return: dates at their format's precision, entries
    without permalink only when dated (their ids are synthetic: compare titles)."""
    noise = list(page.noise) + [DwNoise()] * (len(page.entries) - len(page.noise))
    out: list[DwEntry] = []
    for entry, dress in zip(page.entries, noise, strict=True):
        stamp = entry.published_at if dress.date_format is not None else None
        if stamp is not None and dress.date_format and not DATE_FORMATS[dress.date_format][1]:
            stamp = stamp.replace(hour=0, minute=0, second=0, microsecond=0)
        if not dress.has_permalink and stamp is None:
            continue  # undated and unlinked: summary or dropped, never an entry
        out.append(replace(entry, published_at=stamp))
    return out


# --- hypothesis strategies ---------------------------------------------------

_LETTERS = "abcdefghijklmnopqrstuvwxyzéüßñ"
_WORD = st.text(_LETTERS, min_size=1, max_size=9)
_CAP_WORD = _WORD.map(str.capitalize)
_MIDDLE = st.one_of(
    _WORD,
    st.sampled_from(["4,000", "12", "(east)", "$3", "'fire'", "co-op", "and", "—", "€5"]),
)


@st.composite
def _paragraph(draw: st.DrawFn) -> str:
    words = [draw(_CAP_WORD), *draw(st.lists(_MIDDLE, max_size=25))]
    text = normalize_line(" ".join(words))
    style = draw(st.sampled_from([".", "?", "!", "quote", "colon-quote"]))
    if style == "quote":
        return f'"{text}," she said.'
    if style == "colon-quote":
        return f'The chief said: "{text}."'
    return text + style


@st.composite
def _title(draw: st.DrawFn) -> str:
    words = [draw(_CAP_WORD), *draw(st.lists(_MIDDLE, max_size=10))]
    title = normalize_line(" ".join(words))
    return draw(
        st.sampled_from([title, f"{title}: {draw(_WORD)}", f"'{title}' says {draw(_WORD)}"])
    )


@st.composite
def _noise(draw: st.DrawFn, paragraphs: int) -> DwNoise:
    spot = st.one_of(st.none(), st.integers(0, paragraphs - 1))
    return DwNoise(
        date_format=draw(st.one_of(st.none(), st.sampled_from(sorted(DATE_FORMATS)))),
        repeat_title=draw(st.booleans()),
        caption_after=draw(spot),
        teaser_after=draw(spot),
        sign_off=draw(st.booleans()),
        blank_lines=draw(st.integers(0, 3)),
        has_permalink=draw(st.booleans()) if draw(st.integers(0, 4)) == 0 else True,
    )


@st.composite
def dw_pages(draw: st.DrawFn, max_entries: int = 6, *, missing_permalinks: bool = False) -> DwPage:
    """A page of 1..max_entries entries, newest first, each dressed differently."""
    count = draw(st.integers(1, max_entries))
    codes = draw(
        st.lists(
            st.text(
                "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", min_size=5, max_size=5
            ),
            min_size=count,
            max_size=count,
            unique=True,
        )
    )
    minutes = sorted(
        draw(st.lists(st.integers(0, 60 * 24 * 20), min_size=count, max_size=count, unique=True)),
        reverse=True,
    )
    entries, noise = [], []
    for code, minute in zip(codes, minutes, strict=True):
        paragraphs = tuple(draw(st.lists(_paragraph(), min_size=1, max_size=4)))
        entries.append(
            DwEntry(permalink(code), draw(_title()), paragraphs, T0 + timedelta(minutes=minute))
        )
        dress = draw(_noise(len(paragraphs)))
        noise.append(dress if missing_permalinks else replace(dress, has_permalink=True))
    return DwPage(entries=entries, noise=noise)
