"""`streams worker` and `streams replay` with a bad setup: exit status and ONE clear line.

An operator reads stderr of a crash-looping pod: it must name the variable to
fix (or the broker that failed) in one line, never a traceback or pydantic's
multi-line report, and never echo a value that may be a password.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ports import free_port

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "snapshots.jsonl"
SECRET = "hunter2-do-not-print"


def run(command: str, *args: str, **env: str) -> tuple[int, list[str], str]:
    """(exit status, stderr lines, stdout) of ``streams <command>`` with only ``env`` set."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("LIVEDIFF_", "KAFKA_"))}
    done = subprocess.run(
        [sys.executable, "-m", "streams", command, *args],
        capture_output=True,
        check=False,
        cwd=ROOT,
        env=clean | {"LIVEDIFF_ENRICH_ENGINE": "none", "KAFKA_SASL_PASSWORD": SECRET} | env,
        timeout=120,
    )
    return done.returncode, done.stderr.decode().splitlines(), done.stdout.decode()


def closed_port() -> int:
    """A port nothing listens on."""
    return free_port()


BAD_SETTINGS = [
    ({"LIVEDIFF_ENRICH_ENGINE": "bogus"}, "LIVEDIFF_ENRICH_ENGINE", "'statistical'"),
    ({"LIVEDIFF_WORKER__PARTITIONS": "zero"}, "LIVEDIFF_WORKER__PARTITIONS", "integer"),
    ({"LIVEDIFF_WORKER__PROCESSING_GUARANTEE": "maybe"}, "PROCESSING_GUARANTEE", "exactly_once"),
    ({"LIVEDIFF_LIMITS__MAX_BODY_BYTES": "-1"}, "LIVEDIFF_LIMITS__MAX_BODY_BYTES", "greater"),
    ({"KAFKA_SECURITY_PROTOCOL": "TLS"}, "KAFKA_SECURITY_PROTOCOL", "SASL_SSL"),
    ({"KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT"}, "KAFKA_*", "sasl_mechanism"),
]
BAD_BOOTSTRAP = ["", " , ", "broker", "broker:port", "broker:0", "broker:99999", "kafka://b:9092"]


@pytest.mark.parametrize(("env", "variable", "words"), BAD_SETTINGS)
@pytest.mark.parametrize("command", ["worker", "replay"])
def test_an_invalid_setting_is_one_line_and_exit_2(
    command: str, env: dict[str, str], variable: str, words: str
) -> None:
    args = [str(EXAMPLE)] if command == "replay" else []
    code, err, out = run(command, *args, KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:9", **env)
    assert code == 2, err
    assert len(err) == 1, "\n".join(err)
    assert err[0].startswith(f"streams {command}: invalid setting "), err[0]
    assert variable in err[0]
    assert words in err[0]
    assert SECRET not in err[0]
    assert out == ""


@pytest.mark.parametrize("servers", BAD_BOOTSTRAP)
def test_a_malformed_bootstrap_address_is_one_line_and_exit_2(servers: str) -> None:
    code, err, _ = run("worker", KAFKA_BOOTSTRAP_SERVERS=servers)
    assert code == 2, err
    assert len(err) == 1, err
    assert "invalid setting KAFKA_BOOTSTRAP_SERVERS" in err[0]


def test_an_unreachable_broker_is_one_line_and_exit_1() -> None:
    """Well-formed but nobody answers: not a usage error (a broker may come back), no traceback."""
    address = f"127.0.0.1:{closed_port()}"
    code, err, _ = run("worker", KAFKA_BOOTSTRAP_SERVERS=address)
    assert code == 1, err
    assert len(err) == 1, "\n".join(err)
    assert err[0].startswith(f"streams worker: cannot reach Kafka at {address} (PLAINTEXT): ")


def test_replay_with_an_unknown_engine_flag_or_a_missing_file_exits_2(tmp_path: Path) -> None:
    code, err, _ = run("replay", "--engine", "bogus", str(EXAMPLE))
    assert (code, len(err)) == (2, 1), err
    assert "bogus" in err[0]
    for missing in (tmp_path / "nope.jsonl", tmp_path):
        code, err, out = run("replay", str(EXAMPLE), str(missing))
        assert (code, out) == (2, ""), err
        assert err == [f"streams replay: cannot read {missing}: not a readable file"]
