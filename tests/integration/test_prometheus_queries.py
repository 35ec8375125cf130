"""Every dashboard query and alert expression, run by a real Prometheus on real metrics.

A real ``prometheus`` (Debian package) scrapes, once a second, a real worker
processing a live-blog sequence (plus garbage for the dead-letter topic) on the
test broker, and a real polling producer fetching from a local HTTP server.
Then every PromQL query of deploy/grafana/dashboards/livediff.json runs as
Grafana would run it (a range query, Grafana's variables filled in) and every
expression of deploy/prometheus/alerts.yml as an instant query: each must
parse, the key panels must return data, and the counters must agree with what
was sent. Prometheus itself must report every rule healthy.
"""

from __future__ import annotations

import asyncio
import math
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import orjson
import pytest
import yaml

from streams.models import Snapshot
from tests.deploy.promql import alert_rules, dashboard_queries, load_dashboard
from tests.integration.helpers import produce
from tests.integration.kafka import Broker
from tests.integration.sequences import encode_all, envelope_key, live_sequence
from tests.integration.workers import ROOT, Names, WorkerProcess, replay_events
from tests.ports import free_port
from tests.unit.producer.conftest import serve

pytestmark = pytest.mark.slow

DASHBOARD = ROOT / "deploy" / "grafana" / "dashboards" / "livediff.json"
ALERTS = ROOT / "deploy" / "prometheus" / "alerts.yml"
GARBAGE = [b"this is not json", b'{"url": "caf\xe9"}', b"[1, 2]"]
RATE_WINDOW = "10s"  # Grafana's $__rate_interval at a 1 s scrape interval (>= 4 scrapes)


def prometheus_binary() -> str:
    path = shutil.which("prometheus")
    if path is None:
        message = "prometheus is not installed (scripts/ci-deps installs the Debian package)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def recent(snapshots: list[Snapshot]) -> list[Snapshot]:
    """The sequence moved to just before now, order kept (stale stays stale): so the
    fetched_at -> publish latency is seconds, as in production, not months."""
    ranks = {t: i for i, t in enumerate(sorted({s.fetched_at for s in snapshots}))}
    end = datetime.now(UTC)
    return [
        s.model_copy(
            update={
                "fetched_at": end - (len(ranks) - ranks[s.fetched_at]) * timedelta(milliseconds=20)
            }
        )
        for s in snapshots
    ]


class Prometheus:
    """A real Prometheus on 127.0.0.1 with the project's alert rules, scraping every second."""

    def __init__(self, workdir: Path, targets: dict[str, str]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = {
            "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
            "rule_files": [str(ALERTS)],
            "scrape_configs": [
                {"job_name": job, "static_configs": [{"targets": [target]}]}
                for job, target in targets.items()
            ],
        }
        self.config = workdir / "prometheus.yml"
        self.config.write_text(yaml.safe_dump(config))
        self.log = workdir / "prometheus.log"
        self.argv = [
            prometheus_binary(),
            f"--config.file={self.config}",
            f"--storage.tsdb.path={workdir / 'tsdb'}",
            f"--web.listen-address=127.0.0.1:{self.port}",
            "--log.level=warn",
        ]

    def __enter__(self) -> Prometheus:
        with open(self.log, "wb") as out:
            self.proc = subprocess.Popen(self.argv, stdout=out, stderr=subprocess.STDOUT)
        return self

    def __exit__(self, *exc: object) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)

    async def ready(self, timeout: float = 60.0) -> None:
        """Wait for /-/ready (the TSDB is open and the rules are loaded)."""
        deadline = time.monotonic() + timeout
        async with aiohttp.ClientSession() as session:
            while True:
                assert self.proc.poll() is None, self.log.read_text()
                try:
                    async with session.get(f"{self.url}/-/ready") as resp:
                        if resp.status == 200:
                            return
                except aiohttp.ClientConnectionError:
                    pass
                assert time.monotonic() < deadline, self.log.read_text()
                await asyncio.sleep(0.2)

    async def api(self, path: str, **params: str) -> dict[str, Any]:
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"{self.url}/api/v1/{path}", params=params) as resp,
        ):
            body: dict[str, Any] = await resp.json()
        return body

    async def value(self, expr: str) -> float:
        """The single value of an instant query (NaN when the result is empty)."""
        body = await self.api("query", query=expr)
        result = body["data"]["result"] if body["status"] == "success" else []
        return float(result[0]["value"][1]) if result else math.nan


