"""Labelled news entries: the text format, and a LiveBlogPosting page built from them.

Two formats (see tests/data/enrich/README.md). ``.txt``: ``=== id: X | topic: NN``
starts an entry, the next line is the title, the rest the body; gold entities are
marked ``[surface|LABEL]`` once per canonical thing, scored against each entity's
``text``. ``.jsonl``: one entry per line with every distinct gold surface listed
(a full name and its later bare surname, a name and its acronym), scored against
the surfaces of all of an entity's mentions. The page is replayed through the
real parse -> diff path, exactly as a held-out check would feed ``streams replay``.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from streams.models import Snapshot

__all__ = ["GOLD_LABELS", "LabelledEntry", "load_labelled", "normalise", "page_snapshot"]

GOLD_LABELS = ("PERSON", "ORG", "LOC")
PAGE_URL = "https://eval.livediff.example/live/labelled"
_HEADER = re.compile(r"^=== id: (?P<id>[\w-]+) \| topic: (?P<topic>\d\d)\s*$")
_MARK = re.compile(r"\[([^\[\]|]+)\|(PERSON|ORG|LOC)\]")
_LEFTOVER = re.compile(r"\[[^\]]*\]")


@dataclass(frozen=True, slots=True)
class LabelledEntry:
    id: str
    topic: str
    title: str
    body: str
    gold: frozenset[tuple[str, str]]
    #: Score every mention's surface (``.jsonl``), not only each entity's ``text``.
    all_mentions: bool = False


def normalise(surface: str) -> str:
    """The matching rule: case-insensitive, one space, a leading "the" ignored."""
    text = " ".join(surface.replace("’", "'").split()).lower()
    return text[4:] if text.startswith("the ") else text


def _parse(entry_id: str, topic: str, lines: list[str]) -> LabelledEntry:
    raw = "\n".join(lines).strip()
    gold = frozenset((normalise(m.group(1)), m.group(2)) for m in _MARK.finditer(raw))
    plain = _MARK.sub(lambda m: m.group(1), raw)
    leftover = _LEFTOVER.search(plain)
    if leftover:
        raise ValueError(f"{entry_id}: malformed mark {leftover.group(0)!r}")
    title, _, body = plain.partition("\n")
    return LabelledEntry(entry_id, topic, title.strip(), body.strip(), gold)


def _load_jsonl(path: Path) -> list[LabelledEntry]:
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        gold = frozenset(
            (normalise(surface), label)
            for label in GOLD_LABELS
            for surface in row["entities"].get(label, ())
        )
        topic = str(row["topic"]).removeprefix("medtop:")[:2]
        if not topic.isdigit():
            raise ValueError(f"{path}:{number}: bad topic {row['topic']!r}")
        entries.append(LabelledEntry(row["id"], topic, row["title"], row["body"], gold, True))
    return entries


def load_labelled(path: Path) -> list[LabelledEntry]:
    """All entries of one labelled file (``.txt`` or ``.jsonl``), in file order."""
    if path.suffix == ".jsonl":
        return _load_jsonl(path)
    entries: list[LabelledEntry] = []
    header: re.Match[str] | None = None
    lines: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _HEADER.match(line)
        if match:
            if header:
                entries.append(_parse(header["id"], header["topic"], lines))
            header, lines = match, []
        elif header:
            lines.append(line)
    if header:
        entries.append(_parse(header["id"], header["topic"], lines))
    return entries


def page_snapshot(entries: list[LabelledEntry]) -> Snapshot:
    """One LiveBlogPosting page (JSON-LD) holding every entry, newest first."""
    start = datetime(2026, 3, 1, 6, 0, tzinfo=UTC)
    updates = [
        {
            "@type": "BlogPosting",
            "url": f"{PAGE_URL}#{e.id}",
            "headline": e.title,
            "datePublished": (start + timedelta(minutes=i)).isoformat(),
            "articleBody": "".join(
                f"<p>{html.escape(p.strip())}</p>" for p in e.body.split("\n\n") if p.strip()
            ),
        }
        for i, e in enumerate(entries)
    ]
    ld = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "url": PAGE_URL,
        "headline": "Labelled entries",
        "liveBlogUpdate": list(reversed(updates)),
    }
    body = (
        "<!doctype html><html><head><title>Labelled entries</title>"
        f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>'
        "</head><body><main></main></body></html>"
    )
    return Snapshot(
        url=PAGE_URL,
        fetched_at=start + timedelta(hours=2),
        content_type="text/html; charset=utf-8",
        body=body,
        status=200,
    )
