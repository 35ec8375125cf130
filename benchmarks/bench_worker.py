"""``streams worker`` on a real local broker: throughput vs a bare relay, and latency (issue #4).

Workload: ``--pages`` live blogs of ``--window`` entries (JSON-LD pages, ~30 KB
envelopes); every snapshot adds one entry to its page, so each one is parsed,
diffed, enriched (``--engine``, default: the configured engine), yields one
``entry.new`` and one page-state write; older entries roll off.

1. Throughput, median of ``--rounds``. The same ``--snapshots`` messages are
   preloaded into a topic and read by: a bare aiokafka relay (consume ->
   produce the value unchanged to another topic, aiokafka defaults); the same
   relay with the worker's producer settings (acks=all, idempotence, 1 MiB
   batches, zstd); and one ``streams worker`` (exactly-once, as deployed),
   timed from its first commit to its last. Figure: worker / bare relay,
   target >= 0.5. Also printed: the pure step alone (decode, parse, diff,
   enrich, state encoding; no Kafka) -- the worker's own ceiling; and CPU ms
   per message of the bare relay and of the worker, which swing less than
   rates when other jobs share the machine.
2. Latency. The worker runs while snapshots are produced at ``--rate``/s with
   ``fetched_at`` = the moment of sending; a ``read_committed`` reader (fetch
   wait 5 ms) timestamps each event when it becomes visible, i.e. after its
   transaction committed. One first snapshot per page warms up and is not
   counted. Figures: p50/p99 of (visible - fetched_at); target p99 < 500 ms at
   100 snapshots/s.

Run: ``.venv/bin/python benchmarks/bench_worker.py [--engine none] [--rounds 3]``
(uses ``KAFKA_BOOTSTRAP_SERVERS`` if set, else starts ``deploy/local/kafka-local``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from streams.codec import encode_snapshot
from streams.models import PageState, Snapshot
from streams.settings import Limits, Settings, WorkerSettings
from streams.worker.agents import BATCH_MAX
from streams.worker.enrichment import load_enricher
from streams.worker.handler import SnapshotHandler
from streams.worker.records import Source
from streams.worker.stateenc import StateEncoder
from tests.integration.helpers import create_topics, unique
from tests.integration.kafka import Broker, local
from tests.integration.workers import Names, WorkerProcess
from tests.livegen import T0, GenEntry, render_jsonld_html, snapshot

PARTITIONS = 6
_PARAS = [
    "The harbour master said crews would inspect every quay before ferries sail again.",
    "Residents were asked to keep away from the sea wall while waves remain high.",
    "Power returned to most streets by the afternoon, the utility reported.",
    "Volunteers handed out blankets at the town hall, which stays open overnight.",
]


def workload(pages: int, count: int, window: int) -> Iterator[Snapshot]:
    """``count`` snapshots round-robin over ``pages``; each adds one entry to its page."""
    books: list[list[GenEntry]] = [[] for _ in range(pages)]
    made = [0] * pages
    for i in range(count + pages * window):
        p = i % pages
        made[p] += 1
        n = made[p]
        url = f"https://bench.example/live/{p}"
        books[p].insert(
            0,
            GenEntry(
                f"{url}/update-{n}",
                f"Update {n} on page {p}",
                "\n\n".join(f"{para} ({n}.{k})" for k, para in enumerate(_PARAS)),
                T0 + timedelta(minutes=n),
            ),
        )
        del books[p][window:]
        if i < pages * window:
            continue  # warm the pages up to a full window before emitting
        yield snapshot(
            render_jsonld_html(books[p], url=url), url=url, fetched_at=T0 + timedelta(seconds=i)
        )


async def preload(bootstrap: str, topic: str, snaps: list[Snapshot]) -> None:
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap, linger_ms=5, max_request_size=4 * 1024 * 1024
    )
    await producer.start()
    try:
        futures = [
            await producer.send(topic, encode_snapshot(s), key=s.url.encode()) for s in snaps
        ]
        await asyncio.gather(*futures)
    finally:
        await producer.stop()


# The worker's producer settings, minus transactions: same batching, compression, acks.
TUNED = {
    "acks": "all",
    "enable_idempotence": True,
    "linger_ms": 5,
    "max_batch_size": 1024 * 1024,
    "compression_type": "zstd",
}


async def relay(
    bootstrap: str, source: str, count: int, **producer_settings: object
) -> tuple[float, float]:
    """Consume -> produce the same messages unchanged; returns (messages/s, CPU ms/message).

    With no settings this is the bare relay (aiokafka defaults); ``TUNED`` gives it
    the worker's producer settings.
    """
    target = unique("relay-out")
    await create_topics(bootstrap, [target], PARTITIONS)
    consumer = AIOKafkaConsumer(
        source,
        bootstrap_servers=bootstrap,
        group_id=unique("relay"),
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, **producer_settings)
    await consumer.start()
    await producer.start()
    try:
        seen, futures, started, cpu = 0, [], 0.0, 0.0
        while seen < count:
            batch = await consumer.getmany(timeout_ms=1000)
            for records in batch.values():
                if not started:
                    started, cpu = time.perf_counter(), time.process_time()
                for r in records:
                    futures.append(await producer.send(target, r.value, key=r.key))
                seen += len(records)
        await asyncio.gather(*futures)
        await consumer.commit()
        cpu_ms = (time.process_time() - cpu) * 1000 / count
        return count / (time.perf_counter() - started), cpu_ms
    finally:
        await consumer.stop()
        await producer.stop()


async def committed(admin: AIOKafkaAdminClient, group: str) -> int:
    offsets = await admin.list_consumer_group_offsets(group)
    return sum(meta.offset for meta in offsets.values() if meta.offset > 0)


def tree_cpu(pid: int) -> float:
    """CPU seconds of ``pid`` and its children, from /proc."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


