"""deploy/grafana: the dashboard is valid JSON with the expected panels, provisioned."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from tests.deploy.conftest import DEPLOY, ROOT
from tests.deploy.promql import dashboard_queries, livediff_names, load_dashboard, series_names

GRAFANA = DEPLOY / "grafana"
DASHBOARD = GRAFANA / "dashboards" / "livediff.json"

# The questions the dashboard answers, row by row: (row, panel titles).
EXPECTED_PANELS = {
    "Is it keeping up?": [
        "Workers up",
        "Snapshots / s",
        "Consumer lag",
        "p99 fetch → publish",
        "Dead letters / s",
        "Snapshots consumed by outcome",
        "Consumer lag per partition",
        "Latency fetched_at → publish",
        "Processing time per snapshot (p99)",
    ],
    "Is it healthy?": [
        "Dead letters by reason",
        "Producer fetches by status",
        "Fetch errors by reason",
        "Fetch duration (p95)",
        "Assigned partitions per worker",
        "Restarts (1h)",
        "Pages and entries tracked",
        "Memory (RSS) per process",
    ],
    "What is the news doing?": [
        "Entry events by type",
        "Top topics over time",
        "Entities by label over time",
        "Top topics in range",
        "Entities by label in range",
    ],
}


@pytest.fixture(scope="module")
def dashboard() -> dict[str, Any]:
    return load_dashboard(DASHBOARD)


def rows(dashboard: dict[str, Any]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = None
    for panel in dashboard["panels"]:
        if panel["type"] == "row":
            current = panel["title"]
            out[current] = []
        else:
            assert current is not None, f"{panel['title']} is above the first row"
            out[current].append(panel["title"])
    return out


def test_dashboard_lists_the_expected_panels(dashboard: dict[str, Any]) -> None:
    assert dashboard["uid"] == "livediff"
    assert rows(dashboard) == EXPECTED_PANELS
    ids = [p["id"] for p in dashboard["panels"]]
    assert len(ids) == len(set(ids))


def test_panels_do_not_overlap(dashboard: dict[str, Any]) -> None:
    cells: dict[tuple[int, int], str] = {}
    for panel in dashboard["panels"]:
        g = panel["gridPos"]
        assert g["x"] + g["w"] <= 24, panel["title"]
        for x in range(g["x"], g["x"] + g["w"]):
            for y in range(g["y"], g["y"] + g["h"]):
                assert (x, y) not in cells, (panel["title"], cells.get((x, y)))
                cells[(x, y)] = panel["title"]


def test_every_query_uses_the_provisioned_datasource_and_real_metrics(
    dashboard: dict[str, Any],
) -> None:
    provisioned = yaml.safe_load((GRAFANA / "provisioning/datasources/prometheus.yml").read_text())
    uid = provisioned["datasources"][0]["uid"]
    known = series_names()
    for panel in dashboard["panels"]:
        if panel["type"] == "row":
            continue
        assert panel["datasource"]["uid"] == uid, panel["title"]
        assert panel["targets"], panel["title"]
        for target in panel["targets"]:
            assert target["datasource"]["uid"] == uid
            unknown = livediff_names(target["expr"]) - known
            assert not unknown, (panel["title"], unknown)
    assert len(dashboard_queries(dashboard)) >= 25


def test_provisioning_points_at_the_mounted_dashboards() -> None:
    providers = yaml.safe_load((GRAFANA / "provisioning/dashboards/livediff.yml").read_text())
    path = providers["providers"][0]["options"]["path"]
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    volumes = compose["services"]["grafana"]["volumes"]
    assert f"./deploy/grafana/dashboards:{path}:ro" in volumes
    home = compose["services"]["grafana"]["environment"][
        "GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"
    ]
    assert home == f"{path}/{DASHBOARD.name}"
