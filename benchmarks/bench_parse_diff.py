"""Parse + diff throughput on a ~200 KB live-blog page (issue #2), three page forms.

Baseline, measured in the same run: a bare parse of the same page with the same
HTML parser, ``LexborHTMLParser(body)`` (selectolax/lexbor, default options).
Forms: ``jsonld`` (LiveBlogPosting JSON-LD + the same entries as visible HTML,
like real sites), ``profile`` (the visible HTML only: read by a site profile)
and ``text`` (a DW-style text rendering; its "bare parse" is lexbor over that
text, for a like-for-like figure). Per form, ``process_snapshot`` is timed on:

* ``changed``: one entry edited since the previous fetch. Calls alternate
  between the two versions of the page, each against the state (and the
  parser's caches) that the *other* version left, as in a real fetch
  sequence: every call really decodes, converts and diffs the edited entry.
  Target: throughput >= 0.7x the bare parse.
* ``same bytes``: the same page fetched again, byte-identical (one of four
  equal body strings in turn, never the object the previous call saw:
  nothing is recognised by object identity). Target: >= 20x cheaper than
  ``changed``.
* ``re-rendered``: the same content, but the page chrome differs (a request
  token and a "last updated" line; trailing spaces on the text form): the
  bytes differ, so the page is parsed and diffed, and must produce no event.
  Reported against the same 20x figure; it cannot be gate-cheap.

Times are CPU time of this process (``time.process_time``: all of this work is
single-threaded), so time spent waiting for a core on a busy machine does not
count. Rounds are interleaved (every figure is sampled once per round, in
turn), so what load remains (caches, memory bandwidth) hits all figures alike;
each figure is the median over rounds, and the spread (interquartile range)
of the per-round ratios is printed.

Run: ``.venv/bin/python benchmarks/bench_parse_diff.py [--rounds R] [--forms jsonld,profile,text]``
"""

from __future__ import annotations

import argparse
import html
import json
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import cycle
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from streams.models import PageState, Snapshot
from streams.pipeline import process_snapshot

URL = "https://bench.example/live/{form}"
T0 = datetime(2026, 5, 1, 6, 0, tzinfo=UTC)
TARGET_SIZE = 200_000
COPIES = 4  # distinct body strings per page version, used in turn
SENTENCE = (
    "Officials said the situation remained tense as crews worked through the night to "
    "restore power to the districts hit hardest, while residents waited for news. "
)


def _texts(i: int, edited: int | None) -> list[str]:
    text = [f"{SENTENCE} Update {i}, paragraph {p}." for p in range(3)]
    if i == edited:
        text[1] += " Correction: the figure was revised."
    return text


def _published(i: int) -> str:
    return (T0 + timedelta(minutes=i)).isoformat().replace("+00:00", "Z")


def html_page(n: int, edited: int | None = None, *, ld: bool = True, noise: int = 0) -> str:
    """A live blog page; ``ld`` adds the LiveBlogPosting script, ``noise`` varies the chrome."""
    updates, articles = [], []
    for i in range(n, 0, -1):
        paragraphs = "".join(f"<p>{html.escape(t)}</p>" for t in _texts(i, edited))
        updates.append(
            {
                "@type": "BlogPosting",
                "url": f"#post-{i}",
                "headline": f"Update number {i}",
                "datePublished": _published(i),
                "articleBody": paragraphs,
            }
        )
        articles.append(
            f'<article class="liveblog-entry" id="post-{i}"><h2>Update number {i}</h2>'
            f'<time datetime="{_published(i)}">{_published(i)}</time>'
            f'<div class="entry-body">{paragraphs}</div></article>'
        )
    blog = {"@context": "https://schema.org", "@type": "LiveBlogPosting"}
    blog |= {"headline": "Bench live blog", "liveBlogUpdate": updates}
    script = f'<script type="application/ld+json">{json.dumps(blog)}</script>' if ld else ""
    nav = "".join(f'<li><a href="/section/{k}">Section {k}</a></li>' for k in range(60))
    return (
        f'<!doctype html><html><head><title>Bench</title><meta name="request-id" '
        f'content="req-{noise:08d}">{script}</head><body><nav><ul>{nav}</ul></nav>'
        f'<p class="stamp">Last updated {noise % 60:02d} seconds ago</p>'
        f"<main>{''.join(articles)}</main></body></html>"
    )


