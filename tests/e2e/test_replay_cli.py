"""`streams replay` end to end, in a subprocess, as a user runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from examples.build_example import build

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "snapshots.jsonl"


def replay(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "streams", "replay", "--engine", "none", *args],
        input=stdin,
        capture_output=True,
        check=False,
        cwd=ROOT,
        timeout=120,
    )


def summary(stdout: bytes) -> list[tuple[str, str]]:
    events = [orjson.loads(line) for line in stdout.splitlines()]
    return [(e["type"], e["entry_id"].rsplit("#", 1)[1]) for e in events]


def test_bundled_example_is_current() -> None:
    assert EXAMPLE.read_text(encoding="utf-8") == build(), "run examples/build_example.py"


def test_bundled_example_shows_new_edited_and_removed() -> None:
    done = replay(str(EXAMPLE))
    assert done.returncode == 0, done.stderr.decode()
    assert summary(done.stdout) == [
        ("entry.new", "flood-warning"),
        ("entry.new", "rail"),
        ("entry.new", "evacuation"),
        ("entry.new", "airport"),
        ("entry.edited", "evacuation"),
        ("entry.new", "dike"),
        ("entry.removed", "rail"),
        ("entry.new", "chancellor"),
    ]
    edited = orjson.loads(done.stdout.splitlines()[4])
    assert edited["changes"]["fields"] == ["body"]
    assert "+Authorities in Meissen asked about 2,100" in edited["changes"]["body_diff"]
    assert edited["parser"] == "jsonld"


def test_stdin_and_state_file_resume_gives_the_same_events(tmp_path: Path) -> None:
    lines = EXAMPLE.read_bytes().splitlines(keepends=True)
    whole = replay("-", stdin=b"".join(lines)).stdout
    state = tmp_path / "state.json"
    first = replay("--state", str(state), "-", stdin=b"".join(lines[:2]))
    second = replay("--state", str(state), "-", stdin=b"".join(lines[2:]))
    assert first.returncode == second.returncode == 0
    assert first.stdout + second.stdout == whole


def test_bad_lines_are_reported_and_the_run_goes_on() -> None:
    good = EXAMPLE.read_bytes().splitlines(keepends=True)
    bad = [
        b"this is not json\n",
        b'{"url": "https://a.example/live", "fetched_at": "2026-01-01T00:00:00Z"}\n',
        b"\xff\xfe\xfd garbage\n",
        orjson.dumps(
            {
                "url": "https://a.example/x",
                "fetched_at": "2026-01-01T00:00:00Z",
                "content_type": "application/pdf",
                "body": "%PDF-1.7",
            }
        )
        + b"\n",
    ]
    done = replay("-", stdin=b"".join([bad[0], good[0], bad[1], bad[2], bad[3], *good[1:]]))
    assert done.returncode == 1
    errors = done.stderr.decode().strip().splitlines()
    assert len(errors) == 4, errors
    assert errors[0].startswith("streams replay: rejected line 1 (decode_error)")
    assert "line 3 (decode_error)" in errors[1]
    assert "content_type" in errors[1] or "body" in errors[1]
    assert "line 4 (decode_error)" in errors[2]
    assert "UTF-8" in errors[2]
    assert "line 5 (unsupported_content_type)" in errors[3]
    assert len(summary(done.stdout)) == 8


def test_raw_page_files_with_url(tmp_path: Path) -> None:
    pages = []
    for n, line in enumerate(EXAMPLE.read_bytes().splitlines()[:4]):
        path = tmp_path / f"page{n}.html"
        path.write_text(orjson.loads(line)["body"], encoding="utf-8")
        pages.append(str(path))
    done = replay("--url", "https://news.example.org/live/storm-ingrid-live-updates", *pages)
    assert done.returncode == 0, done.stderr.decode()
    assert len(summary(done.stdout)) == 8
