"""IPTC Media Topics from a weighted lexicon (no model, no download).

Every lexicon hit adds its weight to its topic (a second-level hit to its parent
too); the title counts twice, because headlines say what a story is about.
Organisations from the packaged table add a hint ("FIFA" -> sport). Scores are
shares of the evidence, damped when there is little of it, so they sit in
[0, 1]; a second-level topic never outscores its parent, so the first topic is
always the best top-level one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

from streams.enrich.lexicon import SUBTOPICS, TERMS, TOP_LEVEL
from streams.models import Topic

__all__ = ["TopicClassifier", "load_classifier"]

_WORD = re.compile(r"[a-z0-9]+(?:[-'’&][a-z0-9]+)*")
_TITLE_WEIGHT = 3.0
_HINT_WEIGHT = 2.0
#: Evidence (summed weights) at which the best topic's score reaches one half of its share.
_DAMPING = 3.0
_MIN_SCORE = 0.05
_MAX_TOP_LEVEL = 4
_MIN_SUBTOPIC_EVIDENCE = 2.0
_PREFIX_CACHE = 50_000

Hit = tuple[str, float]


class TopicClassifier:
    """Compiled lexicon: words, ``prefix*`` terms and multi-word phrases."""

    def __init__(self, terms: dict[str, dict[float, str]]) -> None:
        self.words: dict[str, list[Hit]] = defaultdict(list)
        self.prefixes: dict[str, list[Hit]] = defaultdict(list)
        self.phrases: dict[str, list[tuple[tuple[str, ...], str, float]]] = defaultdict(list)
        for target, tiers in terms.items():
            if target not in TOP_LEVEL and target not in SUBTOPICS:
                raise ValueError(f"lexicon target {target!r} is not a known Media Topic")
            for weight, blob in tiers.items():
                for term in blob.split():
                    self._add(term, target, float(weight))
        self.prefix_lengths = sorted({len(p) for p in self.prefixes})
        # token -> its hits, for tokens that are not whole lexicon words: the prefix search
        # is the classifier's main cost and news repeats its words. Bounded: cleared when full.
        self._by_prefix: dict[str, Sequence[Hit]] = {}

    def _add(self, term: str, target: str, weight: float) -> None:
        if "_" in term:
            first, *rest = term.split("_")
            self.phrases[first].append((tuple(rest), target, weight))
        elif term.endswith("*"):
            self.prefixes[term[:-1]].append((target, weight))
        else:
            self.words[term].append((target, weight))

    def evidence(self, text: str, scale: float, into: dict[str, float]) -> None:
        """Add the weighted hits of ``text`` to ``into`` (target -> evidence)."""
        tokens = _WORD.findall(text.lower())
        words, by_prefix = self.words, self._by_prefix
        for i, token in enumerate(tokens):
            hits = words.get(token) or by_prefix.get(token)
            if hits is None:
                hits = self._prefix_hits(token)
            for target, weight in hits:
                into[target] += weight * scale
            for rest, target, weight in self.phrases.get(token, ()):
                if _phrase_at(tokens, i + 1, rest):
                    into[target] += weight * scale

    def _prefix_hits(self, token: str) -> Sequence[Hit]:
        hits: Sequence[Hit] = ()
        for size in self.prefix_lengths:
            if size > len(token):
                break
            hits = self.prefixes.get(token[:size], ())
            if hits:
                break
        if len(self._by_prefix) >= _PREFIX_CACHE:
            self._by_prefix.clear()
        self._by_prefix[token] = hits
        return hits

    def classify(self, title: str, body: str, hints: Iterable[str] = ()) -> tuple[Topic, ...]:
        """Topics best first: top-level ones with enough evidence, then their children."""
        raw: dict[str, float] = defaultdict(float)
        self.evidence(title, _TITLE_WEIGHT, raw)
        self.evidence(body, 1.0, raw)
        for code in hints:
            raw[code] += _HINT_WEIGHT
        return self._topics(raw)

    def _topics(self, raw: dict[str, float]) -> tuple[Topic, ...]:
        top = {code: raw[code] for code in TOP_LEVEL if raw.get(code, 0.0) > 0.0}
        total = sum(top.values())
        if not total:
            return ()
        confidence = total / (total + _DAMPING)
        ranked = sorted(top.items(), key=lambda kv: (-kv[1], kv[0]))[:_MAX_TOP_LEVEL]
        scores = {code: round(value / total * confidence, 3) for code, value in ranked}
        topics: list[Topic] = []
        for code, score in scores.items():
            if score < _MIN_SCORE and topics:
                continue
            topics.append(Topic(id=f"medtop:{code}000000", label=TOP_LEVEL[code], score=score))
            topics.extend(self._children(code, score, raw))
        return tuple(sorted(topics, key=lambda t: (-t.score, t.level)))

    def _children(self, code: str, score: float, raw: dict[str, float]) -> list[Topic]:
        found = []
        for sub, (parent, label, level) in SUBTOPICS.items():
            evidence = raw.get(sub, 0.0)
            if parent != code or evidence < _MIN_SUBTOPIC_EVIDENCE:
                continue
            share = min(1.0, evidence / raw[code]) if raw[code] else 0.0
            sub_score = round(score * share * 0.95, 3)
            if sub_score >= _MIN_SCORE:
                found.append(Topic(id=f"medtop:{sub}", label=label, score=sub_score, level=level))
        return found


def _phrase_at(tokens: list[str], i: int, rest: tuple[str, ...]) -> bool:
    """Do ``tokens[i:]`` start with ``rest`` (whose last word may end in ``*``)?"""
    if len(tokens) - i < len(rest):
        return False
    for k, word in enumerate(rest):
        token = tokens[i + k]
        if word.endswith("*") and k == len(rest) - 1:
            if not token.startswith(word[:-1]):
                return False
        elif token != word:
            return False
    return True


@lru_cache(maxsize=1)
def load_classifier() -> TopicClassifier:
    return TopicClassifier(TERMS)
