"""Generated live blogs: entries rendered as JSON-LD HTML, DW-style text and profile HTML.

Shared by parser, diff and pipeline property tests and by the benchmarks.
A ``GenEntry`` holds *normalised* text (title one line, body paragraphs
joined by a blank line), so a correct parser gives it back exactly.
"""

from __future__ import annotations

import html
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import orjson
from hypothesis import strategies as st

from streams.diff.normalize import normalize_line
from streams.models import Snapshot

__all__ = [
    "PAGE_URL",
    "GenEntry",
    "entries_strategy",
    "make_entries",
    "render",
    "render_dw_text",
    "render_jsonld_html",
    "render_profile_html",
    "snapshot",
]

PAGE_URL = "https://news.example/live/harbour-storm"
T0 = datetime(2026, 3, 1, 6, 0, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class GenEntry:
    entry_id: str
    title: str
    body: str
    published_at: datetime | None = None


def snapshot(
    body: str,
    content_type: str = "text/html; charset=utf-8",
    *,
    url: str = PAGE_URL,
    fetched_at: datetime = T0,
    status: int | None = 200,
    snapshot_id: str | None = None,
) -> Snapshot:
    return Snapshot(
        url=url,
        fetched_at=fetched_at,
        content_type=content_type,
        body=body,
        status=status,
        snapshot_id=snapshot_id,
    )


def _paragraphs(body: str) -> list[str]:
    return [p for p in body.split("\n\n") if p]


def _json_for_script(data: object) -> str:
    # "<" only occurs inside JSON strings; \u003c keeps "</script>" and "<!--" inert.
    return orjson.dumps(data).decode().replace("<", "\\u003c")


def render_jsonld_html(
    entries: Sequence[GenEntry],
    *,
    url: str = PAGE_URL,
    html_bodies: bool = False,
    title: str = "Storm over the harbour: live updates",
    description: str = "Live coverage of the storm & its aftermath.",
    filler_scripts: bool = True,
) -> str:
    """A page whose ``LiveBlogPosting`` holds the entries (plus a visible copy)."""
    updates = []
    for e in entries:
        paras = _paragraphs(e.body)
        if html_bodies:
            body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
        else:
            body = "\n\n".join(html.escape(p, quote=False) for p in paras)
        item: dict[str, object] = {
            "@type": "BlogPosting",
            "headline": html.escape(e.title, quote=False),
            "articleBody": body,
            "url": e.entry_id,
        }
        if e.published_at is not None:
            item["datePublished"] = e.published_at.isoformat()
        updates.append(item)
    blog = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": title,
        "description": description,
        "datePublished": T0.isoformat(),
        "liveBlogUpdate": updates,
    }
    scripts = [_json_for_script(blog)]
    if filler_scripts:
        scripts.insert(0, _json_for_script({"@type": "Organization", "name": "Example News"}))
    visible = "".join(
        f'<article class="post"><h2>{html.escape(e.title)}</h2>'
        + "".join(f"<p>{html.escape(p)}</p>" for p in _paragraphs(e.body))
        + "</article>"
        for e in entries
    )
    head = "".join(f'<script type="application/ld+json">{s}</script>' for s in scripts)
    return (
        f"<!doctype html><html><head><title>{html.escape(title)}</title>{head}</head>"
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<main><h1>{html.escape(title)}</h1>{visible}</main></body></html>"
    )


def render_profile_html(
    entries: Sequence[GenEntry], *, url: str = PAGE_URL, title: str = "Harbour storm live"
) -> str:
    """Markup the bundled ``liveblog-entry`` profile reads (no JSON-LD)."""
    parts = []
    for n, e in enumerate(entries):
        stamp = (
            f'<time datetime="{e.published_at.isoformat()}">{e.published_at:%H:%M}</time>'
            if e.published_at is not None
            else ""
        )
        body = "".join(f"<p>{html.escape(p)}</p>" for p in _paragraphs(e.body))
        parts.append(
            f'<article class="liveblog-entry" id="entry-{n}">'
            f'<header><h2 class="entry-title">{html.escape(e.title)}</h2>{stamp}'
            f'<a class="permalink" href="{html.escape(e.entry_id)}">Link</a></header>'
            f'<div class="entry-content">{body}</div>'
            f"<footer><button>Share</button></footer></article>"
        )
    return (
        f"<!doctype html><html><head><title>{html.escape(title)}</title></head><body>"
        f"<header><nav><a href='/'>Home</a></nav></header><main><h1>{html.escape(title)}</h1>"
        f'<section class="liveblog">{"".join(parts)}</section></main>'
        f"<footer><p>© Example News</p></footer></body></html>"
    )


