"""`streams replay` reads a user's site-profiles file (LIVEDIFF_PROFILES_PATH)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).parents[2]
URL = "https://paper.example/live/harbour-storm"

# Markup that no bundled profile reads: only a user profile finds its entries.
PROFILE = """
[[profiles]]
name = "paper-ticks"
hosts = ["paper.example"]
entry = "section.tick"
id = { attribute = "data-tick" }
title = "h3.tick-head"
published = { selector = "span.tick-time", attribute = "data-at" }
body = "div.tick-text"
"""


def page(*ticks: tuple[str, str, str]) -> str:
    sections = "".join(
        f'<section class="tick" data-tick="{tick}"><h3 class="tick-head">{title}</h3>'
        f'<span class="tick-time" data-at="2026-02-0{n}T10:00:00Z"></span>'
        f'<div class="tick-text"><p>{text}</p></div></section>'
        for n, (tick, title, text) in enumerate(ticks, start=1)
    )
    return f"<!doctype html><html><head><title>Storm</title></head><body>{sections}</body></html>"


def snapshots() -> bytes:
    first = page(("t1", "Ferry halted", "The morning ferry stays in port."))
    second = page(
        ("t1", "Ferry halted", "The morning ferry stays in port until noon."),
        ("t2", "Pier closed", "Waves broke over the old pier."),
    )
    return b"".join(
        orjson.dumps(
            {
                "url": URL,
                "fetched_at": f"2026-02-01T10:0{n}:00Z",
                "content_type": "text/html",
                "body": body,
            }
        )
        + b"\n"
        for n, body in enumerate((first, second))
    )


def replay(profiles: Path | None) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIVEDIFF_")}
    if profiles is not None:
        env["LIVEDIFF_PROFILES_PATH"] = str(profiles)
    return subprocess.run(
        [sys.executable, "-m", "streams", "replay", "--engine", "none", "-"],
        input=snapshots(),
        capture_output=True,
        check=False,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def test_user_profiles_are_used(tmp_path: Path) -> None:
    path = tmp_path / "profiles.toml"
    path.write_text(PROFILE, encoding="utf-8")
    done = replay(path)
    assert done.returncode == 0, done.stderr.decode()
    events = [orjson.loads(line) for line in done.stdout.splitlines()]
    assert [(e["type"], e["entry_id"]) for e in events] == [
        ("entry.new", f"{URL}#t1"),
        ("entry.edited", f"{URL}#t1"),
        ("entry.new", f"{URL}#t2"),
    ]
    assert {e["parser"] for e in events} == {"profile:paper-ticks"}


def test_without_them_the_page_is_rejected() -> None:
    done = replay(None)
    assert done.returncode == 1
    assert done.stdout == b""
    assert b"(parse_error)" in done.stderr


def test_a_broken_profiles_file_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "profiles.toml"
    path.write_text(PROFILE.replace('"section.tick"', '"section..tick"'), encoding="utf-8")
    done = replay(path)
    assert done.returncode == 2
    assert done.stdout == b""
    message = done.stderr.decode()
    assert str(path) in message
    assert len(message.strip().splitlines()) == 1
