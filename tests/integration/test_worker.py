"""``streams worker`` on the real broker: same events as replay, exactly once, DLQ.

The worker runs as a subprocess (``WorkerProcess``), topics and app ids are
uuid-named per test, and every check reads with ``read_committed``: what a
downstream consumer would see.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import timedelta
from pathlib import Path

import orjson
import pytest
from aiokafka.structs import ConsumerRecord  # type: ignore[import-untyped]

from tests.integration.helpers import Tail, collect, produce
from tests.integration.kafka import Broker
from tests.integration.sequences import encode_all, envelope_key, live_sequence
from tests.integration.workers import ROOT, Names, WorkerProcess, replay_events

pytestmark = pytest.mark.integration


def by_entry(values: list[bytes]) -> dict[tuple[str, str], list[bytes]]:
    """Events of each (type, entry), in the order read: Kafka keeps order per key."""
    out: dict[tuple[str, str], list[bytes]] = defaultdict(list)
    for value in values:
        event = orjson.loads(value)
        out[(event["type"], event["entry_id"])].append(value)
    return dict(out)


def assert_same_events(got: list[ConsumerRecord], expected: list[bytes]) -> None:
    """Exactly the events replay gives: none lost, none twice, each byte for byte."""
    values = [r.value for r in got]
    want = {orjson.loads(v)["event_id"]: v for v in expected}
    assert len(want) == len(expected), "replay gave two events with one event_id"
    seen = Counter(orjson.loads(v)["event_id"] for v in values)
    twice = [k for k, n in seen.items() if n > 1]
    assert not twice, f"{len(twice)} events published more than once"
    missing, extra = want.keys() - seen.keys(), seen.keys() - want.keys()
    assert not missing, f"{len(missing)} of {len(want)} expected events never committed"
    assert not extra, f"{len(extra)} events replay does not give"
    differ = [(orjson.loads(v), orjson.loads(want[orjson.loads(v)["event_id"]])) for v in values]
    unlike = [(a, b) for a, b in differ if a != b]
    fields = sorted({k for a, b in unlike for k in a if a[k] != b.get(k)})
    assert not unlike, (
        f"{len(unlike)} events differ from replay's in {fields}, e.g. {unlike[0][0]['event_id']}: "
        + "; ".join(f"{k}: {unlike[0][0][k]!r} != {unlike[0][1].get(k)!r}" for k in fields)
    )
    assert by_entry(values) == by_entry(expected)


async def feed(bootstrap: str, names: Names, envelopes: list[bytes]) -> None:
    await produce(bootstrap, names.snapshots, [(envelope_key(e), e, ()) for e in envelopes])


def produce_file(envelopes: list[bytes], names: Names, env: dict[str, str], workdir: Path) -> str:
    """Feed ``envelopes`` through the real producer: ``streams produce --file``, as deployed."""
    path = workdir / f"{names.snapshots}.jsonl"
    path.write_bytes(b"".join(e + b"\n" for e in envelopes))
    done = subprocess.run(
        [sys.executable, "-m", "streams", "produce", "--file", str(path)],
        cwd=ROOT,
        env=env | {"LIVEDIFF_PRODUCER__TOPIC": names.snapshots},
        capture_output=True,
        check=False,
        timeout=300,
    )
    err = done.stderr.decode()
    assert done.returncode == 0, err
    assert f"replayed {len(envelopes)} envelope(s), rejected 0" in err
    return err


@pytest.mark.parametrize("transactional", [False, True], ids=["idempotent", "transactional"])
async def test_producer_to_worker_gives_exactly_the_events_replay_gives(
    kafka: Broker, tmp_path: Path, transactional: bool
) -> None:
    """``streams produce --file`` -> ``streams worker`` == ``streams replay``, byte for byte.

    The worker is already running when the producer starts, so the snapshots
    stream in (in two runs of the producer: the second half diffs against the
    state the first half left); with a transactional producer the worker reads
    the snapshot topic ``read_committed``.
    """
    names = Names.fresh(partitions=3)
    await names.create(kafka.bootstrap_servers)
    envelopes = encode_all(live_sequence(pages=4, steps=10, seed=11))
    worker = WorkerProcess(names, kafka.bootstrap_servers, tmp_path)
    expected = replay_events(envelopes, tmp_path, worker.env)
    kinds = {orjson.loads(v)["type"] for v in expected}
    assert kinds == {"entry.new", "entry.edited", "entry.removed"}, "sequence too tame"
    producer_env = dict(worker.env)
    if transactional:
        producer_env["LIVEDIFF_PRODUCER__TRANSACTIONAL_ID"] = f"producer-{names.app_id}"
    half = len(envelopes) // 2
    with worker:
        await asyncio.to_thread(worker.wait_ready, 120)
        for part in (envelopes[:half], envelopes[half:]):
            await asyncio.to_thread(produce_file, part, names, producer_env, tmp_path)
        got = await collect(
            kafka.bootstrap_servers,
            names.events,
            until=lambda r: len(r) >= len(expected) or not worker.alive,
            timeout=120,
            settle=2.0,
        )
        assert worker.alive, worker.tail()
    assert_same_events(got, expected)
    for record in got:
        event = orjson.loads(record.value)
        assert record.key == event["entry_id"].encode()
        assert dict(record.headers)["schema_version"] == b"1"
        assert record.topic == {"entry.new": names.new, "entry.edited": names.edited}.get(
            event["type"], names.removed
        )


async def trickle(bootstrap: str, names: Names, envelopes: list[bytes], per_s: float) -> None:
    """Produce at a steady rate, so that kills and rebalances land mid-stream."""
    producer_batch = 5
    for i in range(0, len(envelopes), producer_batch):
        await feed(bootstrap, names, envelopes[i : i + producer_batch])
        await asyncio.sleep(producer_batch / per_s)


async def test_dead_letters_keep_the_bytes_and_the_stream_goes_on(
    kafka: Broker, tmp_path: Path
) -> None:
    names = Names.fresh(partitions=2)
    await names.create(kafka.bootstrap_servers)
    seq = live_sequence(pages=2, steps=6, seed=5)
    page0 = [s for s in seq if s.url == seq[0].url]
    later = next(s for s in page0 if s.fetched_at > page0[0].fetched_at and s.body != seq[0].body)
    first, second, other = encode_all([seq[0], later, seq[1]])
    url = envelope_key(first)
    assert envelope_key(other) != url
    big = orjson.loads(first)
    big["body"] += "<p>" + "x" * 50_000 + "</p>"
    image = orjson.loads(first) | {
        "content_type": "image/png",
        "body": "\u0089PNG not a live blog",
        "fetched_at": (seq[0].fetched_at + timedelta(seconds=30)).isoformat(),  # not stale
    }
    bad: list[tuple[bytes, str, str]] = [  # value, reason, words in the message
        (b"this is not json", "decode_error", "not valid JSON"),
        (b'{"url": "caf\xe9"}', "decode_error", "UTF-8"),
        (orjson.dumps(big), "too_large", "limit"),
        (b'{"url": "https://x.example/", "body": 3}', "decode_error", "schema"),
        (b"[1, 2]", "decode_error", "JSON object"),
        (orjson.dumps(image), "unsupported_content_type", "image/png"),
    ]
    messages = [(url, first, ())]
    messages += [(url, value, ()) for value, _, _ in bad]
    messages += [(url, other, ()), (url, second, ())]  # other: a different page's url
    worker = WorkerProcess(
        names, kafka.bootstrap_servers, tmp_path, LIVEDIFF_LIMITS__MAX_BODY_BYTES="20000"
    )
    expected = replay_events([first, second], tmp_path, worker.env)
    await produce(kafka.bootstrap_servers, names.snapshots, messages)
    with worker:
        got = await collect(
            kafka.bootstrap_servers,
            [*names.events, names.dlq],
            until=lambda r: len(r) >= len(expected) + len(bad) + 1 or not worker.alive,
            timeout=120,
            settle=2.0,
        )
        assert worker.alive, worker.tail()
    assert_same_events([r for r in got if r.topic != names.dlq], expected)
    dead = sorted((r for r in got if r.topic == names.dlq), key=lambda r: r.offset)
    assert [r.value for r in dead] == [v for v, _, _ in bad] + [other]
    for record, (_, reason, words) in zip(dead, [*bad, (b"", "key_mismatch", "url")], strict=True):
        headers = dict(record.headers)
        assert headers["reason"].decode() == reason
        assert words in headers["message"].decode()
        assert headers["source_topic"].decode() == names.snapshots
        assert int(headers["source_offset"]) >= 1
        assert record.key == url


async def test_sigkill_mid_stream_loses_and_duplicates_nothing(
    kafka: Broker, tmp_path: Path
) -> None:
    """Two SIGKILLs and one SIGTERM, each while snapshots stream in and commits are in flight."""
    names = Names.fresh(partitions=3)
    await names.create(kafka.bootstrap_servers)
    envelopes = encode_all(live_sequence(pages=6, steps=30, seed=23))
    worker = WorkerProcess(names, kafka.bootstrap_servers, tmp_path)
    expected = replay_events(envelopes, tmp_path, worker.env)
    quarter = len(envelopes) // 4
    chunks = [envelopes[i * quarter : (i + 1) * quarter] for i in range(3)]
    chunks.append(envelopes[3 * quarter :])
    stops = ["kill", "kill", "term", None]
    async with Tail(kafka.bootstrap_servers, names.events) as tail:
        try:
            for chunk, stop in zip(chunks, stops, strict=True):
                worker.start()
                await asyncio.to_thread(worker.wait_ready, 120)
                mark = len(tail.records)
                feeding = asyncio.create_task(
                    trickle(kafka.bootstrap_servers, names, chunk, per_s=15)
                )
                if stop is not None:  # once this process has committed some of the chunk
                    await tail.wait(mark + 10, 120, lambda: worker.alive)
                    if stop == "kill":
                        worker.kill()
                    else:
                        assert await asyncio.to_thread(worker.terminate) == 0, worker.tail()
                await feeding
            await tail.wait(len(expected), 180, lambda: worker.alive)
            await tail.settle(3.0)
        finally:
            worker.kill()
    assert worker.starts == 4
    assert_same_events(tail.records, expected)


def assigned(log: str, topic: str) -> str:
    """The partition set faust last logged for ``topic`` (e.g. ``{0-2}``), or ``""``."""
    rows = [line for line in log.splitlines() if line.startswith(f"| {topic} ")]
    return rows[-1].split("|")[2].strip() if rows else ""


async def test_two_workers_share_partitions_and_publish_each_event_once(
    kafka: Broker, tmp_path: Path
) -> None:
    names = Names.fresh(partitions=6)
    await names.create(kafka.bootstrap_servers)
    envelopes = encode_all(live_sequence(pages=8, steps=12, seed=31))
    first = WorkerProcess(names, kafka.bootstrap_servers, tmp_path)
    second = WorkerProcess(names, kafka.bootstrap_servers, tmp_path)
    expected = replay_events(envelopes, tmp_path, first.env)
    both_alive = lambda: first.alive and second.alive  # noqa: E731
    half = len(envelopes) // 2
    async with Tail(kafka.bootstrap_servers, names.events) as tail:
        try:
            first.start()
            await trickle(kafka.bootstrap_servers, names, envelopes[:half], per_s=25)
            await tail.wait(len(expected) // 4, 120, lambda: first.alive)
            second.start()  # joins mid-stream: the rebalance moves partitions to it
            await asyncio.to_thread(second.wait_ready, 120)
            await trickle(kafka.bootstrap_servers, names, envelopes[half:], per_s=25)
            await tail.wait(len(expected), 180, both_alive)
            await tail.settle(3.0)
            logs = first.log_text(), second.log_text()
        finally:
            first.kill()
            second.kill()
    assert_same_events(tail.records, expected)
    shares = [assigned(log, names.snapshots) for log in logs]
    assert all(shares), f"each worker should own partitions, got {shares}"
