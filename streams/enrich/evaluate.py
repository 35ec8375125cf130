"""Score engines on a labelled set: entity P/R/F1 and IPTC top-level top-1 accuracy.

The entries go through the real path (a LiveBlogPosting page -> parse -> diff
-> enrich) and the events are scored by the issue's rule: per entry, an entity
matches a gold one with the same label and the same surface, case-insensitive,
a leading "the" ignored; only PERSON, ORG and LOC count. ``spacy`` is the
baseline: en_core_web_sm alone, GPE/LOC/FAC mapped to LOC, deduplicated by surface.

    python -m streams.enrich.evaluate                     # every engine, dev and test halves
    python -m streams.enrich.evaluate tests/data/enrich/dev.jsonl --engine fast --errors
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from streams.enrich.base import Engine, Enrichment, enrich_events, entry_text
from streams.enrich.labelled import (
    GOLD_LABELS,
    LabelledEntry,
    load_labelled,
    normalise,
    page_snapshot,
)
from streams.enrich.registry import get_engine
from streams.models import Entity, EntryEvent
from streams.pipeline import process_snapshot

#: The labelled sets in a source checkout (the default files).
DATA_DIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "enrich"
#: The sets: dev is for tuning, test is only scored; blind and fresh were written and scored
#: before either engine saw them (then committed: regression checks from then on).
HALVES = {
    "dev": ("dev.txt", "dev.jsonl"),
    "test": ("test.txt", "test.jsonl"),
    "blind": ("blind.jsonl",),
    "fresh": ("fresh.jsonl",),
    "fresh2": ("fresh2.jsonl",),
    "fresh3": ("fresh3.jsonl",),
    "fresh4": ("fresh4.jsonl",),
}

__all__ = ["HALVES", "Score", "SpacyAlone", "evaluate", "main", "merge", "predicted_pairs"]


@dataclass(slots=True)
class Score:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    topics_right: int = 0
    entries: int = 0
    errors: list[str] = field(default_factory=list)

    def prf(self, label: str | None = None) -> tuple[float, float, float]:
        labels = [label] if label else list(GOLD_LABELS)
        tp = sum(self.tp[x] for x in labels)
        fp = sum(self.fp[x] for x in labels)
        fn = sum(self.fn[x] for x in labels)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def topic_accuracy(self) -> float:
        return self.topics_right / self.entries if self.entries else 0.0


class SpacyAlone:
    """The baseline: spaCy's entities as they come, no rules, no topics."""

    name = "spacy"

    def __init__(self) -> None:
        from streams.enrich.spacy_model import load_ner, model_version

        self.nlp = load_ner()
        self.version = f"spacy/{model_version(self.nlp)}"

    def analyze(self, title: str, body: str) -> Enrichment:
        return self.analyze_many([(title, body)])[0]

    def analyze_many(self, items: Iterable[tuple[str, str]]) -> list[Enrichment]:
        mapping = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
        results = []
        for doc in self.nlp.pipe([entry_text(t, b) for t, b in items]):
            seen: dict[str, Entity] = {}
            for e in doc.ents:
                if e.label_ in mapping and e.text not in seen:
                    seen[e.text] = Entity(
                        text=e.text, label=mapping[e.label_], start=e.start_char, end=e.end_char
                    )
            results.append(Enrichment(tuple(seen.values())))
        return results


def replay_events(entries: list[LabelledEntry], engine: Engine) -> dict[str, EntryEvent]:
    """Entry id -> its enriched ``entry.new`` event, through parse -> diff -> enrich."""
    outcome = process_snapshot(None, page_snapshot(entries))
    events = enrich_events(outcome.events, engine)
    return {e.entry_id.rsplit("#", 1)[-1]: e for e in events}


def predicted_pairs(event: EntryEvent, all_mentions: bool) -> set[tuple[str, str]]:
    """(normalised surface, label) pairs an event claims, by the entry's convention."""
    if not all_mentions:
        return {(normalise(e.text), e.label) for e in event.entities if e.label in GOLD_LABELS}
    text = entry_text(event.title, event.body)
    return {
        (normalise(text[start:end]), e.label)
        for e in event.entities
        if e.label in GOLD_LABELS
        for start, end in (e.mentions or ((e.start, e.end),))
    }


def score_entry(score: Score, entry: LabelledEntry, event: EntryEvent | None) -> None:
    predicted = predicted_pairs(event, entry.all_mentions) if event is not None else set()
    for item in predicted & entry.gold:
        score.tp[item[1]] += 1
    for item in predicted - entry.gold:
        score.fp[item[1]] += 1
        score.errors.append(f"{entry.id} FP {item[1]:6} {item[0]}")
    for item in entry.gold - predicted:
        score.fn[item[1]] += 1
        score.errors.append(f"{entry.id} FN {item[1]:6} {item[0]}")
    top = next((t for t in (event.topics if event else ()) if t.level == 1), None)
    score.entries += 1
    if top is not None and top.id == f"medtop:{entry.topic}000000":
        score.topics_right += 1
    else:
        got = top.label if top else "none"
        score.errors.append(f"{entry.id} TOPIC want {entry.topic} got {got}")


def evaluate(entries: list[LabelledEntry], engine: Engine) -> Score:
    events = replay_events(entries, engine)
    score = Score()
    for entry in entries:
        score_entry(score, entry, events.get(entry.id))
    return score


def _engine(name: str) -> Engine:
    return SpacyAlone() if name == "spacy" else get_engine(name)


def merge(scores: Iterable[Score]) -> Score:
    """One score over several sets (counts added up)."""
    total = Score()
    for score in scores:
        total.tp.update(score.tp)
        total.fp.update(score.fp)
        total.fn.update(score.fn)
        total.topics_right += score.topics_right
        total.entries += score.entries
        total.errors.extend(score.errors)
    return total


def _line(engine: str, where: str, score: Score) -> str:
    p, r, f = score.prf()
    per_label = "  ".join(f"{x} {score.prf(x)[2]:.3f}" for x in GOLD_LABELS)
    return (
        f"{engine:12} {where:16} n {score.entries:3}  P {p:.3f} R {r:.3f} F1 {f:.3f}  "
        f"topic top-1 {score.topic_accuracy:.3f}  (F1 {per_label})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="default: the dev and test halves")
    parser.add_argument("--engine", action="append", choices=["statistical", "fast", "spacy"])
    parser.add_argument("--errors", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    if args.files:
        groups = {"files": [(str(p), p) for p in args.files]}
    else:
        groups = {h: [(n, DATA_DIR / n) for n in names] for h, names in HALVES.items()}
    for name in args.engine or ["spacy", "statistical", "fast"]:
        engine = _engine(name)
        for half, files in groups.items():
            scores = []
            for label, path in files:
                scores.append(evaluate(load_labelled(path), engine))
                print(_line(name, label, scores[-1]))
                if args.errors:
                    print("\n".join(f"    {line}" for line in scores[-1].errors))
            if len(scores) > 1:
                print(_line(name, f"{half} (all)", merge(scores)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
