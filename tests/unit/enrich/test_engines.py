"""Engine selection, configuration errors, versions, and the shared enrich_events function."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from streams.enrich import ENGINE_NAMES, build_enricher, enrich_events, get_engine, spacy_model
from streams.enrich.statistical import StatisticalEngine
from streams.errors import ConfigError
from streams.models import EntryEvent
from streams.runner.cli import _enricher
from streams.settings import Settings
from streams.worker.enrichment import load_enricher

VERSION = re.compile(r"^(statistical/\d+\.\d+\.\d+\+en_core_web_sm-3\.8\.0|fast/\d+\.\d+\.\d+)$")


def event(
    kind: str = "entry.new", title: str = "Rain forecast for Manila", body: str = ""
) -> EntryEvent:
    return EntryEvent(
        type=kind,  # type: ignore[arg-type]
        event_id=f"id-{kind}-{title}",
        page_url="https://example.org/live",
        entry_id="https://example.org/live#1",
        revision=1,
        title=title,
        body=body
        or "Heavy rain and strong winds are forecast for Manila, the weather agency said.",
        fetched_at=datetime(2026, 1, 1, tzinfo=UTC),
        content_hash="0" * 64,
        parser="jsonld",
    )


def test_engine_names_and_versions() -> None:
    assert set(ENGINE_NAMES) == {"statistical", "fast"}
    for name in ENGINE_NAMES:
        engine = get_engine(name)
        assert engine.name == name
        assert VERSION.match(engine.version), engine.version
        assert get_engine(name) is engine, "built once per process"


def test_unknown_engine_is_a_config_error_naming_the_choices() -> None:
    with pytest.raises(ConfigError, match=r"statistical.*fast"):
        get_engine("bert")
    with pytest.raises(ConfigError, match="bert"):
        _enricher("bert")
    with pytest.raises(ConfigError, match="bert"):
        load_enricher("bert")


def test_none_means_no_enricher() -> None:
    assert _enricher("none") is None
    assert load_enricher("none") is None


def test_missing_model_is_a_config_error_with_the_install_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(spacy_model, "MODEL_MODULES", ("livediff_no_such_model_pkg",))
    spacy_model.load_ner.cache_clear()
    try:
        with pytest.raises(ConfigError) as info:
            StatisticalEngine()
    finally:
        spacy_model.load_ner.cache_clear()
    message = str(info.value)
    assert "requirements/model.txt" in message
    assert "spacy download en_core_web_sm" in message
    assert "--engine fast" in message


def test_model_loads_only_the_ner_component() -> None:
    nlp = spacy_model.load_ner()
    assert nlp.pipe_names == ["ner"]
    assert spacy_model.load_ner() is nlp


def test_enrich_events_sets_entities_topics_and_version_on_every_event(
    name: str,
) -> None:
    engine = get_engine(name)
    events = (event(), event("entry.edited", "Rain in Manila"), event("entry.removed"))
    enriched = enrich_events(events, engine)
    assert len(enriched) == 3
    for before, after in zip(events, enriched, strict=True):
        assert after.enrichment_version == engine.version
        assert after.topics
        assert after.topics[0].id == "medtop:17000000"
        assert any(e.text == "Manila" and e.label == "LOC" for e in after.entities)
        assert (
            after.model_copy(update={"entities": (), "topics": (), "enrichment_version": None})
            == before
        )
    assert enrich_events((), engine) == ()


@pytest.fixture(params=ENGINE_NAMES)
def name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_build_enricher_is_the_replay_and_worker_hook() -> None:
    for hook in (build_enricher("fast"), _enricher("fast"), load_enricher("fast")):
        assert hook is not None
        (out,) = hook((event(),))
        assert out.enrichment_version == get_engine("fast").version


def test_settings_default_to_the_accurate_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LIVEDIFF_ENRICH_ENGINE", raising=False)
    assert Settings().enrich_engine == "statistical"
    monkeypatch.setenv("LIVEDIFF_ENRICH_ENGINE", "fast")
    assert Settings().enrich_engine == "fast"
    monkeypatch.setenv("LIVEDIFF_ENRICH_ENGINE", "bert")
    with pytest.raises(ValidationError):
        Settings()
