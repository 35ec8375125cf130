"""Build ``examples/snapshots.jsonl``: six fetches of one invented live blog.

The text is written for this project (no real outlet's copy). The sequence
exercises every rule a new user should see:

1. 08:00  first fetch: four entries -> four ``entry.new``
2. 08:10  same entries, page chrome re-rendered (token, "last updated", spacing) -> nothing
3. 08:20  a new entry, a corrected figure in one entry, one entry retracted
          -> ``entry.new``, ``entry.edited``, ``entry.removed``
4. 08:30  a new entry; the oldest rolls off the end of page one -> one ``entry.new`` only
5. 08:10  the second fetch delivered again, late -> stale, nothing
6. 08:30  the fourth fetch delivered twice -> duplicate, nothing

Run ``python examples/build_example.py`` after editing; a test checks the file is current.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

PAGE = "https://news.example.org/live/storm-ingrid-live-updates"
HERE = Path(__file__).parent

ENTRIES = {
    "flood-warning": (
        "2026-02-14T06:40:00Z",
        "Highest flood warning issued for the Elbe at Dresden",
        [
            "The German Weather Service raised its warning for Saxony to the highest level "
            "overnight as Storm Ingrid pushed heavy rain over the Ore Mountains.",
            "Forecasters expect the Elbe at Dresden to rise above seven metres by Sunday.",
        ],
    ),
    "rail": (
        "2026-02-14T07:05:00Z",
        "Deutsche Bahn halts long-distance trains between Berlin and Hamburg",
        [
            "Deutsche Bahn said fallen trees had blocked the line near Wittenberge and that "
            "no long-distance trains would run before noon.",
            "Passengers with tickets for Saturday can use them until Tuesday.",
        ],
    ),
    "evacuation": (
        "2026-02-14T07:30:00Z",
        "Meissen evacuates riverside homes",
        [
            "Authorities in Meissen asked about 1,200 residents of the old town to leave "
            "their homes as the river kept rising.",
            "Mayor Olaf Brenner said emergency shelters had opened in two schools.",
        ],
    ),
    "airport": (
        "2026-02-14T07:50:00Z",
        "Hamburg Airport cancels dozens of flights",
        [
            "Hamburg Airport cancelled 48 departures on Saturday morning because of gusts of "
            "up to 110 kilometres per hour.",
            "Lufthansa advised travellers to check their booking before leaving home.",
        ],
    ),
    "dike": (
        "2026-02-14T08:15:00Z",
        "Volunteers reinforce dike near Magdeburg",
        [
            "Hundreds of volunteers filled sandbags along the Elbe north of Magdeburg, where "
            "the Federal Agency for Technical Relief (THW) set up pumps.",
        ],
    ),
    "chancellor": (
        "2026-02-14T08:25:00Z",
        "Chancellor promises federal aid for flood regions",
        [
            "Speaking in Berlin, the chancellor said the federal government would help "
            "Saxony and Saxony-Anhalt pay for the damage.",
            "The European Commission said it was ready to mobilise the EU Solidarity Fund.",
        ],
    ),
}

CORRECTED = {
    "evacuation": [
        "Authorities in Meissen asked about 2,100 residents of the old town to leave "
        "their homes as the river kept rising.",
        "Mayor Olaf Brenner said emergency shelters had opened in two schools.",
    ],
}


def render(ids: list[str], *, token: str, updated: str, corrected: bool = False) -> str:
    """A live-blog page, newest first: JSON-LD for machines, HTML for people."""
    updates = []
    articles = []
    for key in ids:
        published, title, paragraphs = ENTRIES[key]
        if corrected and key in CORRECTED:
            paragraphs = CORRECTED[key]
        url = f"{PAGE}#{key}"
        updates.append(
            {
                "@type": "BlogPosting",
                "url": url,
                "headline": title,
                "datePublished": published,
                "articleBody": "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs),
            }
        )
        body = "".join(f"\n      <p>{html.escape(p)}</p>" for p in paragraphs)
        articles.append(
            f'    <article class="liveblog-entry" id="{key}">\n'
            f"      <h2>{html.escape(title)}</h2>\n"
            f'      <time datetime="{published}"></time>{body}\n'
            f"    </article>"
        )
    ld = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "url": PAGE,
        "headline": "Storm Ingrid: live updates",
        "description": "Floods, cancellations and evacuations across northern Germany.",
        "datePublished": "2026-02-14T06:30:00Z",
        "dateModified": updated,
        "liveBlogUpdate": updates,
    }
    script = json.dumps(ld, indent=1, ensure_ascii=False)
    return (
        '<!doctype html>\n<html lang="en"><head>\n'
        "  <title>Storm Ingrid: live updates</title>\n"
        f'  <meta name="csrf-token" content="{token}">\n'
        f'  <script type="application/ld+json">{script}</script>\n'
        "</head><body>\n"
        '  <nav><a href="/">Home</a> <a href="/weather">Weather</a></nav>\n'
        f'  <p class="updated">Last updated {updated}</p>\n'
        '  <main class="liveblog">\n' + "\n".join(articles) + "\n  </main>\n"
        "</body></html>\n"
    )


def envelope(fetched_at: str, body: str, snapshot_id: str) -> str:
    return json.dumps(
        {
            "url": PAGE,
            "fetched_at": fetched_at,
            "content_type": "text/html; charset=utf-8",
            "status": 200,
            "snapshot_id": snapshot_id,
            "body": body,
        },
        ensure_ascii=False,
    )


def build() -> str:
    first = ["airport", "evacuation", "rail", "flood-warning"]
    third = ["dike", "airport", "evacuation", "flood-warning"]  # "rail" retracted
    fourth = ["chancellor", "dike", "airport", "evacuation"]  # "flood-warning" rolls off
    s1 = render(first, token="a81f", updated="2026-02-14T07:50:00Z")
    s2 = render(first, token="c07d", updated="2026-02-14T08:05:00Z").replace("\n", "\n  ")
    s3 = render(third, token="19be", updated="2026-02-14T08:15:00Z", corrected=True)
    s4 = render(fourth, token="5e2a", updated="2026-02-14T08:25:00Z", corrected=True)
    lines = [
        envelope("2026-02-14T08:00:00Z", s1, "fetch-1"),
        envelope("2026-02-14T08:10:00Z", s2, "fetch-2"),
        envelope("2026-02-14T08:20:00Z", s3, "fetch-3"),
        envelope("2026-02-14T08:30:00Z", s4, "fetch-4"),
        envelope("2026-02-14T08:10:00Z", s2, "fetch-2"),
        envelope("2026-02-14T08:30:00Z", s4, "fetch-4"),
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    (HERE / "snapshots.jsonl").write_text(build(), encoding="utf-8")
