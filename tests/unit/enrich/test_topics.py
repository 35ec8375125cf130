"""IPTC Media Topics: official ids and labels, scores in [0, 1], best first, plausible picks."""

from __future__ import annotations

import re

import pytest

from streams.enrich import Engine
from streams.enrich.lexicon import SUBTOPICS, TOP_LEVEL
from streams.metrics import TOP_LEVEL_TOPICS

#: The 17 top-level IPTC Media Topics, as the issue and the IPTC vocabulary name them.
OFFICIAL = {
    "medtop:01000000": "arts, culture, entertainment and media",
    "medtop:02000000": "crime, law and justice",
    "medtop:03000000": "disaster, accident and emergency incident",
    "medtop:04000000": "economy, business and finance",
    "medtop:05000000": "education",
    "medtop:06000000": "environment",
    "medtop:07000000": "health",
    "medtop:08000000": "human interest",
    "medtop:09000000": "labour",
    "medtop:10000000": "lifestyle and leisure",
    "medtop:11000000": "politics",
    "medtop:12000000": "religion",
    "medtop:13000000": "science and technology",
    "medtop:14000000": "society",
    "medtop:15000000": "sport",
    "medtop:16000000": "conflict, war and peace",
    "medtop:17000000": "weather",
}

#: Second-level ids checked against a published IPTC Media Topics table: id -> (parent, label).
VERIFIED_LEVEL_2 = {
    "20000002": ("01", "arts and entertainment"), "20000038": ("01", "culture"),
    "20000045": ("01", "mass media"), "20000053": ("16", "act of terror"),
    "20000056": ("16", "armed conflict"), "20000065": ("16", "civil unrest"),
    "20000070": ("16", "coup d'etat"), "20000071": ("16", "massacre"),
    "20000073": ("16", "peace process"), "20000077": ("16", "post-war reconstruction"),
    "20000080": ("16", "prisoners of war"), "20000082": ("02", "crime"),
    "20000106": ("02", "judiciary"), "20000119": ("02", "justice"), "20000121": ("02", "law"),
    "20000129": ("02", "law enforcement"), "20000139": ("03", "accident and emergency incident"),
    "20000148": ("03", "disaster"), "20000168": ("03", "emergency response"),
    "20000170": ("04", "business information"), "20000209": ("04", "economic sector"),
    "20000344": ("04", "economy"), "20000385": ("04", "market and exchange"),
    "20000400": ("05", "school"), "20000412": ("05", "curriculum"),
    "20000418": ("06", "climate change"), "20000420": ("06", "conservation"),
    "20000424": ("06", "environmental pollution"), "20000430": ("06", "natural resources"),
    "20000441": ("06", "nature"), "20000446": ("07", "diseases and conditions"),
    "20000461": ("07", "health facility"), "20000463": ("07", "health organisations"),
    "20000464": ("07", "health treatment"), "20000509": ("09", "employment"),
    "20000523": ("09", "labour market"), "20000524": ("09", "labour relations"),
    "20000533": ("09", "unemployment"), "20000536": ("09", "unions"),
    "20000538": ("10", "leisure"), "20000565": ("10", "lifestyle"),
    "20000574": ("11", "election"), "20000587": ("11", "fundamental rights"),
    "20000593": ("11", "government"), "20000621": ("11", "government policy"),
    "20000638": ("11", "international relations"), "20000647": ("11", "political crisis"),
    "20000657": ("12", "belief systems"), "20000697": ("12", "religious facility"),
    "20000703": ("12", "religious leader"), "20000710": ("13", "biomedical science"),
    "20000717": ("13", "natural science"), "20000735": ("13", "scientific research"),
    "20000756": ("13", "technology and engineering"), "20000768": ("14", "communities"),
    "20000771": ("14", "immigration"), "20000772": ("14", "emigration"),
    "20000775": ("14", "discrimination"), "20000802": ("14", "social problem"),
    "20001108": ("15", "sport event"), "20001104": ("15", "drug use in sport"),
    "20001128": ("17", "weather forecast"), "20001129": ("17", "weather phenomena"),
    "20001131": ("17", "weather warning"),
}  # fmt: skip
#: Deeper ids the engines may emit (not in the level-2 table above): id -> (parent id, label).
DEEPER = {"20000639": ("20000638", "diplomacy")}


def test_all_17_top_level_topics_with_official_labels() -> None:
    assert {f"medtop:{code}000000": label for code, label in TOP_LEVEL.items()} == OFFICIAL
    assert TOP_LEVEL_TOPICS == OFFICIAL, "metrics and enrichment agree on the topic table"


