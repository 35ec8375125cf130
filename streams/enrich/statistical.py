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

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from streams.enrich.base import Enrichment, entry_text
from streams.enrich.fast import topic_hints
from streams.enrich.gazetteer import Canon, Gazetteer, load_gazetteer
from streams.enrich.linking import clubs_in_sport, link_entities
from streams.enrich.rules import (
    CONFIDENT_REASONS,
    LOWER_TITLES,
    NATURE_NOUNS,
    NOT_ALONE,
    PLACE_COMPOUNDS,
    PLACE_OF,
    PLACE_PREPOSITIONS,
    Candidate,
    find_candidates,
    is_title,
    space_centre,
    title_cased,
    two_orgs,
)
from streams.enrich.spacy_model import load_ner, model_version
from streams.enrich.topics import TopicClassifier, load_classifier
from streams.enrich.version import RULES_VERSION
from streams.enrich.words import (
    CONNECTORS,
    DEMONYMS,
    FIRST_NAMES,
    GEO_NOUNS,
    LOC_HEADS,
    LOC_SUFFIXES,
    ORG_HEADS,
    ORG_SUFFIXES,
    PERSON_TITLES,
    SPEECH_VERBS,
    THING_WORDS,
    TITLE_MODIFIERS,
    given_name,
)

__all__ = ["MAX_MODEL_CHARS", "SPACY_LABELS", "StatisticalEngine", "reconcile"]

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
#: Longer model entities are not names; bounds the overlap search.
_LONGEST_PART = 300
#: The model reads at most this much of an entry (spaCy refuses texts over its
#: max_length, and a live-blog entry this long is a parse accident); the rules
#: still read all of it.
MAX_MODEL_CHARS = 100_000
#: Generic name words the model tags alone ("Agency", "Commission"): never an entity alone.
_GENERIC = (TITLE_MODIFIERS | ORG_SUFFIXES | LOC_SUFFIXES | ORG_HEADS) - frozenset(
    ("Congress", "Senate", "Parliament", "Labour", "Labor", "Cabinet", "Bundestag")
)
#: Title words that may open a model entity ("General Jens Roe" after "Secretary").
_LEADING_TITLES = PERSON_TITLES | TITLE_MODIFIERS
#: Lower-case words that may begin a person's name ("de Gaulle", "van Gogh").
_PARTICLES = CONNECTORS - frozenset(("of", "for", "and", "the", "on", "&", "y"))
_TRAILING = ".,;:-–—'\"’”)"
#: Last words of venues the model calls organisations ("Ulker Sports Arena").
_VENUES = frozenset(
    ("Stadium", "Arena", "Ground", "Airport", "Oval", "Circuit", "Velodrome", "Park", "Dam",
     "Reservoir", "Bridge", "Palace")
)  # fmt: skip
#: Name endings written with a full stop.
_ABBREVIATED = (" Jr", " Sr")
#: A score or figure after a name ("7-6", "2-0", "3.5"): no part of it.
_SCORE = re.compile(r"[\d.,:–—-]+")
#: First words of organisation names that are never a given name.
_NOT_GIVEN = frozenset(
    ("World", "Global", "International", "National", "United", "Royal", "Federal", "Free",
     "Open", "Public", "Human", "Red", "Green", "Amnesty", "Save", "Doctors", "Reporters")
)  # fmt: skip
#: "-based", "-born", ... right after a name: the name is a place ("Kigali-based").
_COMPOUND = re.compile("-(?:" + "|".join(sorted(PLACE_COMPOUNDS)) + r")\b")
#: An all-capitals acronym: an organisation, never a person ("JAXA").
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,6}$")
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
            items,
            texts,
            self.nlp.pipe((_model_text(t) for t in texts), batch_size=_BATCH),
            strict=True,
        ):
            ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
            lower = {t.text for t in doc if t.is_lower}
            headline = len(title) if title_cased(title) else 0
            candidates, acronyms = find_candidates(text, self.gazetteer, headline)
            if headline:
                ents = [e for e in ents if e[0] >= headline or text[e[0] : e[1]] in body]
            mentions = reconcile(text, ents, candidates, self.gazetteer, lower)
            entities = link_entities(text, mentions, acronyms)
            topics = self.classifier.classify(title, body, topic_hints(mentions))
            results.append(Enrichment(clubs_in_sport(text, entities, topics), topics))
        return results