class Producer:
    """``streams produce`` polling a local server into the test's snapshot topic."""

    def __init__(self, names: Names, bootstrap: str, workdir: Path, urls: list[str]) -> None:
        self.metrics_port = free_port()
        self.log = workdir / "producer.log"
        self.argv = [
            sys.executable,
            "-m",
            "streams",
            "produce",
            "--metrics-port",
            str(self.metrics_port),
        ]
        for url in urls:
            self.argv += ["--url", url]
        self.env = names.env(bootstrap) | {
            "LIVEDIFF_PRODUCER__TOPIC": names.snapshots,
            "LIVEDIFF_PRODUCER__INTERVAL_S": "0.5",
            "LIVEDIFF_PRODUCER__RETRIES": "0",
            "LIVEDIFF_PRODUCER__ALLOW_NETWORKS": '["127.0.0.1/32"]',
            "LIVEDIFF_METRICS__HOST": "127.0.0.1",
        }

    def __enter__(self) -> Producer:
        with open(self.log, "wb") as out:
            self.proc = subprocess.Popen(
                self.argv, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT
            )
        return self

    def __exit__(self, *exc: object) -> None:
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(30)


def grafana_vars(expr: str, range_s: int) -> str:
    """Grafana's built-in variables, as Grafana would fill them in for this time range."""
    return (
        expr.replace("$__rate_interval", RATE_WINDOW)
        .replace("$__interval", "1s")
        .replace("$__range", f"{range_s}s")
    )


def series(result: list[dict[str, Any]], label: str | None = None) -> dict[str, float]:
    """Max finite value per series over the range (keyed by ``label`` or the whole metric)."""
    out: dict[str, float] = {}
    for item in result:
        key = item["metric"].get(label, "") if label else orjson.dumps(item["metric"]).decode()
        points = [float(v) for _, v in item.get("values", [item.get("value", [0, "NaN"])])]
        finite = [p for p in points if math.isfinite(p)]
        if finite:
            out[key] = max(out.get(key, -math.inf), *finite)
    return out


async def test_dashboard_and_alert_queries_on_a_real_prometheus(
    kafka: Broker, tmp_path: Path
) -> None:
    names = Names.fresh(partitions=3)
    await names.create(kafka.bootstrap_servers)
    envelopes = encode_all(recent(live_sequence(pages=4, steps=8, seed=7)))
    worker = WorkerProcess(
        names, kafka.bootstrap_servers, tmp_path, LIVEDIFF_METRICS__SAMPLE_INTERVAL_S="1"
    )
    expected = replay_events(envelopes, tmp_path, worker.env)
    key = envelope_key(envelopes[0])
    started = time.time()
    async with serve() as site:
        with worker:
            worker.wait_ready()
            await wait_http_ok(f"http://127.0.0.1:{worker.metrics_port}/readyz", worker)
            producer = Producer(
                names, kafka.bootstrap_servers, tmp_path, [site.url("/page"), site.url("/missing")]
            )
            targets = {
                "livediff-worker": f"127.0.0.1:{worker.metrics_port}",
                "livediff-producer": f"127.0.0.1:{producer.metrics_port}",
            }
            with Prometheus(tmp_path, targets) as prom:
                await prom.ready()
                # Counters must be seen at zero first: Prometheus takes the first sample
                # as the baseline, so work done before it would never show in rate().
                baseline = 'count(livediff_snapshots_consumed_total{job="livediff-worker"})'
                await wait_until(lambda: has_value(prom, baseline), worker, prom, timeout=60)
                with producer:
                    messages = [(envelope_key(e), e, ()) for e in envelopes]
                    messages += [(key, g, ()) for g in GARBAGE]
                    await produce(kafka.bootstrap_servers, names.snapshots, messages)
                    total = len(messages) + 1  # + the producer's one snapshot of /page

                    async def caught_up() -> bool:
                        lag = await prom.value("sum(livediff_consumer_lag_messages)")
                        done = await prom.value("sum(livediff_snapshots_consumed_total)")
                        return done >= total and lag == 0

                    await wait_until(caught_up, worker, prom, timeout=120)
                    await asyncio.sleep(3)  # a few more scrapes after the last change
                    await check_everything(prom, started, expected, total)
            assert worker.terminate() == 0, worker.tail()  # SIGTERM: the endpoint stops too
        log = worker.log_text()
        assert "sampling worker metrics failed" not in log
        assert "Traceback" not in log, worker.tail()


async def wait_http_ok(url: str, worker: WorkerProcess, timeout: float = 60.0) -> None:
    """The worker's /readyz turns 200 once its table is recovered and it owns partitions."""
    deadline = time.monotonic() + timeout
    async with aiohttp.ClientSession() as session:
        while True:
            try:
                async with session.get(url) as resp:
                    if resp.status == 200:
                        return
                    last = f"{resp.status} {await resp.text()}"
            except aiohttp.ClientConnectionError as exc:
                last = repr(exc)
            assert worker.alive, worker.tail()
            assert time.monotonic() < deadline, f"{url}: {last}"
            await asyncio.sleep(0.2)


async def has_value(prom: Prometheus, expr: str) -> bool:
    return not math.isnan(await prom.value(expr))


