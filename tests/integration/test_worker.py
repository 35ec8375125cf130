"""``streams worker`` on the real broker: same events as replay, exactly once, DLQ.

The worker runs as a subprocess (``WorkerProcess``), topics and app ids are
uuid-named per test, and every check reads with ``read_committed``: what a
downstream consumer would see.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import timedelta
from pathlib import Path

import orjson
import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError
from aiokafka.structs import ConsumerRecord  # type: ignore[import-untyped]

from streams.codec import encode_snapshot
from streams.settings import WorkerSettings
from tests.integration.helpers import Tail, collect, produce
from tests.integration.kafka import Broker
from tests.integration.sequences import encode_all, envelope_key, live_sequence
from tests.integration.workers import ROOT, Names, WorkerProcess, replay_events
from tests.livegen import T0, GenEntry, render_jsonld_html, snapshot

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


def _incompressible_entries(count: int, size: int, seed: int) -> list[GenEntry]:
    """Entries whose bodies are random words: they shrink little under compression."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = []
    for n in range(count, 0, -1):
        words: list[str] = []
        while sum(map(len, words)) < size:
            words.append("".join(rng.choices(letters, k=rng.randint(3, 9))))
        out.append(
            GenEntry(
                entry_id=f"https://news.example/live/big/update-{n}",
                title=f"Update {n}",
                body=" ".join(words) + ".",
                published_at=T0 + timedelta(minutes=n),
            )
        )
    return out


async def committed(bootstrap: str, group: str, offset: int, worker: WorkerProcess) -> None:
    """Wait until ``group`` has committed ``offset`` on partition 0 (or the worker died)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        deadline = asyncio.get_running_loop().time() + 180
        while worker.alive and asyncio.get_running_loop().time() < deadline:
            with contextlib.suppress(KafkaError):  # the group may not exist yet
                offsets = await admin.list_consumer_group_offsets(group)
                if any(meta.offset >= offset for meta in offsets.values()):
                    return
            await asyncio.sleep(0.2)
    finally:
        await admin.close()
    raise AssertionError(f"{group} did not commit offset {offset}:\n{worker.tail()}")


async def test_records_over_a_megabyte_fit_the_topics_the_worker_creates(
    kafka: Broker, tmp_path: Path
) -> None:
    """A page state and a dead letter past the broker's 1 MB default record size.

    A live blog that runs for days keeps thousands of entries in its state, and
    a dead letter carries the whole snapshot: the changelog and the DLQ the
    worker creates must take records up to ``max_request_bytes``, or the first
    such commit fails and the worker stops on it (and again after each restart).
    Only the snapshot topic is created here, as the deployment's topic-init does.
    """
    names = Names.fresh(partitions=1)
    admin = AIOKafkaAdminClient(bootstrap_servers=kafka.bootstrap_servers)
    await admin.start()
    try:
        big_topic = {"max.message.bytes": str(WorkerSettings().max_request_bytes)}
        await admin.create_topics([NewTopic(names.snapshots, 1, 1, topic_configs=big_topic)])
    finally:
        await admin.close()
    entries = _incompressible_entries(400, 6_000, seed=11)
    page = encode_snapshot(snapshot(render_jsonld_html(entries), url="https://news.example/big"))
    garbage = random.Random(3).randbytes(2_000_000)
    producer = AIOKafkaProducer(
        bootstrap_servers=kafka.bootstrap_servers,
        max_request_size=16 * 1024 * 1024,
        enable_idempotence=True,
    )
    await producer.start()
    try:
        for value in (page, garbage):
            await producer.send_and_wait(names.snapshots, value, key=b"https://news.example/big")
    finally:
        await producer.stop()
    with WorkerProcess(names, kafka.bootstrap_servers, tmp_path) as worker:
        # Read once the worker has committed both: a reader subscribing earlier could
        # have the broker auto-create the output topics with its defaults first.
        await committed(kafka.bootstrap_servers, names.app_id, 2, worker)
        got = await collect(
            kafka.bootstrap_servers,
            [*names.events, names.dlq],
            until=lambda r: len(r) >= len(entries) + 1 or not worker.alive,
            timeout=180,
            settle=1.0,
        )
        assert worker.alive, worker.tail()
    events = [orjson.loads(r.value) for r in got if r.topic != names.dlq]
    assert sorted(e["entry_id"] for e in events) == sorted(e.entry_id for e in entries)
    assert {e["type"] for e in events} == {"entry.new"}
    assert [r.value for r in got if r.topic == names.dlq] == [garbage]
    changelog = f"{names.app_id}-page-state-changelog"
    state = await collect(
        kafka.bootstrap_servers, [changelog], until=lambda r: len(r) >= 1, timeout=30
    )
    assert len(state) == 1
    assert len(state[0].value) > 2 * 1024 * 1024
