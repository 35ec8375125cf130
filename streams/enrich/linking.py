"""Mentions -> entities: one entity per canonical thing in an entry.

Merges what the engines found: table ids (countries, places, organisations),
acronyms the text defines ("European Central Bank (ECB)"), and a person's bare
surname with the full name given elsewhere in the entry. Precision first: a
mention no rule or model labelled is kept only when it links to a named entity.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from streams.enrich.gazetteer import slug
from streams.enrich.placenames import AMBIGUOUS_PLACES
from streams.enrich.rules import Candidate
from streams.enrich.words import DEMONYMS, FIRST_NAMES
from streams.models import Entity, Topic

__all__ = ["clubs_in_sport", "link_entities"]

_LINKED_LABELS = ("PERSON", "ORG", "LOC", "NORP", "EVENT")


@dataclass(slots=True)
class _Group:
    mentions: list[Candidate] = field(default_factory=list)
    labels: Counter[str] = field(default_factory=Counter)
    name: str | None = None
    representative: Candidate | None = None


def _norm(surface: str) -> str:
    if "’" in surface or "  " in surface or not surface.isprintable() or surface != surface.strip():
        surface = " ".join(surface.replace("’", "'").split())  # the rare untidy surface
    if surface[:4].lower() == "the ":
        surface = surface[4:]
    return surface.lower()


def _label(group: _Group) -> str:
    """The label with the most weight; on a tie, the first one seen (as ``most_common``)."""
    labels = group.labels
    return max(labels, key=labels.__getitem__)


def _surnames(text: str, mentions: list[Candidate]) -> dict[str, Candidate]:
    """Short forms of every multi-word person name -> its first full mention.

    The surname ("Roe"), a multi-word surname ("von der Leyen", any case) and,
    for names written family name first, the first word when it is not a
    common given name ("Xi" of "Xi Jinping").
    """
    found: dict[str, Candidate] = {}
    for m in mentions:
        if m.label != "PERSON":
            continue
        words = text[m.start : m.end].split()
        for k in range(1, len(words)):
            tail = " ".join(words[k:])
            found.setdefault(tail, m)
            found.setdefault(tail[0].upper() + tail[1:], m)
        if len(words) == 2 and words[0] not in FIRST_NAMES and len(words[0]) <= 4:
            found.setdefault(words[0], m)
    return found


def _key(text: str, m: Candidate, people: dict[str, Candidate], acr: dict[str, str]) -> str:
    """The canonical key of one mention; relabels surnames and defined acronyms."""
    surface = text[m.start : m.end]
    surname = m.label in ("", "ORG", "LOC") or (m.label == "NORP" and surface not in DEMONYMS)
    if m.label == "PERSON" or (surname and surface in people):
        full = people.get(surface)
        if full is not None and (full.start, full.end) == (m.start, m.end):
            full = None
        if full is not None:
            m.label, m.canon = "PERSON", None
            return "person:" + _norm(text[full.start : full.end])
        if m.label == "PERSON":
            return "person:" + _norm(surface)
    if surface in acr and m.label in ("", "ORG"):
        m.label, m.canon = "ORG", None
        return acr[surface]
    if m.canon is not None and m.canon.id:
        return m.canon.id
    return "text:" + _norm(surface)


def link_entities(
    text: str, mentions: list[Candidate], acronyms: dict[str, tuple[int, int]]
) -> tuple[Entity, ...]:
    """Group ``mentions`` (any order, possibly unlabelled) into deduplicated entities."""
    mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
    people = _surnames(text, mentions)
    # A headline's terse words mislead the model more than the body's sentences: on a
    # tie between one headline and one body mention, the body's label wins.
    headline = text.find("\n\n")
    acr: dict[str, str] = {}
    by_span = {(m.start, m.end): m for m in mentions}
    for acronym, span in acronyms.items():
        full = by_span.get(span)
        if full is not None:
            acr[acronym] = (
                full.canon.id
                if full.canon and full.canon.id
                else "text:" + _norm(text[span[0] : span[1]])
            )
    keyed = [(_key(text, m, people, acr), m) for m in mentions]
    keyed = [(key, m) for key, m in keyed if m.label]
    # The same name twice in one entry is one thing: a mention no table knows joins the
    # entity a table knows by that surface ("Ouarzazate" in the headline and the body).
    known: dict[str, str] = {}
    for key, m in keyed:
        if not key.startswith("text:"):
            known.setdefault(_norm(text[m.start : m.end]), key)
    groups: dict[str, _Group] = {}
    for key, m in keyed:
        if key.startswith("text:"):
            key = known.get(key.removeprefix("text:"), key)
        group = groups.setdefault(key, _Group())
        group.mentions.append(m)
        group.labels[m.label] += 2 if m.start < headline else 3
        full_name = key.startswith("person:") and " " in text[m.start : m.end]
        if full_name and group.representative is None:
            group.representative = m
    return tuple(
        _entity(text, g)
        for g in sorted(groups.values(), key=lambda g: g.mentions[0].start)
        if _label(g) in _LINKED_LABELS
    )


def clubs_in_sport(
    text: str, entities: tuple[Entity, ...], topics: tuple[Topic, ...]
) -> tuple[Entity, ...]:
    """In a sport story "Liverpool beat Southampton" names clubs, not cities; "the
    marathon in Valencia" still names the city."""
    if not topics or topics[0].id != "medtop:15000000":
        return entities
    return tuple(
        e.model_copy(
            update={"label": "ORG", "id": None, "country_code": None, "latitude": None,
                    "longitude": None}
        )
        if e.label == "LOC" and e.text in AMBIGUOUS_PLACES and e.id and e.id.startswith("geonames")
        and not _located(text, e)
        else e
        for e in entities
    )  # fmt: skip


def _located(text: str, entity: Entity) -> bool:
    """Is some mention of the entity where something happens ("in X", "near X")?"""
    return any(
        text[max(0, start - 8) : start].endswith(_WHERE)
        for start, _ in entity.mentions or ((entity.start, entity.end),)
    )


_WHERE = (" in ", " near ", " outside ", "\nIn ", " In ")


def _entity(text: str, group: _Group) -> Entity:
    label = _label(group)
    spans = sorted({(m.start, m.end) for m in group.mentions})
    first = spans[0]
    surface = text[first[0] : first[1]]
    # The table entry that agrees with the label the mentions settled on.
    canon = next(
        (m.canon for m in group.mentions if m.canon is not None and m.canon.label == label), None
    )
    full = group.representative  # a person's first full-name mention: the canonical name
    name = canon.name if canon else text[full.start : full.end] if full else surface
    ident = canon.id if canon else None
    if canon is None and label == "ORG" and len(group.mentions) > 1 and " " in surface:
        ident = f"livediff:org:{slug(surface)}"
    return Entity(
        text=surface,
        label=label,
        start=first[0],
        end=first[1],
        mentions=tuple(spans),
        id=ident,
        name=name,
        country_code=canon.country_code if canon else None,
        latitude=canon.latitude if canon else None,
        longitude=canon.longitude if canon else None,
    )
