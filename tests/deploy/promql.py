"""PromQL found in the deploy files, and the series names the code really exports."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
from prometheus_client import CollectorRegistry

from streams.metrics import Metrics

__all__ = ["alert_rules", "dashboard_queries", "livediff_names", "series_names"]

_SUFFIXES = {
    "counter": ("_total",),
    "histogram": ("_bucket", "_sum", "_count"),
    "info": ("_info",),
    "gauge": ("",),
}
_NAME = re.compile(r"\blivediff_[a-z0-9_]+")


def series_names() -> set[str]:
    """Every series name a livediff process can expose (from a fresh registry)."""
    registry = CollectorRegistry()
    Metrics(registry, component="worker")
    return {fam.name + sfx for fam in registry.collect() for sfx in _SUFFIXES[fam.type]}


def livediff_names(expr: str) -> set[str]:
    return set(_NAME.findall(expr))


def alert_rules(path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text())
    return [rule for group in data["groups"] for rule in group["rules"]]


def dashboard_queries(dashboard: dict[str, Any]) -> list[tuple[str, str]]:
    """(panel title, expr) for every query target of every panel, rows included."""
    out = []
    stack = list(dashboard["panels"])
    while stack:
        panel = stack.pop(0)
        stack.extend(panel.get("panels", []))
        out.extend((panel["title"], t["expr"]) for t in panel.get("targets", []))
    return out


def load_dashboard(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text())
    return data
