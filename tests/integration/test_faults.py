"""Faults while a long sequence streams: five SIGKILLs of the worker and one broker restart.

A dedicated local broker (it gets restarted, so never the session's) carries a
long multi-page history, fed at a steady rate for about a minute and a half.
Meanwhile the test kills the worker with SIGKILL at seeded random moments (the
seed and the fault times are printed; ``LIVEDIFF_FAULT_SEED`` replays a run),
restarts it each time, and once stops and starts the broker on the same data
dir and port. A ``read_committed`` consumer must then hold exactly the events
``streams replay`` gives for the same input, byte for byte: none lost, none
twice. The events that aborted transactions left in the log are counted too
(a ``read_uncommitted`` read): they show the kills cut open transactions. Read
that way, the same run fails with dozens of duplicates, so the check has teeth.

Each (re)started worker must be not ready on ``/readyz`` while its table
recovers, then ready, and report in ``/metrics`` a new process start time (what
Prometheus counts restarts with) and the pages its page-state table recovered
from the changelog: at least every page whose events were committed before the
kill.
"""

from __future__ import annotations

import asyncio
import os
import random
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import orjson
import pytest
from aiokafka import AIOKafkaConsumer  # type: ignore[import-untyped]
from prometheus_client.parser import text_string_to_metric_families

from tests.integration.helpers import Tail, produce, unique
from tests.integration.kafka import DEFAULT_VERSION, Broker, BrokerUnavailable, local, restart
from tests.integration.sequences import encode_all, envelope_key, live_sequence
from tests.integration.workers import Names, WorkerProcess, replay_events

pytestmark = pytest.mark.integration

KILLS = 5
PAGES, STEPS = 8, 50  # 400 snapshots
FEED_S = 90.0  # about as long as the faults take (a restart to ready: ~15 s), so they hit it
READY_TIMEOUT_S = 120.0


@pytest.fixture(scope="module")
def own_broker() -> Iterator[Broker]:
    """A broker this module alone uses, so restarting it disturbs no other test."""
    if os.environ.get("KAFKA_BOOTSTRAP_SERVERS"):
        pytest.skip("restarting the broker needs the local launcher, not KAFKA_BOOTSTRAP_SERVERS")
    version = os.environ.get("LIVEDIFF_TEST_KAFKA_VERSION", DEFAULT_VERSION)
    try:
        with local(version) as broker:
            yield broker
    except BrokerUnavailable as exc:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"CI needs a Kafka broker and none could be started: {exc}")
        pytest.skip(str(exc))


@dataclass
class Figures:
    """What happened, printed at the end whatever the outcome."""

    seed: int
    snapshots: int = 0
    expected: int = 0
    faults: list[str] = field(default_factory=list)
    recovered: list[int] = field(default_factory=list)  # pages, per start
    crashes: int = 0  # exits the worker chose itself (a supervisor restarts it)
    aborted: int = -1  # event records in aborted transactions (-1: not counted)

    def line(self, t0: float, what: str) -> None:
        self.faults.append(f"t={time.monotonic() - t0:5.1f}s {what}")


class Feed:
    """Produces the envelopes at a steady rate; ``gate`` keeps sends out of a broker restart."""

    def __init__(self, bootstrap: str, topic: str, envelopes: list[bytes]) -> None:
        self.bootstrap, self.topic, self.envelopes = bootstrap, topic, envelopes
        self.gate = asyncio.Lock()
        self.sent = 0

    async def run(self, seconds: float, batch: int = 5) -> None:
        pause = seconds * batch / len(self.envelopes)
        for i in range(0, len(self.envelopes), batch):
            chunk = self.envelopes[i : i + batch]
            async with self.gate:
                await produce(self.bootstrap, self.topic, [(envelope_key(e), e, ()) for e in chunk])
            self.sent += len(chunk)
            await asyncio.sleep(pause)


async def _get(port: int, path: str) -> tuple[int, str]:
    timeout = aiohttp.ClientTimeout(total=3)
    url = f"http://127.0.0.1:{port}{path}"
    async with aiohttp.ClientSession(timeout=timeout) as session, session.get(url) as resp:
        return resp.status, await resp.text()


async def ready_metrics(worker: WorkerProcess) -> tuple[dict[str, float], str]:
    """Wait until ``/readyz`` answers 200; the unlabelled ``/metrics`` samples then, and the
    first 503 answer seen before (``""`` if none): the table still recovering, say."""
    deadline = time.monotonic() + READY_TIMEOUT_S
    not_ready = ""
    while True:
        if not worker.alive:
            raise AssertionError(f"worker exited before it was ready:\n{worker.tail()}")
        try:
            status, text = await _get(worker.metrics_port, "/readyz")
            if status == 200:
                break
            not_ready = not_ready or text.strip()
        except (aiohttp.ClientError, TimeoutError):
            pass  # not listening yet
        if time.monotonic() > deadline:
            raise AssertionError(f"not ready after {READY_TIMEOUT_S:.0f}s:\n{worker.tail()}")
        await asyncio.sleep(0.1)
    _, text = await _get(worker.metrics_port, "/metrics")
    samples = {
        s.name: s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
        if not s.labels
    }
    return samples, not_ready