def reconcile(
    text: str,
    ents: list[tuple[int, int, str]],
    candidates: list[Candidate],
    gaz: Gazetteer,
    lower: frozenset[str] | set[str] = frozenset(),
) -> list[Candidate]:
    """Model entities, corrected; plus confident rule candidates the model missed.

    ``lower``: the text's all-lower-case words; a one-word model entity that the
    text also writes in lower case ("Births fell ... births") is a common noun.
    """
    out: list[Candidate] = []
    by_span = {(c.start, c.end): c for c in candidates}
    for start, end, raw in ents:
        label = SPACY_LABELS.get(raw)
        if label is not None:
            start, end = _trim(text, start, end)
            if label == "ORG":
                start = _office_start(text, start, end)
            if text[start:end].lower() in lower:
                continue
            out.extend(_parts(text, start, end, label, gaz, _context(text, start, end)))
    out = sorted((_agree(m, by_span.get((m.start, m.end))) for m in out), key=lambda m: m.start)
    starts = [m.start for m in out]
    removed: set[int] = set()
    added: list[Candidate] = []
    for c in candidates:
        overlapping = _overlapping(out, starts, c)
        if not overlapping:
            if not c.label or c.reason in CONFIDENT_REASONS:
                added.append(c)
        elif (
            c.label and c.reason in _COVERING and _strictly_covers(c, [out[k] for k in overlapping])
        ):
            removed.update(overlapping)
            added.append(c)
    kept = [m for k, m in enumerate(out) if k not in removed] + added
    return _coordinated_places(text, _demonym_names(text, kept), gaz)


def _demonym_names(text: str, found: list[Candidate]) -> list[Candidate]:
    """ "The European Automobile Manufacturers' Association": a nationality word right
    after "the" and right before an organisation the model found (ending in "Association",
    "Agency", ...) opens its name; "the Brazilian Amazon" stays as it is."""
    by_start = {c.start: c for c in found if c.label == "ORG"}
    out: list[Candidate] = []
    joined: set[int] = set()
    for c in sorted(found, key=lambda c: c.start):
        org = by_start.get(c.end + 1) if c.label == "NORP" else None
        named = org is not None and text[org.start : org.end].split()[-1] in ORG_SUFFIXES
        if named and text[c.end] == " " and text[max(0, c.start - 4) : c.start] in ("the ", "The "):
            assert org is not None
            out.append(Candidate(c.start, org.end, "ORG", org.reason, org.canon))
            joined.add(id(org))
        elif id(c) not in joined:
            out.append(c)
    return out


def _coordinated_places(text: str, found: list[Candidate], gaz: Gazetteer) -> list[Candidate]:
    """ "red alerts for Seville and Córdoba": a city the model called an organisation or a
    person, listed next to a place the tables know, is a place too."""
    ordered = sorted(found, key=lambda c: c.start)
    out = list(ordered)
    for k, c in enumerate(ordered):
        if c.label not in ("ORG", "PERSON") or c.canon is not None:
            continue
        surface = text[c.start : c.end]
        canon = gaz.lookup(surface)
        if canon is not None and (canon.label != "LOC" or canon.kind != "city"):
            continue
        if canon is None and not _unknown_town(text, ordered, k):
            continue
        neighbours = ordered[k - 1 : k] + ordered[k + 1 : k + 2]
        if any(_listed(text, c, n) for n in neighbours):
            out[k] = Candidate(c.start, c.end, "LOC", c.reason, canon)
    return out


def _unknown_town(text: str, ordered: list[Candidate], k: int) -> bool:
    """ "in Szentendre and Vac": one unknown word the model called a person, ending a list
    that a place preposition opens with a known place."""
    c = ordered[k]
    if k == 0 or c.label != "PERSON" or " " in text[c.start : c.end]:
        return False
    if text[c.start : c.end] in FIRST_NAMES:
        return False
    first = ordered[k - 1]
    before = text[max(0, first.start - 12) : first.start].split()
    return bool(before) and before[-1] in PLACE_PREPOSITIONS and first.canon is not None


