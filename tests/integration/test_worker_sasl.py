"""``streams worker`` on a broker that wants SASL: works with credentials, fails clearly without.

A dedicated local broker opens a SASL_PLAINTEXT listener (PLAIN and SCRAM
users from ``kafka-local --sasl``) next to its PLAINTEXT one. The worker only
gets the SASL address and its credentials from the environment, exactly as
deployed (``KAFKA_SECURITY_PROTOCOL``, ``KAFKA_SASL_*``); the test feeds and
reads on the PLAINTEXT listener. Every client inside the worker (consumer,
transactional producers, admin, the metrics sampler) must authenticate, or
the events never appear. With a wrong password, no SASL at all, or incomplete
settings the worker must exit non-zero within a bounded time with one clear
line on stderr, and never print the password.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from tests.integration.helpers import Tail, produce, unique
from tests.integration.kafka import DEFAULT_VERSION, Broker, BrokerUnavailable, local
from tests.integration.sequences import encode_all, envelope_key, live_sequence
from tests.integration.workers import ROOT, Names, WorkerProcess, replay_events

pytestmark = pytest.mark.integration

USER = "livediff-worker"
FAIL_WITHIN_S = 120.0  # a failing start must end by then; a hang fails the test


@pytest.fixture(scope="module")
def sasl_broker() -> Iterator[tuple[Broker, str]]:
    """A broker of this module's own with a SASL_PLAINTEXT listener; yields it and the password."""
    if os.environ.get("KAFKA_BOOTSTRAP_SERVERS"):
        pytest.skip("a SASL listener needs the local launcher, not KAFKA_BOOTSTRAP_SERVERS")
    version = os.environ.get("LIVEDIFF_TEST_KAFKA_VERSION", DEFAULT_VERSION)
    password = unique("pw")
    try:
        with local(version, "--sasl", f"{USER}:{password}") as broker:
            yield broker, password
    except BrokerUnavailable as exc:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"CI needs a Kafka broker and none could be started: {exc}")
        pytest.skip(str(exc))


def sasl_env(mechanism: str, password: str | None) -> dict[str, str]:
    env = {"KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT", "KAFKA_SASL_MECHANISM": mechanism}
    env["KAFKA_SASL_USERNAME"] = USER
    if password is not None:
        env["KAFKA_SASL_PASSWORD"] = password
    return env


@pytest.mark.parametrize("mechanism", ["SCRAM-SHA-512", "PLAIN"])
async def test_worker_with_credentials_publishes_the_events(
    sasl_broker: tuple[Broker, str], mechanism: str, tmp_path: Path
) -> None:
    broker, password = sasl_broker
    names = Names.fresh(partitions=2)
    await names.create(broker.bootstrap_servers)
    envelopes = encode_all(live_sequence(pages=2, steps=4, seed=41))
    worker = WorkerProcess(
        names,
        broker.info["sasl_bootstrap_servers"],
        tmp_path,
        LIVEDIFF_ENRICH_ENGINE="fast",
        LIVEDIFF_METRICS__SAMPLE_INTERVAL_S="0.5",
        **sasl_env(mechanism, password),
    )
    expected = replay_events(envelopes, tmp_path, worker.env)
    assert expected
    await produce(
        broker.bootstrap_servers, names.snapshots, [(envelope_key(e), e, ()) for e in envelopes]
    )
    async with Tail(broker.bootstrap_servers, names.events) as tail:
        with worker:
            await tail.wait(len(expected), 120, lambda: worker.alive)
            await tail.settle(2.0)
            metrics = await scrape(worker.metrics_port)
            log = worker.log_text()
            assert worker.alive, worker.tail()
    assert sorted(r.value for r in tail.records) == sorted(expected)
    # Consumer lag comes from the group's committed offsets, read by the sampler's own admin
    # client: it authenticated too.
    lag = f'livediff_consumer_lag_messages{{partition="0",topic="{names.snapshots}"}}'
    assert lag in metrics, metrics
    assert "sampling worker metrics failed" not in log
    assert password not in log


async def scrape(port: int) -> str:
    async with aiohttp.ClientSession() as session:
        for _ in range(50):  # the sampler reports lag once partitions are assigned
            async with session.get(f"http://127.0.0.1:{port}/metrics") as resp:
                text = await resp.text()
            if "livediff_consumer_lag_messages{" in text:
                break
            await asyncio.sleep(0.2)
    return text


def run_worker(names: Names, bootstrap: str, tmp_path: Path, **env: str) -> tuple[int, str]:
    """Start ``streams worker`` expecting it to give up; its exit status and stderr."""
    environ = names.env(bootstrap, LIVEDIFF_ENRICH_ENGINE="fast", **env)
    environ |= {"LIVEDIFF_WORKER__DATA_DIR": str(tmp_path / "data")}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "streams", "worker"],
            cwd=ROOT,
            env=environ,
            capture_output=True,
            check=False,
            timeout=FAIL_WITHIN_S,
        )
    except subprocess.TimeoutExpired as exc:
        raise AssertionError(f"the worker still runs after {FAIL_WITHIN_S:.0f}s") from exc
    return done.returncode, done.stderr.decode(errors="replace")


@pytest.mark.parametrize(
    ("case", "settings", "code", "words"),
    [
        ("wrong password", "wrong", 1, "authentication"),
        ("no SASL", "plaintext", 1, "cannot reach kafka"),
        ("no password", "missing", 2, "sasl_password"),
    ],
)
async def test_worker_without_valid_credentials_fails_in_one_line(
    sasl_broker: tuple[Broker, str],
    tmp_path: Path,
    case: str,
    settings: str,
    code: int,
    words: str,
) -> None:
    broker, password = sasl_broker
    names = Names.fresh(partitions=1)
    env = {
        "wrong": sasl_env("SCRAM-SHA-512", "wrong-" + password),
        "plaintext": {"KAFKA_SECURITY_PROTOCOL": "PLAINTEXT"},
        "missing": sasl_env("SCRAM-SHA-512", None),
    }[settings]
    status, err = await asyncio.to_thread(
        run_worker, names, broker.info["sasl_bootstrap_servers"], tmp_path, **env
    )
    lines = err.strip().splitlines()
    assert status == code, f"{case}: exit {status}\n{err}"
    assert len(lines) == 1, f"{case}: want one line on stderr, got:\n{err}"
    assert lines[0].startswith("streams worker: "), lines[0]
    assert words in lines[0].lower(), lines[0]
    assert password not in err
