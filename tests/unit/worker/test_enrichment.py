"""The enrichment seam: the child process runs the same function, and dies with its parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import BrokenExecutor
from pathlib import Path

import orjson
import pytest

from streams.errors import ConfigError
from streams.models import EntryEvent
from streams.worker.agents import DiffWorker
from streams.worker.enrichment import EnrichProcess, load_enricher
from streams.worker.handler import SnapshotHandler
from streams.worker.state import PageStore
from tests.unit.worker.conftest import (
    SETTINGS,
    TP,
    URL,
    FakeEvent,
    FakeMessage,
    FakeOutput,
    FakeTable,
    entry,
    envelope,
)

ROOT = Path(__file__).resolve().parents[3]


def events_of(handler: SnapshotHandler) -> tuple[EntryEvent, ...]:
    value = envelope([entry(1, "The mayor of Lisbon spoke."), entry(2)], 1)
    return handler.handle(value, _source(), lambda _: None).events


def _source():  # type: ignore[no-untyped-def]
    from streams.worker.records import Source

    return Source("t", 0, 0, URL.encode())


async def test_the_child_enriches_exactly_as_in_process(handler: SnapshotHandler) -> None:
    events = events_of(handler)
    enrich = load_enricher("fast")
    assert enrich is not None
    child = EnrichProcess("fast")
    try:
        child.start()
        assert await child(events) == enrich(events)
        assert await child(()) == ()
    finally:
        child.close()


def test_an_engine_that_cannot_load_fails_at_start() -> None:
    child = EnrichProcess("bogus")
    try:
        with pytest.raises(ConfigError, match="bogus"):
            child.start()
    finally:
        child.close()


class FakeEnricher:
    def __init__(self, error: BaseException | None = None) -> None:
        self.error = error
        self.closed = False

    async def __call__(self, events: tuple[EntryEvent, ...]) -> tuple[EntryEvent, ...]:
        if self.error is not None:
            raise self.error
        return tuple(e.model_copy(update={"enrichment_version": "fake/1"}) for e in events)

    def close(self) -> None:
        self.closed = True


def make(handler: SnapshotHandler, enricher: FakeEnricher) -> tuple[DiffWorker, FakeOutput]:
    output = FakeOutput()
    store = PageStore(FakeTable(), "chg")
    return DiffWorker(handler, store, output, enricher=enricher), output  # type: ignore[arg-type]


def event(offset: int) -> FakeEvent:
    value = envelope([entry(n) for n in range(offset + 1, 0, -1)], offset + 1)
    return FakeEvent(FakeMessage(TP("pages.snapshots", 0), offset, URL.encode()), value)


async def test_the_worker_sends_what_the_enricher_returns(handler: SnapshotHandler) -> None:
    enricher = FakeEnricher()
    worker, output = make(handler, enricher)
    await worker.process(event(0))
    sent = [r for r, _ in output.sent if r.topic == SETTINGS.new_topic]
    assert len(sent) == 1
    assert b'"enrichment_version":"fake/1"' in sent[0].value
    await worker.shutdown()
    assert enricher.closed


async def test_an_engine_error_dead_letters_a_broken_child_stops(
    handler: SnapshotHandler,
) -> None:
    worker, output = make(handler, FakeEnricher(ValueError("bad input")))
    await worker.process(event(0))
    assert [r.topic for r, _ in output.sent] == [SETTINGS.dlq_topic]  # no state: as in handle()
    assert dict(output.sent[0][0].headers)["reason"] == b"internal_error"
    worker, output = make(handler, FakeEnricher(BrokenExecutor("child died")))
    with pytest.raises(BrokenExecutor):
        await worker.process(event(0))
    assert output.sent == []


def test_the_child_exits_when_its_parent_is_killed(tmp_path: Path) -> None:
    script = (
        "import sys, time\n"
        "from streams.worker.enrichment import EnrichProcess\n"
        "child = EnrichProcess('none'); child.start()\n"
        "print(list(child._pool._processes), flush=True)\n"
        "time.sleep(120)\n"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert parent.stdout is not None
        (pid,) = orjson.loads(parent.stdout.readline())
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 15
        while _alive(pid):
            assert time.monotonic() < deadline, f"child {pid} outlived its SIGKILLed parent"
            time.sleep(0.2)
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait(10)
        if parent.stdout is not None:
            parent.stdout.close()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie waiting for init to reap it is gone for our purposes
    with open(f"/proc/{pid}/stat") as fh:
        return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