def render_dw_text(
    entries: Sequence[GenEntry],
    *,
    title: str = "Harbour storm updates: ferries stay in port",
    lead: str = "Crews worked through the night to secure the quays. Here is the latest.",
    permalink: str = "https://p.example/p/PAGE1",
    summary: Sequence[str] = ("Ferries are suspended until noon.", "Winds eased after dawn."),
) -> str:
    """The plain-text shape of a DW live blog (see streams/parse/dwtext.py)."""
    lines = [
        "1. Skip to content",
        "  2. Skip to main menu",
        "WeatherHarbour",
        "",
        title,
        "",
        f"Published {T0:%B} {T0.day}, {T0:%Y}last updated {T0:%B} {T0.day}, {T0:%Y}",
        "",
        lead,
        "",
        permalink,
        "Waves over a harbour wall",
        "Spray reached the promenade in the early hoursImage: A. Photographer/Agency",
        "Skip next section What you need to know",
        "",
        "What you need to know",
        "",
    ]
    for para in summary:
        lines += [para, ""]
    for e in entries:
        lines.append(f"Skip next section {e.title}")
        if e.published_at is not None:
            stamp = e.published_at.astimezone(UTC)
            lines.append(f"{stamp:%B} {stamp.day}, {stamp:%Y} {stamp:%H:%M} UTC")
        lines += ["", e.title, ""]
        for para in _paragraphs(e.body):
            lines += [para, ""]
        lines.append(e.entry_id)
    return "\n".join(lines) + "\n"


def render(kind: str, entries: Sequence[GenEntry]) -> Snapshot:
    """A snapshot of ``entries`` in one of: jsonld, jsonld-html, profile, dw-text."""
    if kind == "dw-text":
        return snapshot(render_dw_text(entries), "text/plain; charset=utf-8")
    if kind == "profile":
        return snapshot(render_profile_html(entries))
    return snapshot(render_jsonld_html(entries, html_bodies=kind == "jsonld-html"))


# --- hypothesis strategies ---------------------------------------------------

_ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    + list("&<>\"'%$€-–()/,")
    + ["é", "ü", "ß", "Ж", "ő", "中", "ñ"]
)
_WORD = st.text(_ALPHABET, min_size=1, max_size=10)


def _sentence(words: list[str]) -> str:
    return normalize_line(" ".join(words)) + "."


_PARAGRAPH = st.lists(_WORD, min_size=1, max_size=12).map(_sentence)
_TITLE = st.lists(_WORD, min_size=1, max_size=8).map(lambda ws: "Update " + " ".join(ws))


@st.composite
def entries_strategy(draw: st.DrawFn, max_entries: int = 8) -> list[GenEntry]:
    """Unique-id entries, newest first, text that round-trips in every format."""
    count = draw(st.integers(1, max_entries))
    codes = draw(
        st.lists(
            st.text("abcdefghjkmnpqrstuvwxyz23456789", min_size=4, max_size=6),
            min_size=count,
            max_size=count,
            unique=True,
        )
    )
    minutes = sorted(
        draw(st.lists(st.integers(0, 60 * 24 * 30), min_size=count, max_size=count, unique=True)),
        reverse=True,
    )
    out = []
    for code, minute in zip(codes, minutes, strict=True):
        title = normalize_line(draw(_TITLE))
        paras = draw(st.lists(_PARAGRAPH, min_size=1, max_size=4))
        out.append(
            GenEntry(
                entry_id=f"https://p.example/p/{code}",
                title=title,
                body="\n\n".join(paras),
                published_at=T0 + timedelta(minutes=minute),
            )
        )
    return out


# --- deterministic pages for benchmarks ---------------------------------------

_LOREM = [
    "The harbour master said crews would inspect every quay before ferries sail again",
    "Residents were asked to keep away from the sea wall while waves remain high",
    "Power returned to most streets by the afternoon, the utility reported",
    "Volunteers handed out blankets at the town hall, which stays open overnight.",
]


def make_entries(count: int, *, seed: int = 7, paragraphs: int = 4) -> list[GenEntry]:
    """``count`` plausible entries, newest first, reproducible from ``seed``."""
    rng = random.Random(seed)
    out = []
    for n in range(count, 0, -1):
        paras = [
            " ".join(rng.sample(_LOREM, k=len(_LOREM))).rstrip(".") + f". Update {n}, part {p}."
            for p in range(paragraphs)
        ]
        out.append(
            GenEntry(
                entry_id=f"https://news.example/live/harbour-storm/update-{n}",
                title=f"Update {n}: " + rng.choice(_LOREM)[:60].strip(),
                body="\n\n".join(paras),
                published_at=T0 + timedelta(minutes=5 * n),
            )
        )
    return out
