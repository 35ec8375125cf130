"""Run ``streams worker`` as a subprocess against the test broker, on uuid-named topics.

Process death matters in these tests (SIGKILL, restarts, two workers), so the
worker runs exactly as deployed: the CLI in its own process, configured only
through the environment.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from aiokafka.structs import ConsumerRecord  # type: ignore[import-untyped]

from tests.integration.helpers import create_topics, unique
from tests.ports import free_port

__all__ = ["ROOT", "Names", "WorkerProcess", "replay_events"]

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Names:
    """One test's app id and topics; nothing is shared with any other test."""

    app_id: str
    snapshots: str
    dlq: str
    new: str
    edited: str
    removed: str
    partitions: int

    @classmethod
    def fresh(cls, partitions: int = 3) -> Names:
        tag = unique("t")
        return cls(
            app_id=f"app-{tag}",
            snapshots=f"snapshots-{tag}",
            dlq=f"dlq-{tag}",
            new=f"new-{tag}",
            edited=f"edited-{tag}",
            removed=f"removed-{tag}",
            partitions=partitions,
        )

    @property
    def events(self) -> list[str]:
        return [self.new, self.edited, self.removed]

    async def create(self, bootstrap: str) -> None:
        """Create every topic up front, so readers never race the worker's declarations."""
        await create_topics(
            bootstrap, [self.snapshots, self.dlq, *self.events], partitions=self.partitions
        )

    def env(self, bootstrap: str, **extra: str) -> dict[str, str]:
        env = dict(os.environ)
        env.pop("KAFKA_BOOTSTRAP_SERVERS", None)
        env |= {
            "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
            "LIVEDIFF_WORKER__APP_ID": self.app_id,
            "LIVEDIFF_WORKER__SNAPSHOTS_TOPIC": self.snapshots,
            "LIVEDIFF_WORKER__DLQ_TOPIC": self.dlq,
            "LIVEDIFF_WORKER__NEW_TOPIC": self.new,
            "LIVEDIFF_WORKER__EDITED_TOPIC": self.edited,
            "LIVEDIFF_WORKER__REMOVED_TOPIC": self.removed,
            "LIVEDIFF_WORKER__PARTITIONS": str(self.partitions),
            "LIVEDIFF_METRICS__PORT": "0",  # a free port: several workers share this host
        }
        return env | extra


class WorkerProcess:
    """One ``streams worker``; its output goes to a log file the test can show on failure."""

    def __init__(self, names: Names, bootstrap: str, workdir: Path, **env: str) -> None:
        self.names = names
        self.workdir = workdir
        self.env = names.env(bootstrap, **env)
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = workdir / f"worker-{unique('log')}.log"
        self.starts = 0
        self.metrics_port = 0

    def start(self) -> WorkerProcess:
        port = str(free_port())
        self.metrics_port = free_port()  # /metrics, /livez, /readyz (streams/health.py)
        env = self.env | {
            "LIVEDIFF_WORKER__WEB_PORT": port,
            "LIVEDIFF_WORKER__WEB_HOST": "127.0.0.1",
            "LIVEDIFF_METRICS__PORT": str(self.metrics_port),
            "LIVEDIFF_METRICS__HOST": "127.0.0.1",
            "LIVEDIFF_WORKER__DATA_DIR": str(self.workdir / "data"),
        }
        with open(self.log, "ab") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "streams", "worker", "--loglevel", "info"],
                cwd=self.workdir,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        self.starts += 1
        return self

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def ready_count(self) -> int:
        """How many times faust said "Worker ready" (once per start, once per rebalance)."""
        return self.log_text().count("Worker ready")

    def wait_ready(self, timeout: float = 90.0, count: int | None = None) -> None:
        want = count if count is not None else self.starts
        deadline = time.monotonic() + timeout
        while self.ready_count() < want:
            if not self.alive:
                raise AssertionError(f"worker exited:\n{self.tail()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"worker not ready after {timeout}s:\n{self.tail()}")
            time.sleep(0.2)

    def kill(self) -> None:
        """SIGKILL: no shutdown hook runs, nothing is flushed or committed."""
        if self.proc is not None and self.alive:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(30)

    def terminate(self, timeout: float = 60.0) -> int:
        assert self.proc is not None
        if self.alive:
            self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout)

    def tail(self, lines: int = 60) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])

    def __enter__(self) -> WorkerProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.kill()


def replay_events(envelopes: Sequence[bytes], workdir: Path, env: dict[str, str]) -> list[bytes]:
    """What ``streams replay`` prints for ``envelopes``: the expected event values."""
    path = workdir / f"{unique('replay')}.jsonl"
    path.write_bytes(b"".join(e + b"\n" for e in envelopes))
    done = subprocess.run(
        [sys.executable, "-m", "streams", "replay", str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=False,
        timeout=300,
    )
    assert done.returncode in (0, 1), done.stderr.decode()
    return done.stdout.splitlines()


def values(records: Iterator[ConsumerRecord] | list[ConsumerRecord]) -> list[bytes]:
    return [r.value for r in records]
