"""What every engine promises about entities, whatever the text: offsets, dedup, labels, ids."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from streams.enrich import Engine, Enrichment, entry_text
from streams.models import Entity

LABELS = {"PERSON", "ORG", "LOC", "NORP", "EVENT"}
ID = re.compile(
    r"^(iso3166:[A-Z]{2}|iso3166-2:[A-Z]{2}-[A-Z0-9]{1,3}|geonames:\d+|livediff:[a-z]+:[a-z0-9-]+)$"
)

NEWS = (
    "Floods hit Kenya as President Amara Odhiambo visits Nairobi",
    "President Amara Odhiambo toured flooded districts of Nairobi on Monday. Odhiambo said the "
    "government would rebuild roads.\n\nThe World Health Organization (WHO) sent medical teams, "
    "and WHO officials warned of cholera. Kenya's neighbours Uganda and Tanzania offered help, "
    "while Kenyan farmers counted their losses.",
)


def check_contract(title: str, body: str, result: Enrichment) -> None:
    text = entry_text(title, body)
    claimed: set[int] = set()
    for e in result.entities:
        assert e.label in LABELS, e
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start : e.end] == e.text
        assert e.mentions, "every entity keeps its mentions"
        assert e.mentions[0] == (e.start, e.end), "the entity's text is its first mention"
        assert list(e.mentions) == sorted(set(e.mentions))
        for start, end in e.mentions:
            assert 0 <= start < end <= len(text)
            assert text[start:end].strip() == text[start:end]
            span = set(range(start, end))
            assert not span & claimed, f"mention {text[start:end]!r} claimed twice"
            claimed |= span
        assert e.id is None or ID.match(e.id), e.id
        assert (e.latitude is None) == (e.longitude is None)


def test_news_entry_keeps_the_contract(engine: Engine) -> None:
    check_contract(*NEWS, engine.analyze(*NEWS))


def test_batch_and_single_agree(engine: Engine) -> None:
    items = [NEWS, ("Markets calm", "Shares rose in Tokyo."), ("", "")]
    assert engine.analyze_many(items) == [engine.analyze(t, b) for t, b in items]


def test_deterministic(engine: Engine) -> None:
    assert engine.analyze(*NEWS) == engine.analyze(*NEWS)


def test_empty_entry_has_nothing(engine: Engine) -> None:
    assert engine.analyze("", "") == Enrichment((), ())


def _by_text(entities: tuple[Entity, ...]) -> dict[str, Entity]:
    return {e.text: e for e in entities}


def test_one_entity_per_thing_with_every_mention(engine: Engine) -> None:
    body = "Flights to Nairobi resumed. Nairobi airport reopened, and Nairobi residents cheered."
    found = [e for e in engine.analyze("Update", body).entities if e.text == "Nairobi"]
    assert len(found) == 1
    text = entry_text("Update", body)
    assert [text[s:e] for s, e in found[0].mentions] == ["Nairobi"] * 3


WORDS = (
    "the The of in President Minister Nairobi Kenya's UN WHO ( ) , . said Odhiambo Amara "
    "European Central Bank ECB Britain US the US South Korea 's Kenyan Bank of Mr Dr - — "
    "über Zürich São Paulo 2024 100 $ % ’s O'Neil"
)
words = st.sampled_from([*WORDS.split(), "\n\n"])
separators = st.sampled_from([" ", "  ", "\n", " \n\n "])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.lists(words, max_size=8), body=st.lists(words, max_size=40), sep=separators)
def test_wild_text_keeps_the_contract(
    engine: Engine, title: list[str], body: list[str], sep: str
) -> None:
    t, b = " ".join(title), sep.join(body)
    check_contract(t, b, engine.analyze(t, b))


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_keeps_the_contract(engine: Engine, body: str) -> None:
    check_contract("Live", body, engine.analyze("Live", body))
