"""The producer against a real broker: envelopes land on the topic, keyed by URL.

Pages come from a real HTTP server on 127.0.0.1 (loopback allowed by the
setting, as in the unit tests); everything is read back with a
``read_committed`` consumer from uuid-named topics.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from streams.codec import decode_snapshot, encode_snapshot
from streams.producer.config import pages_from_urls
from streams.producer.publish import KafkaSink
from streams.producer.service import build_poller
from streams.settings import KafkaSettings, ProducerSettings
from tests.integration.helpers import collect, create_topics, unique
from tests.integration.kafka import Broker, local
from tests.unit.producer.conftest import ETAG, PAGE, serve

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "snapshots.jsonl"


def settings(topic: str, **extra: object) -> ProducerSettings:
    return ProducerSettings(
        topic=topic,
        allow_networks=("127.0.0.1/32",),  # type: ignore[arg-type]
        timeout_s=5,
        **extra,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("transactional", [False, True], ids=["idempotent", "transactional"])
async def test_polled_pages_land_on_the_topic(kafka: Broker, transactional: bool) -> None:
    topic = unique("snapshots")
    await create_topics(kafka.bootstrap_servers, [topic], partitions=3)
    producer = settings(topic, transactional_id=unique("producer") if transactional else None)
    sink = KafkaSink(KafkaSettings(bootstrap_servers=kafka.bootstrap_servers), producer)
    await sink.start()
    async with serve() as server:
        poller, client = build_poller(producer, sink.send)
        pages = [server.url("/page"), server.url("/echo")]
        configs = pages_from_urls(pages, producer)
        try:
            first = await poller.run_once(configs)
            assert first == {"emitted": 2}
            second = await poller.run_once(configs)  # /page answers 304: nothing new
            assert second == {"emitted": 3, "not_modified": 1}
        finally:
            await client.close()
            await sink.stop()
    records = await collect(
        kafka.bootstrap_servers, [topic], until=lambda r: len(r) >= 3, settle=1.0
    )
    assert len(records) == 3
    by_key: dict[bytes, list[object]] = {}
    for record in records:
        snapshot = decode_snapshot(record.value)
        assert record.key == snapshot.url.encode()
        assert (snapshot.body, snapshot.status) == (PAGE, 200)
        by_key.setdefault(record.key, []).append(snapshot)
    assert sorted(len(v) for v in by_key.values()) == [1, 2]
    (page_snapshot,) = by_key[server.url("/page").encode()]
    assert page_snapshot.etag == ETAG  # type: ignore[attr-defined]
    ids = {decode_snapshot(r.value).snapshot_id for r in records}
    assert len(ids) == 3


def _cli_env(kafka: Broker, topic: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIVEDIFF_", "KAFKA_"))}
    env |= {
        "KAFKA_BOOTSTRAP_SERVERS": kafka.bootstrap_servers,
        "LIVEDIFF_PRODUCER__TOPIC": topic,
        "LIVEDIFF_PRODUCER__ALLOW_NETWORKS": '["127.0.0.1/32"]',
    }
    return env


async def test_cli_file_replay_to_kafka_keeps_order_and_reports_bad_lines(
    kafka: Broker, tmp_path: Path
) -> None:
    topic = unique("snapshots")
    await create_topics(kafka.bootstrap_servers, [topic], partitions=2)
    lines = EXAMPLE.read_bytes().splitlines()
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_bytes(b"\n".join([lines[0], b'{"url": "x"}', *lines[1:], b"\xff"]) + b"\n")
    done = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "streams", "produce", "--file", str(mixed)],
        capture_output=True,
        check=False,
        cwd=ROOT,
        env=_cli_env(kafka, topic),
        timeout=180,
    )
    err = done.stderr.decode()
    assert done.returncode == 1, err
    assert f"{mixed}:2: decode_error" in err
    assert f"{mixed}:{len(lines) + 2}: decode_error" in err
    assert f"replayed {len(lines)} envelope(s), rejected 2" in err
    records = await collect(
        kafka.bootstrap_servers, [topic], until=lambda r: len(r) >= len(lines), settle=1.0
    )
    expected = [encode_snapshot(decode_snapshot(line)) for line in lines]
    assert sorted(r.value for r in records) == sorted(expected)
    # One page = one key = one partition: each page's snapshots stay in file order.
    for key in {r.key for r in records}:
        mine = sorted((r for r in records if r.key == key), key=lambda r: r.offset)
        assert len({r.partition for r in mine}) == 1
        assert [r.value for r in mine] == [
            v for v in expected if decode_snapshot(v).url.encode() == key
        ]
    assert {r.key for r in records} == {decode_snapshot(line).url.encode() for line in lines}


async def test_cli_polls_once_into_kafka(kafka: Broker) -> None:
    topic = unique("snapshots")
    await create_topics(kafka.bootstrap_servers, [topic])
    async with serve() as server:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "streams",
            "produce",
            "--once",
            "--url",
            server.url("/page"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env=_cli_env(kafka, topic),
        )
        _, err = await asyncio.wait_for(proc.communicate(), timeout=180)
    assert proc.returncode == 0, err.decode()
    (record,) = await collect(kafka.bootstrap_servers, [topic], until=lambda r: len(r) >= 1)
    snapshot = decode_snapshot(record.value)
    assert (record.key, snapshot.body) == (server.url("/page").encode(), PAGE)


@pytest.fixture(scope="module")
def sasl_broker(kafka: Broker) -> Iterator[tuple[Broker, str, str]]:
    """A second local broker with a SASL_PLAINTEXT listener (PLAIN and SCRAM users)."""
    if kafka.version is None or not kafka.source.startswith("local"):
        pytest.skip(f"SASL check needs the local launcher (broker here: {kafka.source})")
    user, password = "producer", unique("pw")
    with local(kafka.version, "--sasl", f"{user}:{password}") as broker:
        yield broker, user, password


@pytest.mark.parametrize("mechanism", ["PLAIN", "SCRAM-SHA-512"])
async def test_sasl_credentials_pass_through_and_bad_ones_fail_clearly(
    sasl_broker: tuple[Broker, str, str], mechanism: str, tmp_path: Path
) -> None:
    broker, user, password = sasl_broker
    topic = unique("snapshots")
    await create_topics(broker.bootstrap_servers, [topic])
    line = EXAMPLE.read_bytes().splitlines()[0]
    envelopes = tmp_path / "one.jsonl"
    envelopes.write_bytes(line + b"\n")

    async def run(secret: str) -> subprocess.CompletedProcess[bytes]:
        env = _cli_env(broker, topic) | {
            "KAFKA_BOOTSTRAP_SERVERS": broker.info["sasl_bootstrap_servers"],
            "KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT",
            "KAFKA_SASL_MECHANISM": mechanism,
            "KAFKA_SASL_USERNAME": user,
            "KAFKA_SASL_PASSWORD": secret,
        }
        return await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "streams", "produce", "--file", str(envelopes)],
            capture_output=True,
            check=False,
            cwd=ROOT,
            env=env,
            timeout=180,
        )

    ok = await run(password)
    assert ok.returncode == 0, ok.stderr.decode()
    denied = await run("wrong-" + password)
    err = denied.stderr.decode()
    assert denied.returncode == 1
    assert "Authentication failed" in err
    assert "cannot start Kafka producer" in err
    assert password not in err
    (record,) = await collect(broker.bootstrap_servers, [topic], until=lambda r: len(r) >= 1)
    assert record.value == encode_snapshot(decode_snapshot(line))