async def worker_rate(
    bootstrap: str, names: Names, count: int, workdir: Path, engine: str
) -> tuple[float, float]:
    """Snapshots/s of one worker over a preloaded topic, from its first commit to its last,
    and its CPU ms per snapshot meanwhile (with any child processes)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    worker = WorkerProcess(names, bootstrap, workdir, LIVEDIFF_ENRICH_ENGINE=engine).start()
    try:
        first: tuple[float, int, float] | None = None
        while True:
            done = await committed(admin, names.app_id)
            now = time.perf_counter()
            assert worker.proc is not None
            if first is None and done > 0:
                first = (now, done, tree_cpu(worker.proc.pid))
            if done >= count:
                assert first is not None
                cpu_ms = (tree_cpu(worker.proc.pid) - first[2]) * 1000 / (count - first[1])
                return (count - first[1]) / (now - first[0]), cpu_ms
            if not worker.alive:
                raise RuntimeError(worker.tail())
            await asyncio.sleep(0.02)
    finally:
        worker.kill()
        await admin.close()


def core_rate(snaps: list[Snapshot], engine: str) -> float:
    """The worker's pure step alone (decode, parse, diff, enrich, encode): its ceiling.

    In batches of the agent's size, one enrichment call each, as the worker does;
    each page's state is encoded once per batch (the worker: once per commit).
    """
    handler = SnapshotHandler(WorkerSettings(), Limits(), enrich=load_enricher(engine))
    encoder = StateEncoder()
    states: dict[str, PageState] = {}
    items = [(encode_snapshot(s), Source("t", 0, n, s.url.encode())) for n, s in enumerate(snaps)]
    started = time.perf_counter()
    for at in range(0, len(items), BATCH_MAX):
        touched = set()
        for result in handler.handle_many(items[at : at + BATCH_MAX], states.get):
            if result.state is not None and result.page_url is not None:
                states[result.page_url] = result.state
                touched.add(result.page_url)
        for url in touched:
            encoder.encode(states[url])  # the changelog record
    return len(items) / (time.perf_counter() - started)


async def throughput(
    bootstrap: str, snaps: list[Snapshot], rounds: int, workdir: Path, engine: str
) -> None:
    """``rounds`` x (bare relay, tuned relay, worker) over the same preloaded messages."""
    bare, tuned, worker = [], [], []
    cpu: dict[str, list[float]] = {"bare": [], "worker": []}
    for n in range(rounds):
        names = Names.fresh(partitions=PARTITIONS)
        await names.create(bootstrap)
        await preload(bootstrap, names.snapshots, snaps)
        rate, bare_cpu = await relay(bootstrap, names.snapshots, len(snaps))
        bare.append(rate)
        tuned.append((await relay(bootstrap, names.snapshots, len(snaps), **TUNED))[0])
        rate, worker_cpu = await worker_rate(bootstrap, names, len(snaps), workdir, engine)
        worker.append(rate)
        cpu["bare"].append(bare_cpu)
        cpu["worker"].append(worker_cpu)
        print(
            f"  round {n + 1}: bare relay {bare[-1]:6.0f}/s ({bare_cpu:.2f} ms CPU each), "
            f"tuned relay {tuned[-1]:6.0f}/s, worker {worker[-1]:5.0f}/s "
            f"({worker_cpu:.2f} ms CPU each)"
        )
    med = statistics.median
    core = core_rate(snaps, engine)
    print(f"core step alone, no Kafka         {core:7.0f} snapshots/s  (the worker's ceiling)")
    print(f"relay (bare, aiokafka defaults)   {med(bare):7.0f} snapshots/s")
    print(f"relay (worker's producer config)  {med(tuned):7.0f} snapshots/s")
    print(f"worker (exactly-once)             {med(worker):7.0f} snapshots/s")
    ratios = [w / b for w, b in zip(worker, bare, strict=True)]
    tuned_ratios = [w / t for w, t in zip(worker, tuned, strict=True)]
    print(f"ratio worker / bare relay   median {med(ratios):.2f}  (target >= 0.5)")
    print(f"ratio worker / tuned relay  median {med(tuned_ratios):.2f}")
    print(f"ratio worker / core step    median {med(worker) / core:.2f}")
    # On a shared machine the rates above swing with other load; CPU per message swings less.
    cpu_ratios = [b / w for b, w in zip(cpu["bare"], cpu["worker"], strict=True)]
    print(
        f"CPU per message: bare relay {med(cpu['bare']):.2f} ms, worker {med(cpu['worker']):.2f} "
        f"ms; relay/worker median {med(cpu_ratios):.2f}"
    )


async def stream_at(
    producer: AIOKafkaProducer, topic: str, snaps: list[Snapshot], rate: float
) -> float:
    """Send ``snaps`` at ``rate``/s, each stamped ``fetched_at`` = now; returns seconds taken."""
    start = time.perf_counter()
    for i, snap in enumerate(snaps):
        await asyncio.sleep(max(0.0, start + i / rate - time.perf_counter()))
        now = snap.model_copy(update={"fetched_at": datetime.now(UTC)})
        await producer.send(topic, encode_snapshot(now), key=snap.url.encode())
    await producer.flush()
    return time.perf_counter() - start


async def latency(
    bootstrap: str, snaps: list[Snapshot], rate: float, warmup: int, workdir: Path, engine: str
) -> tuple[float, float]:
    """p50/p99 ms from fetched_at to visible, after ``warmup`` snapshots (not counted)."""
    names = Names.fresh(partitions=PARTITIONS)
    await names.create(bootstrap)
    worker = WorkerProcess(names, bootstrap, workdir, LIVEDIFF_ENRICH_ENGINE=engine).start()
    reader = AIOKafkaConsumer(
        *names.events,
        bootstrap_servers=bootstrap,
        group_id=unique("latency"),
        isolation_level="read_committed",
        auto_offset_reset="earliest",
        fetch_max_wait_ms=5,
    )
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, linger_ms=0)
    seen: list[tuple[datetime, datetime]] = []  # (fetched_at, visible at)

    async def read() -> None:
        while True:
            batch = await reader.getmany(timeout_ms=100)
            now = datetime.now(UTC)
            for records in batch.values():
                for r in records:
                    seen.append((datetime.fromisoformat(orjson.loads(r.value)["fetched_at"]), now))

    await reader.start()
    await producer.start()
    task = asyncio.create_task(read())
    try:
        await asyncio.to_thread(worker.wait_ready, 120)
        await stream_at(producer, names.snapshots, snaps[:warmup], rate)  # first fetch per page
        await asyncio.sleep(2.0)
        measured_from = datetime.now(UTC)
        took = await stream_at(producer, names.snapshots, snaps[warmup:], rate)
        deadline = time.monotonic() + 30
        want = len(snaps) - warmup  # each measured snapshot adds one entry: one event
        while time.monotonic() < deadline:
            if sum(f >= measured_from for f, _ in seen) >= want:
                break
            await asyncio.sleep(0.1)
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        worker.kill()
        await reader.stop()
        await producer.stop()
    delays = [(v - f).total_seconds() * 1000 for f, v in seen if f >= measured_from]
    q = statistics.quantiles(delays, n=100)
    print(
        f"latency at {want / took:.0f} snapshots/s over {took:.0f} s: {len(delays)}/{want} "
        f"events, p50 {q[49]:.0f} ms, p99 {q[98]:.0f} ms, max {max(delays):.0f} ms  "
        f"(target p99 < 500 ms)"
    )
    return q[49], q[98]


async def run(args: argparse.Namespace, broker: Broker) -> None:
    print(f"broker: {broker.source} at {broker.bootstrap_servers}")
    total = args.snapshots + args.pages + int(args.rate * args.latency_seconds)
    snaps = list(workload(args.pages, total, args.window))
    size = statistics.mean(len(encode_snapshot(s)) for s in snaps[:50])
    print(
        f"workload: {args.pages} pages x {args.window} entries, envelopes ~{size / 1024:.0f} KB, "
        f"one new entry per snapshot; enrichment engine: {args.engine}"
    )
    with tempfile.TemporaryDirectory(prefix="bench-worker-") as tmp:
        await throughput(
            broker.bootstrap_servers, snaps[: args.snapshots], args.rounds, Path(tmp), args.engine
        )
        await latency(
            broker.bootstrap_servers,
            snaps[args.snapshots :],
            args.rate,
            args.pages,
            Path(tmp),
            args.engine,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--snapshots", type=int, default=3000, help="throughput run size")
    parser.add_argument("--rounds", type=int, default=3, help="throughput rounds (median)")
    parser.add_argument("--pages", type=int, default=24)
    parser.add_argument("--window", type=int, default=30, help="entries shown per page")
    parser.add_argument("--rate", type=float, default=100.0, help="latency run: snapshots/s")
    parser.add_argument("--latency-seconds", type=float, default=30.0)
    parser.add_argument("--kafka-version", default=os.environ.get("LIVEDIFF_TEST_KAFKA_VERSION"))
    parser.add_argument(
        "--engine",
        default=Settings().enrich_engine,
        help="enrichment engine of the worker (default: the configured one)",
    )
    args = parser.parse_args()
    if servers := os.environ.get("KAFKA_BOOTSTRAP_SERVERS"):
        asyncio.run(run(args, Broker(servers, "env")))
        return
    with local(args.kafka_version or "4.3.0") as broker:
        asyncio.run(run(args, broker))


if __name__ == "__main__":
    main()