def _listed(text: str, c: Candidate, other: Candidate) -> bool:
    """Are ``c`` and ``other`` (a place the tables know) items of one list?"""
    if other.label != "LOC" or other.canon is None:
        return False
    gap = text[c.end : other.start] if c.end <= other.start else text[other.end : c.start]
    return gap in (" and ", ", ", ", and ", " or ")


def _overlapping(out: list[Candidate], starts: list[int], c: Candidate) -> list[int]:
    """Indexes of the model's parts (sorted by start) that overlap ``c``; O(log n + k)."""
    found = []
    k = bisect_left(starts, c.end) - 1
    while k >= 0 and starts[k] >= c.start - _LONGEST_PART:
        if out[k].end > c.start:
            found.append(k)
        k -= 1
    return found


def _model_text(text: str) -> str:
    """At most MAX_MODEL_CHARS, cut at a space so no name is cut in two."""
    if len(text) <= MAX_MODEL_CHARS:
        return text
    return text[:MAX_MODEL_CHARS].rsplit(" ", 1)[0]


#: Rule names that replace the model's pieces when they cover them ("Bank of Korea").
_COVERING = frozenset({"gaz", "defined", "suffix", "title", "first_name"})


def _agree(m: Candidate, rule: Candidate | None) -> Candidate:
    """Same span: a title or given name before it makes it a person, whatever spaCy said."""
    named = rule is not None and rule.label == "PERSON" and rule.reason in ("title", "first_name")
    if named and m.canon is None and m.label in ("ORG", "LOC"):
        assert rule is not None
        return rule
    return m


@dataclass(frozen=True, slots=True)
class _Context:
    """The words around a model entity."""

    before: str
    after: str
    of_place: bool = False  # "the town of X", "X-based": a place by its words around it

    @property
    def titled(self) -> bool:
        return self.before in PERSON_TITLES or self.before in LOWER_TITLES

    @property
    def speech(self) -> bool:
        return self.before in SPEECH_VERBS or self.after in SPEECH_VERBS

    @property
    def named_thing(self) -> bool:
        return self.before in THING_WORDS  # "Typhoon Kalmaegi"

    @property
    def place(self) -> bool:
        return self.before in PLACE_PREPOSITIONS or self.after in GEO_NOUNS or self.of_place

    @property
    def inside(self) -> bool:
        """ "in X", "near X": where something happens, not who does it."""
        return self.before in ("in", "near", "outside", "across")


def _context(text: str, start: int, end: int) -> _Context:
    # Words across a line break belong to another paragraph ("... World Cup\n\nSpain").
    before = text[max(0, start - 40) : start].rpartition("\n")[2].split()
    after = text[end : end + 40].partition("\n")[0].split()
    word_after = after[0].strip(".,;:") if after else ""
    if word_after == "and" and len(after) > 2:
        word_after = after[2].strip(".,;:")  # "Kebbi and Bayelsa states"
    of_place = (len(before) > 1 and before[-1] == "of" and before[-2] in PLACE_OF) or bool(
        _COMPOUND.match(text, end)
    )
    return _Context(before[-1] if before else "", word_after, of_place)


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
    paren = text.find(" (", start, end)
    if paren != -1:  # "World Health Organization (WHO": the acronym is not part of the name
        end = paren
    while " " in text[start:end] and _SCORE.fullmatch(text, text.rfind(" ", start, end) + 1, end):
        end = text.rfind(" ", start, end)  # "Aryna Sabalenka 7-6": the score is not the name
    if text.startswith(("the ", "The ", "THE "), start) and end - start > 4:
        start += 4
    previous = -1
    while end != previous:  # "O'Neil ’s." -> "O'Neil"
        previous = end
        while end > start and (text[end - 1] in _TRAILING or text[end - 1].isspace()):
            end -= 2 if text.endswith(("'s", "’s"), start, end) else 1
        if text.endswith(("'s", "’s"), start, end):
            end -= 2
    if text.startswith(".", end) and text.endswith(_ABBREVIATED, start, end):
        end += 1  # "Ferdinand Marcos Jr.": the point belongs to the name
    while " " in text[start:end] and text[text.rfind(" ", start, end) + 1 : end].islower():
        end = text.rfind(" ", start, end)  # "Kunsthal museum" -> "Kunsthal"
    return start, end


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, i = [], start
    for word in text[start:end].split(" "):
        if word:
            spans.append((i, i + len(word)))
        i += len(word) + 1
    return spans


