"""Finding a real Kafka broker for the integration tests, and stopping what we started.

Order: ``KAFKA_BOOTSTRAP_SERVERS`` if set; else the local launcher
(``deploy/local/kafka-local``, Kafka ``LIVEDIFF_TEST_KAFKA_VERSION``, default 4.3.0);
else testcontainers' Kafka, only when a Docker engine answers a ping. When none
works the caller fails in CI and skips elsewhere: CI must never pass without a broker.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import uuid
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "DEFAULT_VERSION",
    "LAUNCHER",
    "Broker",
    "BrokerUnavailable",
    "find_broker",
    "local",
    "restart",
]

ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = ROOT / "deploy" / "local" / "kafka-local"
DEFAULT_VERSION = "4.3.0"
READY_LINE = "Kafka Server started"  # what the launcher waits for, too


class BrokerUnavailable(RuntimeError):
    """No way to get a broker; the message lists what was tried and why it failed."""


@dataclass(frozen=True)
class Broker:
    bootstrap_servers: str
    source: str  # "env", "local <version>" or "testcontainers"
    version: str | None = None
    info: dict[str, str] = field(default_factory=dict)  # launcher state (log, sasl address...)


@contextlib.contextmanager
def local(version: str, *extra: str) -> Iterator[Broker]:
    """Start a uniquely named local broker, yield it, always stop it."""
    if not (shutil.which("java") and shutil.which("mvn")):
        raise BrokerUnavailable("local launcher: needs java and mvn on PATH")
    name = f"pytest-{uuid.uuid4().hex[:8]}"
    names = ["--name", name, "--kafka-version", version]
    done = subprocess.run(
        [str(LAUNCHER), "start", *names, "--json", *extra],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if done.returncode != 0:
        raise BrokerUnavailable(f"local launcher failed ({done.returncode}):\n{done.stderr}")
    try:
        info = json.loads(done.stdout)
        yield Broker(info["bootstrap_servers"], f"local {version}", version, info)
    finally:
        subprocess.run([str(LAUNCHER), "stop", *names], check=False, timeout=120)
        if (restarted := _restarted.pop(name, None)) is not None:
            restarted.wait(60)  # stopped by the launcher above; reap it


_restarted: dict[str, subprocess.Popen[bytes]] = {}  # broker name -> process restart() started


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def _serves(address: str) -> bool:
    host, _, port = address.rpartition(":")
    try:
        with socket.create_connection((host, int(port)), timeout=2):
            return True
    except OSError:
        return False


def restart(broker: Broker, *, down_s: float = 2.0, timeout: float = 180.0) -> float:
    """Stop a broker from :func:`local` and start the same process again; return seconds down.

    Same command line, data dir (``log.dirs``, KRaft metadata) and ports, so clients
    reconnect to the address they know and find every topic, committed offset and
    transaction where it was. SIGTERM is Kafka's controlled shutdown (a crash is the
    worker's test). The launcher's state file gets the new pid, so ``kafka-local stop``
    (the end of :func:`local`) still stops and cleans it up.
    """
    pid = int(broker.info["pid"])
    argv = [a.decode() for a in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0") if a]
    workdir, logfile = Path(broker.info["dir"]), Path(broker.info["log"])
    started = time.monotonic()
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 60
    while _alive(pid):
        if time.monotonic() > deadline:  # controlled shutdown hangs: a crash will do
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            deadline = float("inf")
        time.sleep(0.1)
    if (previous := _restarted.pop(broker.info["name"], None)) is not None:
        previous.wait(10)  # our own child from an earlier restart: reap it
    time.sleep(down_s)
    offset = logfile.stat().st_size
    with open(logfile, "ab") as out:
        proc = subprocess.Popen(
            argv, cwd=workdir, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    broker.info["pid"] = str(proc.pid)
    _restarted[broker.info["name"]] = proc
    state = ROOT / ".kafka" / "run" / f"{broker.info['name']}.json"
    saved = json.loads(state.read_text())
    state.write_text(json.dumps(saved | {"pid": proc.pid}, indent=2) + "\n")
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise BrokerUnavailable(f"restarted broker exited with status {proc.returncode}")
        with open(logfile, "rb") as fh:
            fh.seek(offset)
            if READY_LINE.encode() in fh.read() and _serves(broker.bootstrap_servers):
                return time.monotonic() - started
        if time.monotonic() > deadline:
            raise BrokerUnavailable(f"restarted broker not ready after {timeout:.0f}s")
        time.sleep(0.2)


def _docker_answers() -> bool:
    """A Docker engine that answers, not merely a CLI or a socket path."""
    host = os.environ.get("DOCKER_HOST", "")
    if not host and not Path("/var/run/docker.sock").exists():
        return False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)  # docker-py leaks on failure
        try:
            import docker  # type: ignore[import-untyped]

            client = docker.from_env(timeout=3)
            try:
                return bool(client.ping())
            finally:
                client.close()
        except Exception:
            return False
        finally:
            gc.collect()


@contextlib.contextmanager
def _testcontainers() -> Iterator[Broker]:
    from testcontainers.community.kafka import KafkaContainer  # type: ignore[import-untyped]

    with KafkaContainer().with_kraft() as container:
        yield Broker(container.get_bootstrap_server(), "testcontainers")


@contextlib.contextmanager
def find_broker() -> Iterator[Broker]:
    """The broker for this test session (see the module docstring for the order)."""
    if servers := os.environ.get("KAFKA_BOOTSTRAP_SERVERS"):
        yield Broker(servers, "env")
        return
    version = os.environ.get("LIVEDIFF_TEST_KAFKA_VERSION", DEFAULT_VERSION)
    tried: list[str] = []
    try:
        with local(version) as broker:
            yield broker
            return
    except BrokerUnavailable as exc:
        tried.append(str(exc))
    if _docker_answers():
        with _testcontainers() as broker:
            yield broker
            return
    tried.append("testcontainers: no Docker engine answered a ping")
    raise BrokerUnavailable("no Kafka broker for the integration tests:\n" + "\n".join(tried))
