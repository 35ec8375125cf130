"""Quality floors on the held-out test half (never tuned on), a little under measured scores.

Scored exactly as ``python -m streams.enrich.evaluate`` does: the entries go through
a LiveBlogPosting page, parse -> diff -> enrich, and entities are matched by label and
surface (case-insensitive, leading "the" ignored). A drop below a floor is a regression.
"""

from __future__ import annotations

import pytest

from streams.enrich import get_engine
from streams.enrich.evaluate import DATA_DIR, HALVES, Score, SpacyAlone, evaluate, merge
from streams.enrich.labelled import load_labelled

#: engine -> (entity F1, topic top-1) floors on the test half (both files together).
FLOORS = {"statistical": (0.88, 0.92), "fast": (0.86, 0.92)}


def score_test_half(engine_name: str) -> Score:
    engine = SpacyAlone() if engine_name == "spacy" else get_engine(engine_name)
    return merge(evaluate(load_labelled(DATA_DIR / name), engine) for name in HALVES["test"])


@pytest.fixture(scope="module")
def spacy_alone() -> Score:
    return score_test_half("spacy")


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_engine_meets_its_floor_on_the_test_half(name: str) -> None:
    score = score_test_half(name)
    f1_floor, topic_floor = FLOORS[name]
    assert score.entries >= 80
    assert score.prf()[2] >= f1_floor, score.errors
    assert score.topic_accuracy >= topic_floor, [e for e in score.errors if "TOPIC" in e]


def test_statistical_engine_beats_spacy_alone(spacy_alone: Score) -> None:
    ours = score_test_half("statistical")
    assert ours.prf()[2] >= spacy_alone.prf()[2] + 0.05
    for label in ("PERSON", "ORG", "LOC"):
        assert ours.prf(label)[2] >= spacy_alone.prf(label)[2], label