def _parts(
    text: str, start: int, end: int, label: str, gaz: Gazetteer, context: _Context
) -> list[Candidate]:
    """Split a model entity at titles, nationality words and possessives; resolve each part."""
    spans = _words(text, start, end)
    words = [text[a:b] for a, b in spans]
    parts: list[Candidate] = []
    piece: list[int] = []
    after_title = context.titled
    office = _titled_office(words, label) or _named_for_a_title(words, label)
    for k, word in enumerate(words):
        if not piece and word.isalpha() and word.islower() and word not in _PARTICLES:
            continue  # "librarian Maria Gonzalez", "lender Lloyds Banking Group": a role
        leading = (
            not piece
            and k + 1 < len(words)
            and word in _LEADING_TITLES
            and not office
            and words[k + 1] not in ORG_HEADS  # "General Directorate of ..."
            and words[k + 1] not in ORG_SUFFIXES
        )
        demonym = (
            word in DEMONYMS
            and len(words) > 1
            and (_splits(words, k, label) or _place_after(text, spans, k, label, gaz))
        )
        titled = (
            is_title(words, k)
            and not office
            and (label != "PERSON" or not _is_name(words, piece))
            and (k + 1 >= len(words) or words[k + 1] not in ORG_SUFFIXES)
        )
        if not piece and word == "the":
            continue  # "... and the Shire River"
        if _SCORE.fullmatch(word) and any(ch.isdigit() for ch in word):
            parts.extend(_resolve(text, spans, piece, label, after_title, gaz, context))
            after_title, piece = False, []  # "Morocco 1-0 Nigeria": two teams and a score
            continue
        place = _compound_place(word)
        if place:  # "Lagos-based Nigerian Economic Summit Group": Lagos, then the group
            parts.extend(_resolve(text, spans, piece, label, after_title, gaz, context))
            a = spans[k][0]
            canon = gaz.lookup(place)
            if canon is not None and canon.label == "LOC":
                parts.append(Candidate(a, a + len(place), "LOC", "model+gaz", canon))
            after_title, piece = False, []
            continue
        if (
            word == "and"  # never "&": "Marks & Spencer", "Johnson & Johnson" are one name
            and piece
            and (
                label == "PERSON"
                or (label == "LOC" and _features(words, piece, k))
                or two_orgs([words[x] for x in piece], words[k + 1 :])
                or _known_side(text, spans, piece, k, gaz)
            )
        ):  # a person's name never holds "and": "X Y and Azerbaijani ..." is two things
            parts.extend(_resolve(text, spans, piece, label, after_title, gaz, context))
            after_title, piece = False, []
        elif word == "in" and piece and words[piece[-1]] in LOC_SUFFIXES and k + 1 < len(words):
            parts.extend(_resolve(text, spans, piece, "LOC", after_title, gaz, context))
            after_title, piece = False, []  # "Ibn Batouta Stadium in Tangier": two places
        elif word == "of" and label != "LOC" and _person_before(words, piece, after_title):
            parts.extend(_resolve(text, spans, piece, "PERSON", True, gaz, context))
            after_title, piece = False, []
            label = "ORG" if label == "PERSON" else label
        elif leading or titled or demonym:
            parts.extend(_resolve(text, spans, piece, label, after_title, gaz, context))
            if word in DEMONYMS:
                parts.append(Candidate(spans[k][0], spans[k][1], "NORP", "demonym"))
            after_title, piece = leading or is_title(words, k), []
        elif (
            word.endswith(("'s", "’s"))
            and k + 1 < len(words)
            and (_possessive_splits(words, k) or _place_owner(text, spans, piece, k, gaz))
        ):
            a, b = spans[k]
            spans[k] = (a, b - 2)
            if b - 2 > a:
                piece.append(k)
            parts.extend(_resolve(text, spans, piece, label, after_title, gaz, context))
            after_title, piece = False, []
        else:
            piece.append(k)
    parts.extend(_resolve(text, spans, piece, label, after_title, gaz, context))
    return parts


def _compound_place(word: str) -> str:
    """ "Kigali-based" -> "Kigali"; "" for any other word."""
    head, dash, tail = word.rpartition("-")
    return head if dash and head[:1].isupper() and tail in PLACE_COMPOUNDS else ""


