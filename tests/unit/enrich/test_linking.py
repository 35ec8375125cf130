"""Canonical ids and merging: countries, places, organisations, acronyms, surnames.

Short news-style sentences written for these tests; each engine must link them.
"""

from __future__ import annotations

import pytest

from streams.enrich import Engine, entry_text
from streams.models import Entity


def entities(engine: Engine, body: str, title: str = "Live") -> tuple[str, tuple[Entity, ...]]:
    return entry_text(title, body), engine.analyze(title, body).entities


def find(found: tuple[Entity, ...], surface: str) -> Entity:
    """The entity one of whose mentions is ``surface``."""
    for e in found:
        if e.text == surface:
            return e
    raise AssertionError(f"{surface!r} not found in {[e.text for e in found]}")


def surfaces(text: str, entity: Entity) -> list[str]:
    return [text[s:e] for s, e in entity.mentions]


@pytest.mark.parametrize(
    ("body", "surface", "code"),
    [
        ("Talks between Britain and Norway ended on Friday.", "Britain", "GB"),
        ("Exports to the US fell sharply in March.", "US", "US"),
        ("Officials in Russia denied the report on Monday.", "Russia", "RU"),
        ("Seoul said South Korea would send aid to the region.", "South Korea", "KR"),
        ("The ministers of Germany and Chile met in Geneva.", "Chile", "CL"),
    ],
)
def test_countries_get_iso_codes(engine: Engine, body: str, surface: str, code: str) -> None:
    _, found = entities(engine, body)
    country = find(found, surface)
    assert (country.label, country.id, country.country_code) == ("LOC", f"iso3166:{code}", code)


def test_country_variants_are_one_entity(engine: Engine) -> None:
    body = "Britain said it would act. The United Kingdom has sent troops, a UK official said."
    text, found = entities(engine, body)
    gb = [e for e in found if e.id == "iso3166:GB"]
    assert len(gb) == 1
    assert surfaces(text, gb[0]) == ["Britain", "United Kingdom", "UK"]
    assert gb[0].name is not None


def test_cities_get_geonames_ids_and_coordinates(engine: Engine) -> None:
    _, found = entities(engine, "Heavy rain flooded streets in Nairobi and Mombasa overnight.")
    nairobi = find(found, "Nairobi")
    assert nairobi.label == "LOC"
    assert nairobi.id is not None
    assert nairobi.id.startswith("geonames:")
    assert nairobi.country_code == "KE"
    assert nairobi.latitude == pytest.approx(-1.28, abs=0.2)
    assert nairobi.longitude == pytest.approx(36.82, abs=0.2)


def test_known_org_acronym_and_full_name_merge(engine: Engine) -> None:
    body = "The European Central Bank raised rates. ECB policymakers meet again in June."
    text, found = entities(engine, body)
    ecb = find(found, "European Central Bank")
    assert ecb.label == "ORG"
    assert surfaces(text, ecb) == ["European Central Bank", "ECB"]
    assert ecb.name == "European Central Bank"
    assert ecb.id is not None
    assert not any(e.text == "ECB" for e in found if e is not ecb)


def test_acronym_defined_in_the_text_links_to_its_full_name(engine: Engine) -> None:
    body = (
        "The Coastal Fisheries Protection Board (CFPB) closed the bay on Monday. "
        "Inspectors from the CFPB will test the water again next week."
    )
    text, found = entities(engine, body)
    board = find(found, "Coastal Fisheries Protection Board")
    assert board.label == "ORG"
    assert surfaces(text, board) == ["Coastal Fisheries Protection Board", "CFPB", "CFPB"]


def test_bare_surname_links_to_the_full_name(engine: Engine) -> None:
    body = (
        "Finance minister Daniela Kowalczyk presented the budget on Tuesday. "
        "Kowalczyk said spending on hospitals would rise, and Kowalczyk's deputy agreed."
    )
    text, found = entities(engine, body)
    person = find(found, "Daniela Kowalczyk")
    assert person.label == "PERSON"
    assert surfaces(text, person) == ["Daniela Kowalczyk", "Kowalczyk", "Kowalczyk"]
    assert [e for e in found if e.label == "PERSON"] == [person]


def test_titles_and_possessives_are_not_part_of_names(engine: Engine) -> None:
    body = (
        "President Amara Odhiambo met Prime Minister Lars Eriksen in Oslo. Norway's fleet sailed."
    )
    _, found = entities(engine, body)
    texts = {e.text: e.label for e in found}
    assert texts.get("Amara Odhiambo") == "PERSON"
    assert texts.get("Lars Eriksen") == "PERSON"
    assert texts.get("Norway") == "LOC"
    assert not any(t.startswith(("President", "Prime", "Minister")) for t in texts)
    assert not any(t.endswith("'s") for t in texts)


def test_nationality_words_are_never_person_org_or_loc(engine: Engine) -> None:
    body = "Kenyan farmers and Brazilian officials met French diplomats in Geneva."
    _, found = entities(engine, body)
    for word in ("Kenyan", "Brazilian", "French"):
        assert all(e.label not in {"PERSON", "ORG", "LOC"} for e in found if e.text == word)
    assert find(found, "Geneva").label == "LOC"


def test_sentence_initial_words_and_dates_are_not_entities(engine: Engine) -> None:
    body = "Meanwhile, prices rose in March. Officials said on Monday that May would be calmer."
    _, found = entities(engine, body)
    assert [e for e in found if e.label in {"PERSON", "ORG", "LOC"}] == []


def test_org_ids_are_stable_slugs_of_the_canonical_name(engine: Engine) -> None:
    _, first = entities(engine, "The International Monetary Fund cut its forecast.")
    _, second = entities(engine, "IMF economists cut the forecast.")
    assert find(first, "International Monetary Fund").id == find(second, "IMF").id
