"""The statistical engine: spaCy NER, corrected and completed by the packaged rules.

spaCy's small model finds most names but mislabels many (a city as a person, a
surname as a place, an unfamiliar person as an organisation) and misses some
the tables know. Each model entity is trimmed ("the", possessive, leading
titles), split at titles and nationality words ("Kyiv Mayor X Y"), and
relabelled where a table or a closed word list is sure; confident rule
candidates the model missed are added. Linking and topics are shared with the
fast engine.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from streams.enrich.base import Enrichment, entry_text
from streams.enrich.fast import topic_hints
from streams.enrich.gazetteer import Canon, Gazetteer, load_gazetteer
from streams.enrich.linking import link_entities
from streams.enrich.rules import CONFIDENT_REASONS, Candidate, find_candidates, is_title
from streams.enrich.spacy_model import load_ner, model_version
from streams.enrich.topics import TopicClassifier, load_classifier
from streams.enrich.version import RULES_VERSION
from streams.enrich.words import DEMONYMS, FIRST_NAMES, LOC_SUFFIXES, ORG_SUFFIXES, STOP_CAPITALS

__all__ = ["SPACY_LABELS", "StatisticalEngine", "reconcile"]

#: spaCy (OntoNotes) label -> ours; everything else (DATE, MONEY, ...) is dropped.
SPACY_LABELS = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "NORP",
    "EVENT": "EVENT",
}
_BATCH = 64
_TRAILING = ".,;:-–—'\"’”)"
_LEADING = "\"'“‘("


class StatisticalEngine:
    name = "statistical"

    def __init__(
        self,
        nlp: Any = None,
        gazetteer: Gazetteer | None = None,
        classifier: TopicClassifier | None = None,
    ) -> None:
        self.nlp = nlp if nlp is not None else load_ner()
        self.gazetteer = gazetteer or load_gazetteer()
        self.classifier = classifier or load_classifier()
        self.version = f"statistical/{RULES_VERSION}+{model_version(self.nlp)}"

    def analyze(self, title: str, body: str) -> Enrichment:
        return self.analyze_many([(title, body)])[0]

    def analyze_many(self, items: Iterable[tuple[str, str]]) -> list[Enrichment]:
        items = list(items)
        texts = [entry_text(title, body) for title, body in items]
        results = []
        for (title, body), text, doc in zip(
            items, texts, self.nlp.pipe(texts, batch_size=_BATCH), strict=True
        ):
            ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
            candidates, acronyms = find_candidates(text, self.gazetteer)
            mentions = reconcile(text, ents, candidates, self.gazetteer)
            entities = link_entities(text, mentions, acronyms)
            topics = self.classifier.classify(title, body, topic_hints(mentions))
            results.append(Enrichment(entities, topics))
        return results


def reconcile(
    text: str, ents: list[tuple[int, int, str]], candidates: list[Candidate], gaz: Gazetteer
) -> list[Candidate]:
    """Model entities, corrected; plus confident rule candidates the model missed."""
    out: list[Candidate] = []
    for start, end, raw in ents:
        label = SPACY_LABELS.get(raw)
        if label is not None:
            out.extend(_parts(text, *_trim(text, start, end), label, gaz))
    for c in candidates:
        overlapping = [m for m in out if m.start < c.end and c.start < m.end]
        if not overlapping:
            if not c.label or c.reason in CONFIDENT_REASONS:
                out.append(c)
        elif c.reason in ("gaz", "defined") and _strictly_covers(c, overlapping):
            out = [m for m in out if m not in overlapping]
            out.append(c)
    return out


def _strictly_covers(c: Candidate, parts: list[Candidate]) -> bool:
    inside = all(c.start <= m.start and m.end <= c.end for m in parts)
    return inside and any((m.start, m.end) != (c.start, c.end) for m in parts)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the", quotes, a possessive and trailing punctuation; stay on one line."""
    newline = text.find("\n", start, end)
    if newline != -1:
        end = newline
    while start < end and text[start] in _LEADING:
        start += 1
    if text.startswith(("the ", "The ", "THE "), start) and end - start > 4:
        start += 4
    while end > start and text[end - 1] in _TRAILING:
        if text.endswith(("'s", "’s"), start, end):
            end -= 2
        else:
            end -= 1
    if text.endswith(("'s", "’s"), start, end):
        end -= 2
    return start, end


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, i = [], start
    for word in text[start:end].split(" "):
        if word:
            spans.append((i, i + len(word)))
        i += len(word) + 1
    return spans


def _parts(text: str, start: int, end: int, label: str, gaz: Gazetteer) -> list[Candidate]:
    """Split a model entity at titles and nationality words; resolve each part."""
    spans = _words(text, start, end)
    words = [text[a:b] for a, b in spans]
    parts: list[Candidate] = []
    piece: list[int] = []
    after_title = False
    for k, word in enumerate(words):
        if is_title(words, k) or (word in DEMONYMS and len(words) > 1 and _splits(words, k)):
            parts.extend(_resolve(text, spans, piece, label, after_title, gaz))
            if word in DEMONYMS:
                parts.append(Candidate(spans[k][0], spans[k][1], "NORP", "demonym"))
            after_title, piece = is_title(words, k), []
        else:
            piece.append(k)
    parts.extend(_resolve(text, spans, piece, label, after_title, gaz))
    return parts


def _splits(words: list[str], k: int) -> bool:
    """A nationality word splits an entity unless an organisation name follows it."""
    return words[-1] not in ORG_SUFFIXES


def _resolve(
    text: str,
    spans: list[tuple[int, int]],
    piece: list[int],
    label: str,
    after_title: bool,
    gaz: Gazetteer,
) -> list[Candidate]:
    if not piece:
        return []
    start, end = spans[piece[0]][0], spans[piece[-1]][1]
    surface = text[start:end]
    words = surface.split()
    if len(words) == 1 and (surface in STOP_CAPITALS or not surface[0].isupper()):
        return []
    if surface in DEMONYMS:
        return [Candidate(start, end, "NORP", "demonym")]
    canon = gaz.lookup(surface)
    if canon is not None:
        resolved = _with_table(surface, label, canon, gaz)
        if resolved:
            keep = canon if resolved == canon.label else None
            return [Candidate(start, end, resolved, "model+gaz", keep)]
    return [Candidate(start, end, _by_rules(words, label, after_title), "model")]


def _with_table(surface: str, label: str, canon: Canon, gaz: Gazetteer) -> str:
    """The label when a table knows the surface; "" to fall back to the model's."""
    if canon.label == "ORG" or canon.kind != "city":
        return canon.label
    if label == "LOC":
        return "LOC"
    if gaz.confident(surface, canon) and (label != "ORG" or canon.population >= 1_000_000):
        return "LOC"
    return ""


def _by_rules(words: list[str], label: str, after_title: bool) -> str:
    last = words[-1]
    if len(words) > 1 and label in ("PERSON", "LOC") and last in ORG_SUFFIXES:
        return "ORG"
    if len(words) > 1 and label == "PERSON" and last in LOC_SUFFIXES:
        return "LOC"
    if label in ("ORG", "LOC") and last not in ORG_SUFFIXES and last not in LOC_SUFFIXES:
        if after_title and len(words) <= 3:
            return "PERSON"
        if 2 <= len(words) <= 3 and words[0] in FIRST_NAMES:
            return "PERSON"
    return label