def _features(words: list[str], piece: list[int], k: int) -> bool:
    """ "Lake Malawi and the Shire River": two named features, not one place."""
    left_head, left_end = words[piece[0]], words[piece[-1]]
    left = left_head in LOC_HEADS or (len(piece) > 1 and left_end in LOC_SUFFIXES)
    rest = [w for w in words[k + 1 :] if w != "the"]
    right = len(rest) > 1 and (rest[0] in LOC_HEADS or rest[-1] in LOC_SUFFIXES)
    return left and right


def _known_side(
    text: str, spans: list[tuple[int, int]], piece: list[int], k: int, gaz: Gazetteer
) -> bool:
    """Split "X and Y" only when a table knows X or Y ("Jane Roe and Britain")."""
    left = text[spans[piece[0]][0] : spans[piece[-1]][1]]
    right = text[spans[k + 1][0] : spans[-1][1]] if k + 1 < len(spans) else ""
    return gaz.lookup(left) is not None or gaz.lookup(right) is not None


def _is_name(words: list[str], piece: list[int] | None = None) -> bool:
    """Could these words (or the ones at ``piece``) be a person's name?"""
    chosen = [words[k] for k in piece] if piece is not None else words
    return bool(chosen) and all(
        w[0].isupper()
        and not w.isupper()
        and w not in ORG_SUFFIXES
        and w not in LOC_SUFFIXES
        and w not in ORG_HEADS
        for w in chosen
    )


def _office_start(text: str, start: int, end: int) -> int:
    """ "Attorney General's Office" when the model saw only "General's Office"."""
    first = text[start:end].split(" ", 1)[0]
    if not first.endswith(("'s", "’s")) or first[:-2] not in PERSON_TITLES:
        return start
    before = text[max(0, start - 30) : start]
    word = before.split()[-1] if before.endswith(" ") and before.split() else ""
    if word in PERSON_TITLES or word in TITLE_MODIFIERS:
        return start - len(word) - 1
    return start


def _named_for_a_title(words: list[str], label: str) -> bool:
    """ "Prince Moulay Abdellah Stadium", "King Fahd University": a place or body named after
    a titled person keeps the title."""
    return (
        label in ("LOC", "ORG")
        and len(words) > 2
        and (words[-1] in LOC_SUFFIXES or words[-1] in ORG_SUFFIXES)
    )


def _titled_office(words: list[str], label: str) -> bool:
    """ "Attorney General's Office", "Prime Minister's Office": the title names the office."""
    return (
        label == "ORG"
        and words[-1] in ORG_SUFFIXES
        and any(w.endswith(("'s", "’s")) and w[:-2] in PERSON_TITLES for w in words[:-1])
    )


def _person_before(words: list[str], piece: list[int], after_title: bool) -> bool:
    """ "Jane Roe of Cambridge University": a name, then "of" and an organisation."""
    if not 2 <= len(piece) <= 3 or not _is_name(words, piece):
        return False
    return after_title or words[piece[0]] in FIRST_NAMES


def _place_owner(
    text: str, spans: list[tuple[int, int]], piece: list[int], k: int, gaz: Gazetteer
) -> bool:
    """ "Morocco's Ministry of Industry": a place the tables know owns the
    organisation after it ("St Peter's Basilica" has no such owner)."""
    start = spans[piece[0]][0] if piece else spans[k][0]
    owner = gaz.lookup(text[start : spans[k][1] - 2])
    return owner is not None and owner.label == "LOC"


def _possessive_splits(words: list[str], k: int) -> bool:
    """ "Lindner's Free Democrats" splits; "St Peter's Basilica" does not."""
    return words[k + 1] not in ORG_SUFFIXES and words[k + 1] not in LOC_SUFFIXES


def _splits(words: list[str], k: int, label: str) -> bool:
    """A nationality word splits a person ("Ukrainian Jane Roe") but sits inside the name
    of an organisation or place ("Korean Air", "Union of Romanians", "British Museum")."""
    if label != "PERSON" or (k > 0 and words[k - 1] in ("of", "for", "the")):
        return False
    return words[-1] not in ORG_SUFFIXES and words[-1] not in LOC_SUFFIXES


