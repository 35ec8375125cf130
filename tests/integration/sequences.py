"""Deterministic live-blog histories for the streaming tests and the worker benchmark.

Several pages, each in its own format (JSON-LD, JSON-LD with HTML bodies,
site-profile HTML, DW-style text), evolve step by step: entries are added,
edited and removed; some fetches repeat the previous page (duplicates) and
some arrive late (stale). Expected events always come from ``streams replay``
over the same envelopes, so the tests hold whatever the parsers return.
"""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass, field
from datetime import timedelta

import orjson

from streams.codec import encode_snapshot
from streams.models import Snapshot
from tests.livegen import (
    T0,
    GenEntry,
    render_dw_text,
    render_jsonld_html,
    render_profile_html,
    snapshot,
)

__all__ = ["FORMATS", "encode_all", "envelope_key", "live_sequence"]

FORMATS = ("jsonld", "dw-text", "profile", "jsonld-html")
_SENTENCES = [
    "Crews reopened the coastal road after clearing fallen trees.",
    "The ferry operator said the first crossing would leave at noon.",
    "Schools in the low-lying districts stay closed for a second day.",
    "A shelter at the sports hall has taken in about two hundred people.",
    "Forecasters expect the wind to ease by the evening.",
    "The council thanked volunteers who filled sandbags overnight.",
    "Train services resumed on the northern line with some delays.",
    "Fishermen were told to keep their boats in the inner harbour.",
]


@dataclass
class _Page:
    url: str
    kind: str
    entries: list[GenEntry] = field(default_factory=list)
    made: int = 0
    minute: int = 0
    last: Snapshot | None = None

    def new_entry(self, rng: random.Random) -> GenEntry:
        self.made += 1
        n = self.made
        code = f"{zlib.crc32(self.url.encode()) % 10_000:04d}{n:04d}"
        return GenEntry(
            entry_id=f"https://p.example/p/{code}",
            title=f"Update {n}: {rng.choice(_SENTENCES)[:40].rstrip('. ')}",
            body="\n\n".join(rng.sample(_SENTENCES, k=rng.randint(1, 3))),
            published_at=T0 + timedelta(minutes=self.minute),
        )

    def render(self) -> Snapshot:
        self.minute += 1
        fetched = T0 + timedelta(minutes=self.minute)
        if self.kind == "dw-text":
            body, ctype = render_dw_text(self.entries), "text/plain; charset=utf-8"
        elif self.kind == "profile":
            body, ctype = render_profile_html(self.entries, url=self.url), "text/html"
        else:
            html_bodies = self.kind == "jsonld-html"
            body = render_jsonld_html(self.entries, url=self.url, html_bodies=html_bodies)
            ctype = "text/html; charset=utf-8"
        snap = snapshot(
            body, ctype, url=self.url, fetched_at=fetched, snapshot_id=f"s{self.minute}"
        )
        self.last = snap
        return snap


def _step(page: _Page, rng: random.Random) -> Snapshot:
    action = rng.choices(["add", "edit", "remove", "same", "stale"], [5, 3, 1, 1, 1])[0]
    if action == "stale" and page.last is not None:
        # A late copy of an older fetch: must be ignored (stale).
        return page.last.model_copy(update={"fetched_at": page.last.fetched_at - timedelta(1)})
    if action == "same" and page.last is not None:
        page.minute += 1  # refetched, nothing changed: duplicate body, newer time
        return page.last.model_copy(
            update={"fetched_at": T0 + timedelta(minutes=page.minute), "snapshot_id": None}
        )
    if action == "edit" and page.entries:
        i = rng.randrange(len(page.entries))
        e = page.entries[i]
        page.entries[i] = GenEntry(
            e.entry_id, e.title, e.body + "\n\n" + rng.choice(_SENTENCES), e.published_at
        )
    elif action == "remove" and len(page.entries) > 2:
        del page.entries[rng.randrange(len(page.entries) - 1)]  # never the oldest
    else:
        page.entries.insert(0, page.new_entry(rng))
    return page.render()


def live_sequence(
    *, pages: int = 3, steps: int = 10, seed: int = 1, prefix: str = "harbour"
) -> list[Snapshot]:
    """``steps`` fetches of each of ``pages`` pages, interleaved; first fetch has 2 entries."""
    rng = random.Random(seed)
    book = [
        _Page(f"https://news.example/live/{prefix}-{p}", FORMATS[p % len(FORMATS)])
        for p in range(pages)
    ]
    out: list[Snapshot] = []
    for page in book:
        page.entries = [page.new_entry(rng), page.new_entry(rng)][::-1]
        out.append(page.render())
    for _ in range(steps - 1):
        order = book[:]
        rng.shuffle(order)
        out.extend(_step(page, rng) for page in order)
    return out


def envelope_key(envelope: bytes) -> bytes:
    """The Kafka key of an encoded envelope: its URL."""
    url: str = orjson.loads(envelope)["url"]
    return url.encode()


def encode_all(snapshots: list[Snapshot]) -> list[bytes]:
    return [encode_snapshot(s) for s in snapshots]
