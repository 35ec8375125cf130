"""`streams produce` end to end: a subprocess against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

from streams.codec import decode_snapshot
from tests.unit.producer.conftest import PAGE, serve

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "snapshots.jsonl"
LOOPBACK = '["127.0.0.1/32"]'


def env(allow: str | None = LOOPBACK) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("LIVEDIFF_", "KAFKA_"))}
    if allow:
        clean["LIVEDIFF_PRODUCER__ALLOW_NETWORKS"] = allow
    clean["LIVEDIFF_PRODUCER__TIMEOUT_S"] = "5"
    return clean


async def produce(*args: str, allow: str | None = LOOPBACK) -> tuple[int, bytes, str]:
    """Run the CLI without blocking the event loop the test server runs on."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "streams",
        "produce",
        *args,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=env(allow),
    )
    out, err = await asyncio.wait_for(proc.communicate(), timeout=120)
    return proc.returncode or 0, out, err.decode()


async def test_once_to_stdout_emits_one_envelope_per_changed_page(tmp_path: Path) -> None:
    async with serve() as server:
        config = tmp_path / "pages.toml"
        config.write_text(
            f'[[pages]]\nurl = "{server.url("/page")}"\n\n'
            f'[[pages]]\nurl = "{server.url("/private/page")}"\n\n'
            f'[[pages]]\nurl = "{server.url("/private/page?x=1")}"\nrespect_robots = false\n'
        )
        code, out, err = await produce("--once", "--stdout", "--config", str(config))
    assert code == 1, err  # one page is disallowed by robots.txt
    snapshots = [decode_snapshot(line) for line in out.splitlines()]
    assert sorted(s.url for s in snapshots) == [
        server.url("/page"),
        server.url("/private/page?x=1"),
    ]
    assert all(s.body == PAGE and s.status == 200 for s in snapshots)
    assert "robots_disallowed 1" in err
    assert "emitted 2" in err


async def test_loopback_refused_without_the_setting() -> None:
    async with serve() as server:
        code, out, err = await produce(
            "--once", "--stdout", "--url", server.url("/page"), allow=None
        )
    assert (code, out) == (1, b"")
    assert "blocked" in err
    assert "loopback" in err
    assert sum(server.state.hits.values()) == 0


async def test_credentials_stay_out_of_stderr_and_keys() -> None:
    async with serve() as server:
        url = server.url("/page?api_key=k3y").replace("http://", "http://bob:hunter2@")
        code, out, err = await produce("--once", "--stdout", "-vv", "--url", url)
    assert code == 0, err
    assert "hunter2" not in err
    assert "k3y" not in err
    assert "hunter2" not in out.decode()
    assert "***" in err
    assert server.state.headers["/page"]["Authorization"].startswith("Basic ")


async def test_bad_config_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "pages.toml"
    bad.write_text('[[pages]]\nurl = "gopher://x.example/"\n')
    code, out, err = await produce("--once", "--stdout", "--config", str(bad))
    assert (code, out) == (2, b"")
    assert "pages[0]: url" in err


def test_file_replay_pipes_into_streams_replay(tmp_path: Path) -> None:
    """`produce --file --stdout | replay -` gives what `replay FILE` gives."""
    lines = EXAMPLE.read_bytes().splitlines(keepends=True)
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_bytes(lines[0] + b"not json\n" + b"".join(lines[1:]))
    produced = subprocess.run(
        [sys.executable, "-m", "streams", "produce", "--stdout", "--file", str(mixed)],
        capture_output=True,
        check=False,
        cwd=ROOT,
        env=env(),
        timeout=120,
    )
    assert produced.returncode == 1
    assert f"rejected {mixed}:2: decode_error" in produced.stderr.decode()
    assert len(produced.stdout.splitlines()) == len(lines)

    def replay(stdin: bytes) -> tuple[int, bytes]:
        done = subprocess.run(
            [sys.executable, "-m", "streams", "replay", "--engine", "none", "-"],
            input=stdin,
            capture_output=True,
            check=False,
            cwd=ROOT,
            timeout=120,
        )
        return done.returncode, done.stdout

    # Parsers evolve (issue 2); whatever replay makes of the file, the pipe must match it.
    assert replay(produced.stdout) == replay(EXAMPLE.read_bytes())


def test_invalid_kafka_settings_never_echo_the_password(tmp_path: Path) -> None:
    bad = env() | {
        "KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT",
        "KAFKA_SASL_MECHANISM": "BOGUS",
        "KAFKA_SASL_USERNAME": "svc",
        "KAFKA_SASL_PASSWORD": "pw-do-not-print",
    }
    done = subprocess.run(
        [sys.executable, "-m", "streams", "produce", "--file", str(EXAMPLE)],
        capture_output=True,
        check=False,
        cwd=ROOT,
        env=bad,
        timeout=120,
    )
    err = done.stderr.decode()
    assert done.returncode == 2
    assert "invalid setting sasl_mechanism" in err
    assert "pw-do-not-print" not in err
