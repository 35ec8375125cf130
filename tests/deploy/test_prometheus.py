"""deploy/prometheus: promtool accepts the config and the rules, and the rule tests pass."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.deploy.conftest import DEPLOY, run_tool
from tests.deploy.promql import alert_rules, livediff_names, series_names
from tests.deploy.settings_names import metrics_port

PROM = DEPLOY / "prometheus"
EXPECTED_ALERTS = {
    "LivediffWorkerDown",
    "LivediffConsumerLagGrowing",
    "LivediffDeadLetterRate",
    "LivediffNoSnapshots",
    "LivediffLatencyP99High",
    "LivediffProducerFetchFailures",
    "LivediffRestarting",
}


def test_promtool_check_config(promtool: list[str]) -> None:
    result = run_tool([*promtool, "check", "config", str(PROM / "prometheus.yml")])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SUCCESS" in result.stdout


def test_promtool_check_rules(promtool: list[str]) -> None:
    result = run_tool([*promtool, "check", "rules", str(PROM / "alerts.yml")])
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"SUCCESS: {len(EXPECTED_ALERTS)} rules found" in result.stdout


def test_promtool_test_rules(promtool: list[str]) -> None:
    """Each alert fires on its situation, with the text operators will read."""
    result = run_tool([*promtool, "test", "rules", str(PROM / "alerts.test.yml")])
    assert result.returncode == 0, result.stdout + result.stderr


def test_promtool_rejects_a_broken_rule(promtool: list[str], tmp_path: Path) -> None:
    """The check can fail: a PromQL syntax error is reported."""
    broken = tmp_path / "alerts.yml"
    broken.write_text((PROM / "alerts.yml").read_text().replace("sum by (job)", "sum by job", 1))
    result = run_tool([*promtool, "check", "rules", str(broken)])
    assert result.returncode != 0


def test_every_alert_is_tested_and_described() -> None:
    rules = alert_rules(PROM / "alerts.yml")
    assert {r["alert"] for r in rules} == EXPECTED_ALERTS
    tests = yaml.safe_load((PROM / "alerts.test.yml").read_text())["tests"]
    tested = {
        case["alertname"] for t in tests for case in t["alert_rule_test"] if case["exp_alerts"]
    }
    assert tested == EXPECTED_ALERTS
    for rule in rules:
        assert rule["labels"]["severity"] in ("critical", "warning"), rule["alert"]
        assert rule["annotations"]["summary"]
        assert rule["annotations"]["description"]


def test_alerts_use_only_metrics_the_code_exports() -> None:
    known = series_names()
    for rule in alert_rules(PROM / "alerts.yml"):
        unknown = livediff_names(rule["expr"]) - known
        assert not unknown, (rule["alert"], unknown)


def test_scrape_targets_use_the_metrics_port() -> None:
    config = yaml.safe_load((PROM / "prometheus.yml").read_text())
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    for name in ("livediff-worker", "livediff-producer"):
        assert jobs[name]["metrics_path"] == "/metrics"
        targets = [t for sc in jobs[name]["static_configs"] for t in sc["targets"]]
        assert all(t.endswith(f":{metrics_port()}") for t in targets), targets
    assert config["rule_files"] == ["alerts.yml"]  # resolved next to prometheus.yml
