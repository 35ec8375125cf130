"""Helpers for parser tests: fixture pages and small JSON-LD page builders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from streams.models import ParsedPage
from streams.parse import parse_snapshot
from streams.settings import Limits
from tests.livegen import snapshot

FIXTURES = Path(__file__).parents[2] / "fixtures" / "pages"
URL = "https://valley-times.example/live/arva-floods"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def parse(
    body: str,
    content_type: str = "text/html",
    *,
    url: str = URL,
    limits: Limits | None = None,
    status: int | None = 200,
) -> ParsedPage:
    snap = snapshot(body, content_type, url=url, status=status)
    return parse_snapshot(snap, limits=limits or Limits())


def ld(data: Any) -> str:
    """One JSON-LD script tag holding ``data`` (a str is used verbatim)."""
    text = data if isinstance(data, str) else orjson.dumps(data).decode()
    text = text.replace("</", "<\\/")
    return f'<script type="application/ld+json">{text}</script>'


def html_page(*scripts: str, body: str = "<p>Visible text.</p>") -> str:
    return f"<!doctype html><html><head>{''.join(scripts)}</head><body>{body}</body></html>"


def post(n: int, **fields: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "@type": "BlogPosting",
        "url": f"{URL}#post-{n}",
        "headline": f"Update {n}",
        "articleBody": f"Body of update {n}.",
        "datePublished": f"2026-03-03T{10 + n:02d}:00:00Z",
    }
    item.update(fields)
    return {k: v for k, v in item.items() if v is not None}


def blog(*updates: Any, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": "Arva floods live",
        "liveBlogUpdate": list(updates),
    }
    data.update(fields)
    return data
