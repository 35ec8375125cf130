"""Coverage-guided fuzzing (atheris = libFuzzer for Python) of benchmarks/fuzz_targets.py.

The parent (``run``) seeds a corpus with generated pages and starts a child
(``python -m benchmarks.fuzz_atheris --child ...``), because libFuzzer ends
its process when done; the child instruments ``streams`` (imported only
there, after instrumentation starts) and writes its counters to a JSON file
every few seconds. A finding is a libFuzzer artifact (crash/timeout/oom),
turned back into a snapshot JSON reproducer here.

Input bytes -> snapshot: the first byte picks a template (HTML as is, text
as is, the body inside a JSON-LD live blog, inside a profile entry, after a
DW section marker); the rest is UTF-8 (invalid bytes replaced).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

__all__ = ["run", "to_snapshot_fields"]

URL = "https://fuzz.example/live/page"
_LD = '<script type="application/ld+json">{"@type":"LiveBlogPosting","liveBlogUpdate":[%s]}'
TEMPLATES = (
    ("text/html", "%s"),
    ("text/plain", "%s"),
    ("text/html", _LD + "</script>"),
    ("text/html", '<article class="liveblog-entry" id="e1"><h2 class="entry-title">%s</article>'),
    ("text/plain", "Title\nPublished May 1, 2026\n\nSkip next section %s"),
)


def to_snapshot_fields(data: bytes) -> dict[str, Any]:
    kind, template = TEMPLATES[data[0] % len(TEMPLATES)] if data else TEMPLATES[0]
    body = template.replace("%s", data[1:].decode("utf-8", "replace"), 1)
    return {
        "url": URL,
        "fetched_at": "2026-05-01T06:00:00Z",
        "content_type": kind,
        "body": body,
        "status": 200,
    }


def _seeds(corpus: Path) -> None:
    from tests.livegen import make_entries, render_dw_text, render_jsonld_html, render_profile_html

    entries = make_entries(3)
    post = '{"@type":"BlogPosting","headline":"H","articleBody":"<p>B</p>","url":"https://p.example/1"}'
    seeds = [
        b"\x00" + render_jsonld_html(entries).encode(),
        b"\x00" + render_profile_html(entries).encode(),
        b"\x01" + render_dw_text(entries).encode(),
        b"\x02" + post.encode(),
        b"\x03Title</h2><div class='entry-content'><p>Body</p></div>",
        b"\x04Entry\nMay 1, 2026 06:00 UTC\n\nText.\n\nhttps://p.example/p/1\n",
    ]
    corpus.mkdir(parents=True, exist_ok=True)
    for n, seed in enumerate(seeds):
        (corpus / f"seed-{n}").write_bytes(seed)


def run(seconds: float, out: Path) -> dict[str, Any] | None:
    if importlib.util.find_spec("atheris") is None:
        print("atheris is not installed (pip install -e '.[fuzz]'): skipped")
        return None
    work = out / f"atheris-{int(time.time())}"
    corpus, artifacts, stats = work / "corpus", work / "artifacts", work / "stats.json"
    _seeds(corpus)
    artifacts.mkdir(parents=True)
    flags = [
        f"-max_total_time={int(seconds)}",
        "-timeout=10",
        "-rss_limit_mb=4096",
        "-max_len=65536",
        f"-artifact_prefix={artifacts}/",
        "-print_final_stats=1",
    ]
    cmd = [
        sys.executable,
        "-m",
        "benchmarks.fuzz_atheris",
        "--child",
        str(stats),
        str(corpus),
        *flags,
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 180, check=False)
    result: dict[str, Any] = json.loads(stats.read_text()) if stats.exists() else {}
    result["exit_status"] = proc.returncode
    result["libfuzzer"] = [line for line in proc.stderr.splitlines() if line.startswith("stat::")]
    result["crashes"] = [_reproducer(path) for path in sorted(artifacts.iterdir())]
    if result["crashes"]:
        print(proc.stderr[-4000:], file=sys.stderr)
    return result


def _reproducer(artifact: Path) -> str:
    path = artifact.with_suffix(".snapshot.json")
    path.write_text(json.dumps(to_snapshot_fields(artifact.read_bytes())), encoding="utf-8")
    return f"{artifact.name} -> {path}"


def _child(stats_path: Path, argv: list[str]) -> None:
    import atheris

    with atheris.instrument_imports(include=["streams"]):
        from benchmarks.fuzz_targets import run_case
        from streams.models import Snapshot

    counts: dict[str, Any] = {
        "inputs": 0,
        "reasons": Counter(),
        "outcomes": Counter(),
        "slowest_s": 0.0,
    }
    last_write = [0.0]

    def target(data: bytes) -> None:
        snap = Snapshot.model_validate(to_snapshot_fields(data))
        (_, seconds, outcome, error), *_ = run_case([snap])
        counts["inputs"] += 1
        kind, _, reason = outcome.partition(":")
        (counts["reasons"] if kind == "rejected" else counts["outcomes"])[
            reason if kind == "rejected" else outcome
        ] += 1
        counts["slowest_s"] = max(counts["slowest_s"], seconds)
        if time.monotonic() - last_write[0] > 2:
            stats_path.write_text(json.dumps(counts))
            last_write[0] = time.monotonic()
        if error is not None:
            stats_path.write_text(json.dumps(counts))
            raise RuntimeError(error)

    atheris.Setup([sys.argv[0], *argv], target)
    atheris.Fuzz()


if __name__ == "__main__" and sys.argv[1:2] == ["--child"]:
    _child(Path(sys.argv[2]), sys.argv[3:])