def _place_after(
    text: str, spans: list[tuple[int, int]], k: int, label: str, gaz: Gazetteer
) -> bool:
    """ "Pakistani Kashmir": a nationality word opening a place the tables know is not part
    of its name (unlike "British Museum", which no table knows without "British")."""
    if label != "LOC" or k != 0:
        return False
    whole = gaz.lookup(text[spans[0][0] : spans[-1][1]])
    rest = gaz.lookup(text[spans[1][0] : spans[-1][1]])
    return whole is None and rest is not None and rest.label == "LOC"


def _resolve(
    text: str,
    spans: list[tuple[int, int]],
    piece: list[int],
    label: str,
    after_title: bool,
    gaz: Gazetteer,
    context: _Context,
) -> list[Candidate]:
    if not piece:
        return []
    start, end = spans[piece[0]][0], spans[piece[-1]][1]
    surface = text[start:end]
    words = surface.split()
    if not any(w[0].isupper() for w in words) or surface in ("of", "the") or len(surface) < 2:
        return []  # "the W boson": a letter is not a name
    if len(words) == 1 and (surface in NOT_ALONE or surface in _GENERIC):
        return []
    if context.named_thing or _thing(words):
        return [Candidate(start, end, "EVENT", "thing")]
    if surface in DEMONYMS:
        return [Candidate(start, end, "NORP", "demonym")]
    canon = gaz.lookup(surface)
    if canon is not None and canon.label == "ORG" and context.after in NATURE_NOUNS:
        return [Candidate(start, end, "LOC", "model+context")]  # "the Amazon rainforest"
    if canon is not None:
        resolved = _with_table(surface, label, canon, gaz, context.place)
        if resolved:
            keep = canon if resolved == canon.label else None
            return [Candidate(start, end, resolved, "model+gaz", keep)]
    if len(words) <= 3 and label in ("PERSON", "ORG") and context.after in GEO_NOUNS:
        return [Candidate(start, end, "LOC", "model+context")]
    if len(words) <= 3 and label in ("PERSON", "ORG") and context.of_place and _is_name(words):
        return [Candidate(start, end, "LOC", "model+context")]  # "the town of Djibo"
    if label == "PERSON" and len(words) == 1 and _ACRONYM.match(surface):
        return [Candidate(start, end, "ORG", "model+caps")]  # "JAXA" is not a person
    speaker = label in ("ORG", "LOC") and 2 <= len(words) <= 3 and context.speech
    generic = words[0] in _NOT_GIVEN  # "World Athletics said"
    if speaker and _is_name(words) and not generic and not any(w in gaz.table for w in words):
        return [Candidate(start, end, "PERSON", "model+speech")]
    if label == "ORG" and len(words) <= 2 and context.inside and _is_name(words):
        return [Candidate(start, end, "LOC", "model+context")]
    return [Candidate(start, end, _by_rules(words, label, after_title), "model")]


def _thing(words: list[str]) -> bool:
    """A prize, storm or festival; not "National Hurricane Center" (an organisation's end)."""
    return any(w in THING_WORDS for w in words) and words[-1] not in ORG_SUFFIXES


def _with_table(surface: str, label: str, canon: Canon, gaz: Gazetteer, place: bool) -> str:
    """The label when a table knows the surface; "" to fall back to the model's."""
    if canon.label == "ORG" or canon.kind != "city":
        return canon.label
    if label == "LOC" or place:
        return "LOC"
    if label == "PERSON" and canon.population >= 100_000 and surface not in FIRST_NAMES:
        return "LOC"
    if gaz.confident(surface, canon) and (label != "ORG" or canon.population >= 1_000_000):
        return "LOC"
    return ""


def _by_rules(words: list[str], label: str, after_title: bool) -> str:
    last = words[-1]
    if len(words) > 1 and label == "ORG" and (last in _VENUES or space_centre(words)):
        return "LOC"  # "Melbourne Cricket Ground", "Tanegashima Space Center"
    if len(words) > 1 and label in ("PERSON", "LOC") and last in ORG_SUFFIXES:
        return "ORG"
    if len(words) > 1 and label == "PERSON" and last in LOC_SUFFIXES:
        return "LOC"
    if label in ("ORG", "LOC") and last not in ORG_SUFFIXES and last not in LOC_SUFFIXES:
        if after_title and len(words) <= 3:
            return "PERSON"
        if 2 <= len(words) <= 3 and given_name(words[0]):
            return "PERSON"
    return label
