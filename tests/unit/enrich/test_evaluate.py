"""The scoring rule of the issue, and the labelled-set formats and page that feed it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from streams.enrich import Enrichment
from streams.enrich.evaluate import DATA_DIR, HALVES, Score, evaluate, predicted_pairs, score_entry
from streams.enrich.labelled import LabelledEntry, load_labelled, normalise, page_snapshot
from streams.models import Entity, EntryEvent, Topic
from streams.pipeline import process_snapshot


def test_normalise_is_case_insensitive_and_ignores_a_leading_the() -> None:
    assert normalise("The  United\nStates") == "united states"
    assert normalise("the US") == normalise("US") == "us"
    assert normalise("The Hague") == "hague"
    assert normalise("Theresa May") == "theresa may"
    assert normalise("Sainsbury’s") == "sainsbury's"


class Fixed:
    """An engine that returns what it is told, to test the scorer alone."""

    name = "fixed"
    version = "fixed/0"

    def __init__(self, result: Enrichment) -> None:
        self.result = result

    def analyze(self, title: str, body: str) -> Enrichment:
        return self.result

    def analyze_many(self, items: Iterable[tuple[str, str]]) -> list[Enrichment]:
        return [self.result for _ in items]


TITLE, BODY = "Rain in Lima", "The UN said Ana Ruiz met the UN team. Ruiz left Lima."
TEXT = TITLE + "\n\n" + BODY


def entity(surface: str, label: str, *occurrences: int) -> Entity:
    spans = []
    start = -1
    for _ in range(max(occurrences, default=0) + 1):
        start = TEXT.index(surface, start + 1)
        spans.append((start, start + len(surface)))
    chosen = tuple(spans[i] for i in occurrences) if occurrences else (spans[0],)
    return Entity(text=surface, label=label, start=chosen[0][0], end=chosen[0][1], mentions=chosen)


def event(entities: tuple[Entity, ...], topic: str = "17") -> EntryEvent:
    return EntryEvent(
        type="entry.new",
        event_id="x",
        page_url="https://e.example/live",
        entry_id="https://e.example/live#1",
        revision=1,
        title=TITLE,
        body=BODY,
        fetched_at=datetime(2026, 1, 1, tzinfo=UTC),
        content_hash="0" * 64,
        parser="jsonld",
        entities=entities,
        topics=(Topic(id=f"medtop:{topic}000000", label="x", score=0.5),),
    )


PERSON = Entity(
    text="Ana Ruiz",
    label="PERSON",
    start=TEXT.index("Ana Ruiz"),
    end=TEXT.index("Ana Ruiz") + 8,
    mentions=(
        (TEXT.index("Ana Ruiz"), TEXT.index("Ana Ruiz") + 8),
        (TEXT.index("Ruiz left"), TEXT.index("Ruiz left") + 4),
    ),
)


def test_mention_convention_scores_every_mention_surface() -> None:
    ents = (entity("Lima", "LOC", 0, 1), entity("UN", "ORG", 0, 1), PERSON)
    assert predicted_pairs(event(ents), all_mentions=True) == {
        ("lima", "LOC"),
        ("un", "ORG"),
        ("ana ruiz", "PERSON"),
        ("ruiz", "PERSON"),
    }
    assert predicted_pairs(event(ents), all_mentions=False) == {
        ("lima", "LOC"),
        ("un", "ORG"),
        ("ana ruiz", "PERSON"),
    }


def test_other_labels_do_not_count() -> None:
    assert predicted_pairs(event((entity("UN", "NORP"),)), all_mentions=True) == set()


def test_score_counts_tp_fp_fn_per_label_and_the_topic() -> None:
    gold = frozenset({("lima", "LOC"), ("ana ruiz", "PERSON"), ("ruiz", "PERSON"), ("un", "ORG")})
    entry = LabelledEntry("e1", "17", TITLE, BODY, gold, all_mentions=True)
    score = Score()
    score_entry(score, entry, event((entity("Lima", "LOC"), PERSON, entity("UN", "LOC"))))
    assert (score.tp["PERSON"], score.tp["LOC"], score.fp["LOC"], score.fn["ORG"]) == (2, 1, 1, 1)
    assert score.topic_accuracy == 1.0
    p, r, f = score.prf()
    assert (p, r) == (0.75, 0.75)
    assert f == pytest.approx(0.75)
    score_entry(score, entry, None)
    assert score.fn["LOC"] == 1
    assert score.topic_accuracy == 0.5


def test_both_file_formats_load(tmp_path: Path) -> None:
    txt = tmp_path / "a.txt"
    txt.write_text(
        "=== id: t1 | topic: 15\n[Real Madrid|ORG] win in [Madrid|LOC]\n"
        "Coach [Ana Ruiz|PERSON] was pleased.\n",
        encoding="utf-8",
    )
    jsonl = tmp_path / "a.jsonl"
    row = {
        "id": "j1",
        "title": "Rain in Lima",
        "body": "Floods.",
        "topic": "medtop:17000000",
        "entities": {"LOC": ["Lima"]},
    }
    jsonl.write_text(json.dumps(row) + "\n\n", encoding="utf-8")
    (t1,) = load_labelled(txt)
    assert (t1.title, t1.body, t1.topic, t1.all_mentions) == (
        "Real Madrid win in Madrid",
        "Coach Ana Ruiz was pleased.",
        "15",
        False,
    )
    assert t1.gold == {("real madrid", "ORG"), ("madrid", "LOC"), ("ana ruiz", "PERSON")}
    (j1,) = load_labelled(jsonl)
    assert (j1.topic, j1.gold, j1.all_mentions) == ("17", frozenset({("lima", "LOC")}), True)


def test_malformed_marks_and_topics_are_errors(tmp_path: Path) -> None:
    bad = tmp_path / "b.txt"
    bad.write_text("=== id: b1 | topic: 01\nTitle [Oops|MISC]\nBody\n", encoding="utf-8")
    with pytest.raises(ValueError, match="b1"):
        load_labelled(bad)
    bad_topic = tmp_path / "b.jsonl"
    bad_topic.write_text(
        json.dumps({"id": "x", "title": "t", "body": "b", "topic": "sport", "entities": {}}),
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="bad topic"):
        load_labelled(bad_topic)


@pytest.mark.parametrize("name", [n for names in HALVES.values() for n in names])
def test_labelled_text_survives_the_page_round_trip(name: str) -> None:
    """Gold surfaces are scored on the parsed events: the page must not change the text."""
    entries = load_labelled(DATA_DIR / name)
    assert len({e.id for e in entries}) == len(entries)
    outcome = process_snapshot(None, page_snapshot(entries))
    parsed = {e.entry_id.rsplit("#", 1)[-1]: (e.title, e.body) for e in outcome.events}
    assert parsed == {e.id: (e.title, e.body) for e in entries}
    for e in entries:
        text = (e.title + "\n\n" + e.body).lower()
        for surface, _ in e.gold:
            assert surface in text, (e.id, surface)


def test_evaluate_runs_an_engine_through_the_page() -> None:
    entries = load_labelled(DATA_DIR / "dev.jsonl")[:3]
    score = evaluate(entries, Fixed(Enrichment()))
    assert score.entries == 3
    assert sum(score.tp.values()) == 0
    assert sum(score.fn.values()) == sum(len(e.gold) for e in entries)
