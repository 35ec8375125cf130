"""Parse + diff throughput on a 200 KB live-blog page (issue #2).

Baseline, measured in the same run: a bare parse of the same page with the same
HTML parser (selectolax/lexbor). Figures printed:

* ``changed``: one entry edited since the previous fetch: gate + parse + diff.
  Target: throughput >= 0.7x the bare parse.
* ``unchanged``: the same page fetched again: gate only (body hash).
  Target: >= 20x cheaper than ``changed``.

Run: ``.venv/bin/python benchmarks/bench_parse_diff.py [--entries N] [--rounds R]``
"""

from __future__ import annotations

import argparse
import html
import json
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from selectolax.lexbor import LexborHTMLParser

from streams.models import PageState, Snapshot
from streams.pipeline import process_snapshot

URL = "https://bench.example/live/blog"
T0 = datetime(2026, 5, 1, 6, 0, tzinfo=UTC)
SENTENCE = (
    "Officials said the situation remained tense as crews worked through the night to "
    "restore power to the districts hit hardest, while residents waited for news. "
)


def jsonld_page(n: int, edited: int | None = None) -> str:
    """A LiveBlogPosting page whose visible HTML repeats the entries, like real sites."""
    updates, articles = [], []
    for i in range(n, 0, -1):
        text = [f"{SENTENCE} Update {i}, paragraph {p}." for p in range(3)]
        if i == edited:
            text[1] += " Correction: the figure was revised."
        published = (T0 + timedelta(minutes=i)).isoformat().replace("+00:00", "Z")
        updates.append(
            {
                "@type": "BlogPosting",
                "url": f"{URL}#post-{i}",
                "headline": f"Update number {i}",
                "datePublished": published,
                "articleBody": "".join(f"<p>{html.escape(t)}</p>" for t in text),
            }
        )
        paragraphs = "".join(f"<p>{html.escape(t)}</p>" for t in text)
        articles.append(
            f'<article class="liveblog-entry" id="post-{i}"><h2>Update number {i}</h2>'
            f'<time datetime="{published}">{published}</time>'
            f'<div class="entry-body">{paragraphs}</div></article>'
        )
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "LiveBlogPosting",
            "headline": "Bench live blog",
            "liveBlogUpdate": updates,
        }
    )
    nav = "".join(f'<li><a href="/section/{k}">Section {k}</a></li>' for k in range(60))
    return (
        f"<!doctype html><html><head><title>Bench</title>"
        f'<script type="application/ld+json">{ld}</script></head>'
        f"<body><nav><ul>{nav}</ul></nav><main>{''.join(articles)}</main></body></html>"
    )


def best_of(fn: Callable[[], object], rounds: int, inner: int) -> float:
    """Median over ``rounds`` of the mean of ``inner`` calls, in seconds per call."""
    fn()
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(inner):
            fn()
        samples.append((time.perf_counter() - start) / inner)
    return statistics.median(samples)


def snapshot(body: str, minute: int) -> Snapshot:
    return Snapshot(
        url=URL,
        fetched_at=T0 + timedelta(hours=1, minutes=minute),
        content_type="text/html",
        body=body,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=0, help="default: sized to ~200 KB")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    n = args.entries or next(k for k in range(10, 2000, 5) if len(jsonld_page(k)) >= 200_000)
    before, after = jsonld_page(n), jsonld_page(n, edited=n // 2)
    base_state: PageState = process_snapshot(None, snapshot(before, 0)).state
    changed_snap, same_snap = snapshot(after, 1), snapshot(before, 2)

    def changed() -> None:
        out = process_snapshot(base_state, changed_snap)
        assert out.status == "changed"
        assert len(out.events) == 1

    def unchanged() -> None:
        assert process_snapshot(base_state, same_snap).status == "unchanged"

    bare = best_of(lambda: LexborHTMLParser(after), args.rounds, 20)
    t_changed = best_of(changed, args.rounds, 10)
    t_unchanged = best_of(unchanged, args.rounds, 200)
    print(f"page: {len(after.encode()) / 1024:.0f} KiB, {n} entries (JSON-LD + HTML)")
    print(f"bare LexborHTMLParser parse : {bare * 1e3:8.3f} ms")
    print(f"parse+diff, one entry edited: {t_changed * 1e3:8.3f} ms")
    print(f"unchanged page, new fetch   : {t_unchanged * 1e3:8.3f} ms")
    ratio = bare / t_changed
    cheaper = t_changed / t_unchanged
    print(f"throughput ratio parse+diff / bare parse = {ratio:.2f}x (target >= 0.70)")
    print(f"unchanged is {cheaper:.0f}x cheaper than changed (target >= 20x)")


if __name__ == "__main__":
    main()