def text_page(n: int, edited: int | None = None, *, noise: int = 0) -> str:
    """The same entries as a DW-style text page; ``noise`` adds trailing spaces."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script
    from tests.livegen_dw import DwEntry, DwNoise, DwPage, permalink, render_dw

    entries = [
        DwEntry(
            permalink(f"b{i:06d}"),
            f"Update number {i}",
            tuple(_texts(i, edited)),
            T0 + timedelta(minutes=i),
        )
        for i in range(n, 0, -1)
    ]
    page = DwPage(entries=entries, noise=[DwNoise("date-time")] * n)
    return render_dw(page, trailing=" " * (1 + noise % 3) if noise else "")


def sized(make: Callable[[int], str]) -> int:
    """The entry count that brings the page to ~200 KB."""
    return next(k for k in range(10, 4000, 5) if len(make(k).encode()) >= TARGET_SIZE)


def fresh(text: str) -> str:
    """An equal string that is a different object (as every decoded fetch is)."""
    return text.encode().decode()


@dataclass(frozen=True)
class Form:
    name: str
    content_type: str
    make: Callable[..., str]  # (n, edited=None, noise=0) -> page

    def url(self) -> str:
        return URL.format(form=self.name)

    def snapshot(self, body: str, minute: int) -> Snapshot:
        return Snapshot(
            url=self.url(),
            fetched_at=T0 + timedelta(hours=1, minutes=minute),
            content_type=self.content_type,
            body=body,
        )


FORMS = {
    "jsonld": Form("jsonld", "text/html", html_page),
    "profile": Form(
        "profile", "text/html", lambda n, e=None, noise=0: html_page(n, e, ld=False, noise=noise)
    ),
    "text": Form("text", "text/plain", text_page),
}


def cases(form: Form) -> tuple[int, int, dict[str, tuple[Callable[[], object], int]]]:
    """(entries, bytes, name -> (one call, calls per sample)) for one form."""
    n = sized(form.make)
    before, after = form.make(n), form.make(n, n // 2)
    first = process_snapshot(None, form.snapshot(before, 0))
    state_b: PageState = first.state  # the state a fetch of ``before`` leaves
    out = process_snapshot(state_b, form.snapshot(after, 1))
    assert out.parser == first.parser
    assert len(out.events) == 1
    state_a: PageState = out.state  # ... and one of ``after``
    assert len(process_snapshot(state_a, form.snapshot(before, 2)).events) == 1
    afters = cycle([form.snapshot(fresh(after), 3) for _ in range(COPIES)])
    befores = cycle([form.snapshot(fresh(before), 3) for _ in range(COPIES)])
    sames = cycle([form.snapshot(fresh(after), 3) for _ in range(COPIES)])
    noisy = cycle([form.snapshot(form.make(n, n // 2, noise=k + 1), 3) for k in range(COPIES)])
    bodies = cycle([fresh(after) for _ in range(COPIES)])
    flip = cycle([True, False])

    def changed() -> None:
        out = (
            process_snapshot(state_b, next(afters))
            if next(flip)
            else process_snapshot(state_a, next(befores))
        )
        assert out.status == "changed", out.status
        assert len(out.events) == 1

    def same_bytes() -> None:
        assert process_snapshot(state_a, next(sames)).status == "unchanged"

    def rerendered() -> None:
        out = process_snapshot(state_a, next(noisy))
        assert out.status == "unchanged", out.status
        assert out.parser == first.parser

    found = {
        "bare": (lambda: LexborHTMLParser(next(bodies)), 20),
        "changed": (changed, 10),
        "same bytes": (same_bytes, 200),
        "re-rendered": (rerendered, 10),
    }
    return n, len(after.encode()), found


def interleaved(
    named: dict[str, tuple[Callable[[], object], int]], rounds: int
) -> dict[str, list[float]]:
    """CPU seconds per call, one sample per figure per round, figures in turn."""
    samples: dict[str, list[float]] = {name: [] for name in named}
    for fn, inner in named.values():
        for _ in range(inner):
            fn()  # warm up (and fill caches as a running worker has them)
    for _ in range(rounds):
        for name, (fn, inner) in named.items():
            start = time.process_time()
            for _ in range(inner):
                fn()
            samples[name].append((time.process_time() - start) / inner)
    return samples


def spread(values: list[float]) -> str:
    q = statistics.quantiles(values, n=4) if len(values) > 1 else values * 3
    return f"IQR {q[0]:.2f}-{q[2]:.2f}"


def report(form: Form, rounds: int) -> None:
    n, size, named = cases(form)
    s = interleaved(named, rounds)
    med = {name: statistics.median(v) for name, v in s.items()}
    print(f"\n[{form.name}] {size / 1024:.0f} KiB, {n} entries, {form.content_type}")
    for name in named:
        print(f"  {name:12s} {med[name] * 1e3:8.3f} ms  (median of {rounds})")
    per_round = [b / c for b, c in zip(s["bare"], s["changed"], strict=True)]
    print(
        f"  throughput parse+diff / bare parse = {med['bare'] / med['changed']:.2f}x "
        f"(per round {spread(per_round)}; target >= 0.70)"
    )
    for name in ("same bytes", "re-rendered"):
        per_round = [c / u for c, u in zip(s["changed"], s[name], strict=True)]
        print(
            f"  {name:12s} is {med['changed'] / med[name]:6.1f}x cheaper than changed "
            f"(per round {spread(per_round)}; target >= 20x)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=31)
    parser.add_argument("--forms", default=",".join(FORMS), help="comma-separated")
    args = parser.parse_args()
    print("baseline: LexborHTMLParser(body) on the same page, same run")
    for name in args.forms.split(","):
        report(FORMS[name], args.rounds)


if __name__ == "__main__":
    main()
