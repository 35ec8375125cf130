"""docker-compose.yml: accepted by Debian's docker-compose, and consistent with the code."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.deploy.conftest import ROOT, run_tool
from tests.deploy.settings_names import assert_known_env, metrics_port

COMPOSE = ROOT / "docker-compose.yml"
OURS = ("worker", "producer", "producer-poll")


@pytest.fixture(scope="module")
def rendered(docker_compose: list[str]) -> dict[str, Any]:
    """The file as docker-compose resolves it (anchors merged, profiles included)."""
    result = run_tool([*docker_compose, "-f", str(COMPOSE), "--profile", "poll", "config"])
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = yaml.safe_load(result.stdout)
    return data


def mounts(service: dict[str, Any]) -> dict[str, str]:
    """target -> source, for the short (``src:dst:ro``) and the long volume syntax."""
    out = {}
    for volume in service.get("volumes", []):
        if isinstance(volume, str):
            source, target = volume.split(":")[:2]
        else:
            source, target = volume.get("source", ""), volume["target"]
        out[target] = source
    return out


def test_compose_config_accepts_the_file(docker_compose: list[str]) -> None:
    result = run_tool([*docker_compose, "-f", str(COMPOSE), "config", "-q"])
    assert result.returncode == 0, result.stderr


def test_compose_config_rejects_a_broken_file(docker_compose: list[str], tmp_path: Path) -> None:
    """The check can fail: a misspelt depends_on condition is an error."""
    shutil.copy(COMPOSE, tmp_path / "docker-compose.yml")
    broken = tmp_path / "docker-compose.yml"
    text = broken.read_text().replace("service_healthy", "service_healty", 1)
    ok = run_tool([*docker_compose, "-f", str(broken), "config", "-q"], cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr  # the copy itself is fine
    broken.write_text(text)
    result = run_tool([*docker_compose, "-f", str(broken), "config", "-q"], cwd=tmp_path)
    assert result.returncode != 0
    assert "service_healty" in result.stderr


def test_every_long_running_service_has_a_healthcheck(rendered: dict[str, Any]) -> None:
    one_shots = {"topic-init", "producer"}
    for name, service in rendered["services"].items():
        if name in one_shots:
            assert service.get("restart") == "no", name
            continue
        assert "test" in service.get("healthcheck", {}), f"{name} has no healthcheck"


def test_dependencies_wait_for_health_not_for_start(rendered: dict[str, Any]) -> None:
    services = rendered["services"]
    for name, service in services.items():
        for dep, spec in service.get("depends_on", {}).items():
            wanted = "service_completed_successfully" if dep == "topic-init" else "service_healthy"
            assert spec["condition"] == wanted, (name, dep)
            if wanted == "service_healthy":
                assert "test" in services[dep]["healthcheck"], dep
    assert services["producer"]["depends_on"]["worker"]["condition"] == "service_healthy"


def test_state_lives_in_named_volumes(rendered: dict[str, Any]) -> None:
    assert set(rendered["volumes"]) == {
        "kafka-data",
        "worker-data",
        "prometheus-data",
        "grafana-data",
    }
    named = {
        name: {src for src in mounts(s).values() if not src.startswith("/")}
        for name, s in rendered["services"].items()
    }
    assert named["kafka"] == {"kafka-data"}
    assert named["worker"] == {"worker-data"}
    assert named["prometheus"] == {"prometheus-data"}
    assert named["grafana"] == {"grafana-data"}


def test_kafka_is_the_official_image_in_kraft_mode(rendered: dict[str, Any]) -> None:
    kafka = rendered["services"]["kafka"]
    assert kafka["image"].startswith("apache/kafka:")
    assert kafka["environment"]["KAFKA_PROCESS_ROLES"] == "broker,controller"
    assert rendered["services"]["topic-init"]["image"] == kafka["image"]


def test_our_services_use_only_real_settings(rendered: dict[str, Any]) -> None:
    for name in OURS:
        service = rendered["services"][name]
        assert_known_env(service["environment"])
        assert service["read_only"] is True
        assert service["environment"]["KAFKA_BOOTSTRAP_SERVERS"] == "kafka:9092"
        assert int(service["environment"]["LIVEDIFF_METRICS__PORT"]) == metrics_port()


def test_producer_replays_the_bundled_example(rendered: dict[str, Any]) -> None:
    producer = rendered["services"]["producer"]
    args = producer["command"]
    assert args[:2] == ["produce", "--file"]
    assert Path(mounts(producer)[args[2]]) == ROOT / "examples" / "snapshots.jsonl"
    poll = rendered["services"]["producer-poll"]
    assert Path(mounts(poll)[poll["command"][2]]).is_file()


def test_worker_healthcheck_asks_for_readiness(rendered: dict[str, Any]) -> None:
    assert rendered["services"]["worker"]["healthcheck"]["test"] == [
        "CMD", "streams", "probe", "readyz",
    ]  # fmt: skip