async def wait_until(check: Any, worker: WorkerProcess, prom: Prometheus, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not await check():
        assert worker.alive, worker.tail()
        assert prom.proc.poll() is None, prom.log.read_text()
        if time.monotonic() > deadline:
            raise AssertionError(f"metrics never caught up:\n{worker.tail()}")
        await asyncio.sleep(0.5)


async def check_everything(
    prom: Prometheus, started: float, expected: list[bytes], total: int
) -> None:
    end = time.time()
    results = await run_dashboard(prom, started, end)
    check_key_panels(results, expected, total)
    # The counters agree with what was sent: every message, every event, every dead letter.
    assert await prom.value("sum(livediff_snapshots_consumed_total)") == total
    assert await prom.value("sum(livediff_entry_events_total)") == len(expected)
    dead = 'sum(livediff_snapshots_dead_lettered_total{reason="%s"})'
    assert await prom.value(dead % "decode_error") == len(GARBAGE)
    assert await prom.value(dead % "parse_error") == 1  # the producer's page
    ok = 'sum(livediff_producer_fetches_total{job="livediff-producer", status_class="200"})'
    assert await prom.value(ok) == 1
    assert await prom.value("sum(livediff_end_to_end_latency_seconds_count)") == len(expected)
    for rule in alert_rules(ALERTS):
        body = await prom.api("query", query=rule["expr"])
        assert body["status"] == "success", (rule["alert"], body)
    await wait_for_rules_healthy(prom)


async def run_dashboard(
    prom: Prometheus, start: float, end: float
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Every target of every panel, as a Grafana range query; each must parse."""
    out = {}
    range_s = max(1, int(end - start))
    for title, expr in dashboard_queries(load_dashboard(DASHBOARD)):
        body = await prom.api(
            "query_range",
            query=grafana_vars(expr, range_s),
            start=str(start),
            end=str(end),
            step="1",
        )
        assert body["status"] == "success", (title, expr, body)
        out[(title, expr)] = body["data"]["result"]
    return out


def panel(results: dict[tuple[str, str], list[dict[str, Any]]], title: str) -> list[dict[str, Any]]:
    return [r for (t, _), rs in results.items() if t == title for r in rs]


def per_query(
    results: dict[tuple[str, str], list[dict[str, Any]]], title: str
) -> dict[str, dict[str, float]]:
    """Finite maxima per query of one panel, in the panel's order."""
    return {expr: series(rs) for (t, expr), rs in results.items() if t == title}


def check_key_panels(
    results: dict[tuple[str, str], list[dict[str, Any]]], expected: list[bytes], total: int
) -> None:
    assert series(panel(results, "Workers up")) == {"{}": 1.0}
    outcomes = series(panel(results, "Snapshots consumed by outcome"), "outcome")
    assert outcomes["changed"] > 0
    assert outcomes["dead_lettered"] > 0
    assert series(panel(results, "Snapshots / s"))["{}"] > 0
    reasons = series(panel(results, "Dead letters by reason"), "reason")
    assert reasons["decode_error"] > 0
    kinds = {orjson.loads(v)["type"].removeprefix("entry.") for v in expected}
    events = series(panel(results, "Entry events by type"), "type")
    assert {k for k, v in events.items() if v > 0} == kinds
    lag = series(panel(results, "Consumer lag per partition"), "partition")
    assert set(lag) == {"0", "1", "2"}
    latency = per_query(results, "Latency fetched_at → publish")
    assert len(latency) == 3  # p50, p90, p99: each finite at some point
    assert all(0 < v["{}"] < 600 for v in latency.values()), latency
    stages = per_query(results, "Processing time per snapshot (p99)")
    assert all(bool(v) for v in stages.values()), stages  # parse, diff, enrich
    assert series(panel(results, "Assigned partitions per worker"), "instance")
    tracked = panel(results, "Pages and entries tracked")
    pages, entries = (max(series([r]).values()) for r in tracked)
    assert pages == 4  # the sequence's pages; the producer's page is not a live blog
    assert entries > 0
    fetches = series(panel(results, "Producer fetches by status"), "status_class")
    assert "200" in fetches  # one 200 (then the ETag gives 304s): maybe before a scrape
    assert fetches["304"] > 0
    assert fetches["4xx"] > 0
    assert series(panel(results, "Fetch errors by reason"), "reason")["http_status"] > 0
    assert series(panel(results, "Fetch duration (p95)"), "status_class")
    assert series(panel(results, "Memory (RSS) per process"))
    consumed = series(panel(results, "Snapshots consumed by outcome"), "outcome")
    assert consumed  # (rates: exact totals are checked on the counters below)


async def wait_for_rules_healthy(prom: Prometheus) -> None:
    """Prometheus evaluated every alert rule at least once, without an error."""
    deadline = time.monotonic() + 30
    while True:
        body = await prom.api("rules")
        rules = [r for g in body["data"]["groups"] for r in g["rules"]]
        names = {r["name"] for r in rules}
        evaluated = all(r.get("lastEvaluation", "").startswith("2") for r in rules)
        if evaluated and names == {r["alert"] for r in alert_rules(ALERTS)}:
            break
        assert time.monotonic() < deadline, body
        await asyncio.sleep(0.5)
    for rule in rules:
        assert rule["health"] == "ok", rule
        assert not rule.get("lastError"), rule