async def everything_written(bootstrap: str, topics: list[str]) -> list[bytes]:
    """Every record value in ``topics``, aborted transactions included (``read_uncommitted``).

    On the event topics, minus what ``read_committed`` shows, that is what the kills
    cut off mid-transaction: the figure that says the faults hit open transactions,
    not idle moments. On the snapshot topic: proof the input itself arrived whole.
    """
    consumer = AIOKafkaConsumer(
        *topics,
        bootstrap_servers=bootstrap,
        group_id=unique("raw"),
        isolation_level="read_uncommitted",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    values: list[bytes] = []
    quiet_since = time.monotonic()
    try:
        while time.monotonic() - quiet_since < 3.0:
            batch = await consumer.getmany(timeout_ms=500)
            if batch:
                values += [r.value for records in batch.values() for r in records]
                quiet_since = time.monotonic()
    finally:
        await consumer.stop()
    return values


def pages_in(tail: Tail) -> set[str]:
    """Pages with at least one committed event: their state was committed with it."""
    return {orjson.loads(r.value)["page_url"] for r in tail.records}


def schedule(rng: random.Random) -> list[tuple[str, float]]:
    """The faults in order, each with its delay (s) after the worker last turned ready.

    Five kills, each 1-6 s into a worker's life (busy: catching up on what
    arrived while it was down, or on the live feed), and one broker restart
    inside one of the lives between two kills.
    """
    faults: list[tuple[str, float]] = [("kill", rng.uniform(1.0, 6.0)) for _ in range(KILLS)]
    faults.insert(rng.randrange(1, KILLS), ("broker", rng.uniform(0.5, 4.0)))
    return faults


async def test_five_kills_and_a_broker_restart_lose_and_duplicate_nothing(
    own_broker: Broker, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = int(os.environ.get("LIVEDIFF_FAULT_SEED") or random.SystemRandom().randrange(2**32))
    figures = Figures(seed)
    started = time.monotonic()
    try:
        await _run(own_broker, tmp_path, figures, random.Random(seed))
    finally:
        with capsys.disabled():
            print(f"\nfault test: seed {seed} (LIVEDIFF_FAULT_SEED={seed} replays it)")
            print("\n".join(f"  {f}" for f in figures.faults))
            print(f"  pages recovered per start: {figures.recovered}")
            print(f"  run time {time.monotonic() - started:.0f}s")


async def _run(broker: Broker, tmp_path: Path, figures: Figures, rng: random.Random) -> None:
    bootstrap = broker.bootstrap_servers
    names = Names.fresh(partitions=3)
    await names.create(bootstrap)
    envelopes = encode_all(live_sequence(pages=PAGES, steps=STEPS, seed=rng.randrange(2**16)))
    worker = WorkerProcess(
        names,
        bootstrap,
        tmp_path,
        LIVEDIFF_ENRICH_ENGINE="fast",  # the same events either way; restarts load no model
        LIVEDIFF_WORKER__SESSION_TIMEOUT_S="6",  # a killed member leaves the group sooner
        LIVEDIFF_METRICS__SAMPLE_INTERVAL_S="0.5",
        # Transactions stay open up to 1 s (default 0.1 s): most kills then land inside one
        # that already holds events, state and offsets, the case exactly-once is about.
        LIVEDIFF_WORKER__COMMIT_INTERVAL_S="1.0",
    )
    figures.faults.append(f"worker log (every start): {worker.log}")
    expected = replay_events(envelopes, tmp_path, worker.env)
    figures.snapshots, figures.expected = len(envelopes), len(expected)
    feed = Feed(bootstrap, names.snapshots, envelopes)
    start_times: list[float] = []

    async def start(reason: str) -> None:
        worker.start()
        metrics, not_ready = await ready_metrics(worker)
        # Not ready while the table recovers: a restarted worker gets no traffic before.
        assert "table_recovered" in not_ready, f"{reason}: /readyz said {not_ready!r}"
        start_times.append(metrics["livediff_process_start_time_seconds"])
        figures.recovered.append(int(metrics["livediff_state_recovered_pages"]))
        assert metrics["livediff_state_recoveries_total"] >= 1, reason
        figures.line(t0, f"start #{worker.starts} ready ({reason}), "
                     f"{figures.recovered[-1]} pages recovered")  # fmt: skip

    async def supervise() -> None:
        """What Kubernetes or Compose would do: restart a worker that exited by itself."""
        if not worker.alive:
            assert worker.proc is not None
            figures.crashes += 1
            figures.line(t0, f"worker exited by itself (status {worker.proc.returncode})")
            await start("after its exit")

    kills = 0
    async with Tail(bootstrap, names.events) as tail:
        t0 = time.monotonic()
        feeding = asyncio.create_task(feed.run(FEED_S))
        try:
            await start("first")
            for fault, delay in schedule(rng):
                await asyncio.sleep(delay)
                await supervise()
                if fault == "broker":
                    async with feed.gate:
                        down = await asyncio.to_thread(restart, broker, down_s=2.0)
                    figures.line(t0, f"broker restarted ({down:.1f}s without a broker)")
                    await asyncio.sleep(2.0)
                    await supervise()
                    await ready_metrics(worker)  # ready with the broker back
                    figures.line(t0, "worker ready with the broker back")
                    continue
                committed = pages_in(tail)
                worker.kill()
                kills += 1
                progress = f"{feed.sent}/{len(envelopes)} sent, {len(tail.records)} events seen"
                figures.line(t0, f"SIGKILL #{kills} ({progress})")
                await start(f"after kill #{kills}")
                assert figures.recovered[-1] >= len(committed), (
                    f"start #{worker.starts} recovered {figures.recovered[-1]} pages; "
                    f"{len(committed)} pages had committed events before the kill"
                )
            await feeding
            figures.line(t0, "feed done")
            try:
                await tail.wait(len(expected), 120, lambda: worker.alive)
            except AssertionError as exc:  # the figures below say what is missing
                figures.line(t0, f"stopped waiting: {exc}")
            await tail.settle(3.0)
            figures.line(t0, f"{len(tail.records)} events read")
            written = await everything_written(bootstrap, names.events)
            figures.aborted = len(written) - len(tail.records)
            arrived = await everything_written(bootstrap, [names.snapshots])
        finally:
            feeding.cancel()
            worker.kill()
    # The input is whole (the feed and the broker restart lost nothing): what follows is
    # the worker's doing.
    lacking = Counter(envelopes) - Counter(arrived)
    figures.faults.append(f"snapshots on the topic {len(arrived)}, lacking {lacking.total()}")
    for envelope in list(lacking)[:3]:
        snap = orjson.loads(envelope)
        figures.faults.append(f"lacking {snap['url']} {snap.get('snapshot_id')}")
    assert not lacking, "the snapshot topic lacks some of the input"
    check_exactly_once([r.value for r in tail.records], expected, figures)
    assert kills == KILLS
    assert worker.starts == KILLS + 1 + figures.crashes
    assert start_times == sorted(set(start_times)), "each start reports its own start time"
    assert figures.recovered[0] == 0, "the first start has no state to recover"
    assert max(figures.recovered[1:]) > 0, "no restart recovered a page: nothing was tested"


def check_exactly_once(got: list[bytes], expected: list[bytes], figures: Figures) -> None:
    want = {orjson.loads(v)["event_id"]: v for v in expected}
    assert len(want) == len(expected), "replay gave two events with one event_id"
    seen = Counter(orjson.loads(v)["event_id"] for v in got)
    lost = want.keys() - seen.keys()
    extra = seen.keys() - want.keys()
    duplicated = sum(n - 1 for n in seen.values())
    unlike = [(v, want[i]) for v in got if (i := orjson.loads(v)["event_id"]) in want]
    unlike = [(a, b) for a, b in unlike if a != b]
    differ = len(unlike)
    figures.faults.append(
        f"snapshots {figures.snapshots}, events expected {len(expected)}, read {len(got)}, "
        f"kills {KILLS}, broker restarts 1, worker exits {figures.crashes}, "
        f"events in aborted (or open) transactions {figures.aborted}: "
        f"lost {len(lost)}, duplicated {duplicated}, unexpected {len(extra)}, differing {differ}"
    )
    if lost:
        e = orjson.loads(want[min(lost)])
        what = {k: e[k] for k in ("type", "entry_id", "page_url", "snapshot_id", "fetched_at")}
        figures.faults.append(f"a lost event: {what}")
    if unlike:
        a, b = (orjson.loads(v) for v in unlike[0])
        fields = {k: (a.get(k), b.get(k)) for k in a.keys() | b.keys() if a.get(k) != b.get(k)}
        figures.faults.append(f"first differing event {a['event_id']}, read vs replay: {fields}")
    assert (len(lost), duplicated, len(extra), differ) == (0, 0, 0, 0)
