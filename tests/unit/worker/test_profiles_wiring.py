"""The worker reads the user's site profiles (LIVEDIFF_PROFILES_PATH), as replay does."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from streams.errors import ConfigError
from streams.settings import KafkaSettings, Settings, WorkerSettings
from streams.worker.app import build_app
from streams.worker.records import Source
from tests.e2e.test_replay_profiles import PROFILE, URL, page


def settings(tmp_path: Path, profiles: Path | None) -> Settings:
    return Settings(
        kafka=KafkaSettings(bootstrap_servers="k1:9092"),
        worker=WorkerSettings(app_id="unit-profiles", data_dir=tmp_path),
        enrich_engine="none",
        profiles_path=profiles,
    )


def envelope() -> bytes:
    body = page(("t1", "Ferry halted", "The morning ferry stays in port."))
    return orjson.dumps(
        {
            "url": URL,
            "fetched_at": "2026-02-01T10:00:00Z",
            "content_type": "text/html",
            "body": body,
        }
    )


def test_the_worker_parses_with_the_user_profiles(tmp_path: Path) -> None:
    path = tmp_path / "profiles.toml"
    path.write_text(PROFILE, encoding="utf-8")
    handler = build_app(settings(tmp_path, path)).worker.handler
    result = handler.handle(
        envelope(), Source("pages.snapshots", 0, 0, URL.encode()), lambda _: None
    )
    assert result.status == "changed"
    assert [(e.type, e.parser) for e in result.events] == [("entry.new", "profile:paper-ticks")]


def test_without_them_the_snapshot_is_dead_lettered(tmp_path: Path) -> None:
    handler = build_app(settings(tmp_path, None)).worker.handler
    result = handler.handle(
        envelope(), Source("pages.snapshots", 0, 0, URL.encode()), lambda _: None
    )
    assert result.status == "dead_lettered"
    assert result.reason == "parse_error"


def test_a_broken_profiles_file_stops_the_build(tmp_path: Path) -> None:
    path = tmp_path / "profiles.toml"
    path.write_text("[[profiles]]\nname = 'x'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="profiles"):
        build_app(settings(tmp_path, path))