def test_second_level_ids_are_verified() -> None:
    for sub, (parent, label, level) in SUBTOPICS.items():
        if level == 2:
            assert VERIFIED_LEVEL_2.get(sub) == (parent, label), sub
        else:
            assert sub in DEEPER, sub
            assert DEEPER[sub][1] == label, sub
            assert SUBTOPICS[DEEPER[sub][0]][0] == parent


STORIES = {
    "15": ("Late goal sends champions into cup final", "The striker scored in stoppage time as "
           "the home team won 2-1 in the semi-final. The coach praised the goalkeeper and fans."),
    "04": ("Central bank raises interest rates again", "Inflation stayed high, so the bank lifted "
           "its key rate. Shares fell and the currency gained as investors priced in more hikes."),
    "03": ("Earthquake kills dozens, rescuers search rubble", "A magnitude 6.8 quake destroyed "
           "homes; emergency teams pulled survivors from collapsed buildings overnight."),
    "02": ("Man jailed for fraud after trial", "A court sentenced him to eight years in prison; "
           "prosecutors said he stole pension savings. His lawyer will appeal the verdict."),
    "13": ("Scientists discover new exoplanet", "Astronomers using a space telescope found a "
           "planet orbiting a nearby star. The research was published in a peer-reviewed journal."),
    "01": ("Director's film wins festival prize", "The drama premiered to a standing ovation "
           "and the actress was praised by critics. It opens in cinemas next month."),
    "11": ("Parliament votes on coalition budget", "Lawmakers from the ruling party and the "
           "opposition debated the bill before the election. The prime minister faces a vote."),
    "16": ("Troops shell rebel-held town", "Fighting intensified as soldiers and militia clashed; "
           "air strikes killed civilians and the army claimed new ground in the offensive."),
    "07": ("Measles outbreak spreads in schools", "Health officials urged parents to vaccinate "
           "children; hospitals reported more patients and the virus reached new districts."),
    "17": ("Storm brings heavy rain and strong winds", "Forecasters issued warnings for gusts "
           "and flooding; temperatures will drop and snow is expected on high ground."),
    "09": ("Workers strike over pay", "The union called a walkout after wage talks with employers "
           "failed; thousands of employees joined picket lines."),
    "12": ("Pope leads Easter mass", "Thousands of pilgrims gathered as the pontiff prayed for "
           "peace; bishops and priests celebrated in churches around the world."),
    "05": ("Schools face teacher shortage", "Head teachers said pupils were missing lessons; the "
           "education ministry promised to train more teachers for classrooms and universities."),
    "06": ("Deforestation and pollution threaten wildlife", "Conservation groups warned that "
           "biodiversity loss and climate change were driving species towards extinction."),
}  # fmt: skip


@pytest.mark.parametrize("code", sorted(STORIES))
def test_clear_stories_get_their_topic_first(engine: Engine, code: str) -> None:
    topics = engine.analyze(*STORIES[code]).topics
    assert topics, "a clear story gets topics"
    assert topics[0].id == f"medtop:{code}000000"


@pytest.mark.parametrize("code", sorted(STORIES))
def test_scores_are_in_range_best_first_with_known_ids(engine: Engine, code: str) -> None:
    topics = engine.analyze(*STORIES[code]).topics
    assert topics[0].level == 1
    assert [t.score for t in topics] == sorted((t.score for t in topics), reverse=True)
    known = set(OFFICIAL) | {f"medtop:{sub}" for sub in SUBTOPICS}
    for t in topics:
        assert 0.0 <= t.score <= 1.0
        assert t.id in known
        assert re.fullmatch(r"medtop:\d{8}", t.id)
        if t.level == 1:
            assert t.label == OFFICIAL[t.id]
        else:
            assert t.label == SUBTOPICS[t.id.removeprefix("medtop:")][1]
    assert len({t.id for t in topics}) == len(topics)


def test_war_story_carries_armed_conflict_subtopic(engine: Engine) -> None:
    topics = engine.analyze(*STORIES["16"]).topics
    assert "medtop:20000056" in {t.id for t in topics if t.level == 2}


def test_text_without_topic_words_has_no_topics(engine: Engine) -> None:
    assert engine.analyze("Hello", "Lorem ipsum dolor sit amet.").topics == ()


def test_a_company_forecast_is_business_not_weather(engine: Engine) -> None:
    title = "Ferry operator raises forecast after busy summer"
    body = (
        "The ferry operator raised its profit forecast for the year after record passenger "
        "numbers over the summer months, it said on Thursday."
    )
    topics = engine.analyze(title, body).topics
    assert topics[0].id == "medtop:04000000", [t.label for t in topics]
