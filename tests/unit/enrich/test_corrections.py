"""The statistical engine's corrections of spaCy's spans, on sentences written for them.

Each case is a mistake class the small model makes on news text (a role word
inside a person's name, two people joined by "and", a nationality word glued
to a place, a long name split at "and" before its acronym, a nationality word
cut off an organisation's name); the engine must give the right span.
"""

from __future__ import annotations

import pytest

from streams.enrich import Engine


def spans(engine: Engine, body: str, title: str = "Live") -> set[tuple[str, str]]:
    return {(e.text, e.label) for e in engine.analyze(title, body).entities}


@pytest.mark.parametrize(
    ("body", "expected", "not_expected"),
    [
        (
            "The museum reopened on Monday.\n\nCurator Helena Marsh said the halls were ready.",
            ("Helena Marsh", "PERSON"),
            ("Curator Helena Marsh", "PERSON"),
        ),
        (
            "Rescue work went on all night.\n\nPharmacist Tomas Lindqvist said supplies "
            "were running short.",
            ("Tomas Lindqvist", "PERSON"),
            ("Pharmacist Tomas Lindqvist", "PERSON"),
        ),
        (
            "The grid operator, run by Norway's Renewable Power and Grid Balancing Authority "
            "(RPGBA), said it would add storage.",
            ("Renewable Power and Grid Balancing Authority", "ORG"),
            ("Grid Balancing Authority", "ORG"),
        ),
        (
            "Analysts said the European Battery Makers' Association would lobby for lower tariffs.",
            ("European Battery Makers' Association", "ORG"),
            ("Battery Makers' Association", "ORG"),
        ),
    ],
)
def test_statistical_spans(
    statistical: Engine,
    body: str,
    expected: tuple[str, str],
    not_expected: tuple[str, str],
) -> None:
    found = spans(statistical, body)
    assert expected in found, found
    assert not_expected not in found


def test_a_person_span_ends_before_and(statistical: Engine) -> None:
    body = (
        "Armenian Prime Minister Nikol Pashinyan and Azerbaijani President Ilham Aliyev "
        "met in Abu Dhabi."
    )
    found = spans(statistical, body)
    assert not any(" and " in text for text, label in found if label == "PERSON"), found


def test_a_nationality_word_is_not_part_of_a_known_place(statistical: Engine) -> None:
    found = spans(statistical, "Shelling was reported overnight in Pakistani Kashmir.")
    assert ("Pakistani Kashmir", "LOC") not in found
    assert ("Kashmir", "LOC") in found


def test_a_nationality_word_before_a_bare_place_name_is_kept_apart(statistical: Engine) -> None:
    """ "the Brazilian Amazon": Amazon is not an organisation ending in "Agency" etc."""
    found = spans(statistical, "Fires spread across the Brazilian Amazon this week.")
    assert ("Brazilian Amazon", "ORG") not in found


def test_an_acronym_in_brackets_is_cut_off_the_name_and_is_a_mention(statistical: Engine) -> None:
    body = (
        "The outbreak was confirmed by the Pan-Island Disease Control Office (PIDCO), "
        "which sent a team to the port."
    )
    found = statistical.analyze("Live", body).entities
    text = "Live\n\n" + body
    office = next(e for e in found if e.text == "Pan-Island Disease Control Office")
    assert office.label == "ORG"
    assert "PIDCO" in [text[s:e] for s, e in office.mentions]
    assert not any("(" in e.text for e in found)


def test_a_place_that_owns_an_organisation_is_apart(statistical: Engine) -> None:
    found = spans(
        statistical,
        "Portugal's State Weather Service issued alerts, and Morocco's Ministry of Water said "
        "reservoirs were low.",
    )
    assert ("Portugal", "LOC") in found
    assert ("Morocco", "LOC") in found
    assert not any("'s " in text for text, _ in found), found


def test_a_storm_word_inside_an_agency_name_is_not_an_event(statistical: Engine) -> None:
    found = spans(
        statistical, "The storm was tracked by the Coastal Hurricane Center in Fort Myers."
    )
    assert ("Coastal Hurricane Center", "ORG") in found


def test_two_named_features_joined_by_and_are_two_places(engine: Engine) -> None:
    found = spans(engine, "Fishing was banned on Lake Tana and the Abay River until June.")
    assert ("Lake Tana", "LOC") in found, found
    assert any(text.endswith("Abay River") and label == "LOC" for text, label in found), found
    assert not any(" and " in text for text, _ in found), found
