"""Sinks and --file replay (the Kafka round trip is in tests/integration)."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import orjson

from streams.codec import decode_snapshot, encode_snapshot
from streams.models import Snapshot
from streams.producer.publish import KafkaSink, StdoutSink, replay_lines
from streams.settings import KafkaSettings, ProducerSettings

SNAP = Snapshot(
    url="https://news.example/live",
    fetched_at=datetime(2024, 11, 12, 10, 0, tzinfo=UTC),
    content_type="text/html",
    body="<p>hi</p>",
    status=200,
    snapshot_id="s-1",
)


async def test_stdout_sink_writes_decodable_json_lines() -> None:
    out = io.BytesIO()
    sink = StdoutSink(out)
    await sink.send(SNAP)
    await sink.send_batch([SNAP, SNAP])
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    assert all(decode_snapshot(line) == SNAP for line in lines)


async def test_replay_reports_bad_lines_and_sends_the_rest() -> None:
    good = encode_snapshot(SNAP)
    wrong_schema = orjson.dumps({"url": "https://x.example/", "body": "x"})
    lines = [
        ("f:1", good + b"\n"),
        ("f:2", b"{not json\n"),
        ("f:3", b"\n"),
        ("f:4", b"\xff\xfe\n"),
        ("f:5", wrong_schema + b"\n"),
        ("f:6", b"[1, 2]\n"),
        ("f:7", b'{"body": "' + b"x" * 5000 + b'"}\n'),
        ("f:8", good + b"\r\n"),
    ]
    out = io.BytesIO()
    reports: list[str] = []
    sent, rejected = await replay_lines(lines, StdoutSink(out), reports.append, max_bytes=4096)
    assert (sent, rejected) == (2, 5)
    assert [r.split(":")[1] for r in reports] == ["2", "4", "5", "6", "7"]
    assert "decode_error" in reports[0]
    assert "too_large" in reports[-1]
    assert "UTF-8" in reports[1]
    assert "fetched_at" in reports[2]
    assert len(out.getvalue().splitlines()) == 2


async def test_replay_batches_large_files() -> None:
    batches: list[int] = []

    class Counting(StdoutSink):
        async def send_batch(self, snapshots):  # type: ignore[no-untyped-def]
            batches.append(len(snapshots))

    lines = [(f"f:{i}", encode_snapshot(SNAP)) for i in range(250)]
    sent, _ = await replay_lines(lines, Counting(io.BytesIO()), print, max_bytes=10_000)
    assert sent == 250
    assert batches == [100, 100, 50]


def test_kafka_sink_is_acks_all_idempotent_and_optionally_transactional() -> None:
    kafka = KafkaSettings(bootstrap_servers="127.0.0.1:1")
    plain = KafkaSink(kafka, ProducerSettings())
    assert plain._config["acks"] == "all"
    assert plain._config["enable_idempotence"] is True
    assert plain._config["transactional_id"] is None
    assert not plain.transactional
    txn = KafkaSink(kafka, ProducerSettings(transactional_id="livediff-producer-1"))
    assert txn.transactional
    assert txn._config["transactional_id"] == "livediff-producer-1"


def test_kafka_sink_passes_sasl_through() -> None:
    kafka = KafkaSettings(
        bootstrap_servers="127.0.0.1:1",
        security_protocol="SASL_PLAINTEXT",
        sasl_mechanism="SCRAM-SHA-512",
        sasl_username="svc",
        sasl_password="pw",  # type: ignore[arg-type]
    )
    config = KafkaSink(kafka, ProducerSettings())._config
    assert config["sasl_mechanism"] == "SCRAM-SHA-512"
    assert (config["sasl_plain_username"], config["sasl_plain_password"]) == ("svc", "pw")
