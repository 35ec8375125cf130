"""Long fuzz run of every parser, then the named attacks (issue 6, "parsers under attack").

Two engines over the same targets (the pipeline, ``process_snapshot``, on
one to three fetches of a page, and each parser called directly):

* hypothesis (always): the strategies of tests/fuzzing.py (HTML soup,
  JSON-LD, DW-like text, mutated and mis-encoded real pages), some repeated
  up to a few MB so time per MB means something; rounds of fresh random
  examples until ``--minutes`` are up.
* atheris (``--atheris-seconds``, if installed: ``pip install -e .[fuzz]``):
  coverage-guided libFuzzer in a child process, bytes -> (content type,
  template, body), seeded with generated pages.

Any exception other than RejectedSnapshot, a rejection without a known
reason, or an input slower than ``--deadline`` seconds is a failure: it is
printed with a reproducer (a snapshot JSON file). Printed: inputs tried,
rejections by reason, the slowest input and the slowest s/MB (inputs of
64 KB or more), then benchmarks/bench_attacks.py's table (seconds, s/MB,
ratio to a bare lexbor parse of the same bytes, growth of s/MB with size).

Run: ``.venv/bin/python -m benchmarks.fuzz_parsers --minutes 8 --atheris-seconds 120``
Exit status 1 if anything failed or grew faster than linear.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from benchmarks import bench_attacks
from benchmarks.fuzz_targets import run_case
from streams.models import Snapshot
from tests.fuzzing import reproducer, snapshots

MB = 1_000_000
MIN_PER_MB = 64 * 1024  # s/MB of tiny inputs is all fixed cost


@dataclass
class Stats:
    inputs: int = 0
    snapshots: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)
    slowest: tuple[float, int] = (0.0, 0)  # seconds (pipeline + direct calls), bytes
    worst_per_mb: tuple[float, int] = (0.0, 0)  # pipeline s/MB, bytes
    failures: dict[str, str] = field(default_factory=dict)  # signature -> reproducer path


STATS = Stats()
OUT = Path(tempfile.gettempdir()) / "livediff-fuzz"


def _scaled(snaps: list[Snapshot], times: int) -> list[Snapshot]:
    """The page repeated: a few MB of the same hostile shape."""
    if times == 1:
        return snaps
    return [s.model_copy(update={"body": s.body * times}) for s in snaps]


# One case in four repeated into a page of up to 4 MB.
CASES = st.builds(
    _scaled,
    snapshots(),
    st.one_of(st.just(1), st.just(1), st.just(1), st.integers(2, 1_500)),
).filter(lambda snaps: sum(len(s.body) for s in snaps) < 4 * MB)


def record(snaps: list[Snapshot], deadline: float) -> None:
    STATS.inputs += 1
    for snap, (piped, seconds, outcome, error) in zip(snaps, run_case(snaps), strict=False):
        STATS.snapshots += 1
        size = len(snap.body.encode("utf-8", "surrogatepass"))
        kind, _, detail = outcome.partition(":")
        if kind == "rejected":
            STATS.reasons[detail] += 1
        else:
            STATS.outcomes[outcome] += 1
        STATS.slowest = max(STATS.slowest, (seconds, size))
        if size >= MIN_PER_MB:
            STATS.worst_per_mb = max(STATS.worst_per_mb, (piped / (size / MB), size))
        if error is None and seconds > deadline:
            error = f"slow: {seconds:.2f}s for {size} bytes (deadline {deadline}s)"
        if error is not None:
            _failure(error, snap)


def _failure(error: str, snap: Snapshot) -> None:
    signature = error.splitlines()[-1][:200] if error.strip() else "?"
    if signature in STATS.failures:
        return
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"failure-{len(STATS.failures) + 1}.json"
    path.write_text(json.dumps(reproducer(snap)), encoding="utf-8", errors="surrogatepass")
    STATS.failures[signature] = str(path)
    print(f"FAILURE {signature}\n  reproducer: {path}\n{error}", file=sys.stderr, flush=True)


def hypothesis_run(minutes: float, deadline: float, chunk: int) -> None:
    @settings(
        max_examples=chunk,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=CASES)
    def fuzz(case: list[Snapshot]) -> None:
        if time.monotonic() < stop:  # past the end: let the round finish at once
            record(case, deadline)

    stop = time.monotonic() + minutes * 60
    while time.monotonic() < stop:
        fuzz()
        print(f"  hypothesis: {STATS.inputs} inputs, {STATS.snapshots} snapshots", flush=True)


def atheris_run(seconds: float) -> dict[str, Any] | None:
    """The libFuzzer engine in a child (it exits the process when done)."""
    from benchmarks import fuzz_atheris

    return fuzz_atheris.run(seconds, OUT)


def report(atheris: dict[str, Any] | None) -> bool:
    print("\n== fuzz ==")
    print(f"inputs tried (hypothesis): {STATS.inputs} ({STATS.snapshots} snapshots)")
    print(f"rejections by reason: {dict(STATS.reasons.most_common())}")
    print(f"accepted by outcome: {dict(STATS.outcomes.most_common())}")
    seconds, size = STATS.slowest
    print(f"slowest input, pipeline + every parser directly: {seconds:.3f}s ({size} bytes)")
    per_mb, size = STATS.worst_per_mb
    print(f"worst pipeline time per MB (inputs >= 64 KB): {per_mb:.3f} s/MB ({size} bytes)")
    ok = not STATS.failures
    if atheris is not None:
        print(f"atheris: {json.dumps(atheris)}")
        ok = ok and not atheris.get("crashes")
    print(
        f"failures: {len(STATS.failures)}"
        + "".join(f"\n  {k}: {v}" for k, v in STATS.failures.items())
    )
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=8.0, help="hypothesis run length")
    parser.add_argument("--deadline", type=float, default=5.0, help="seconds per input, at most")
    parser.add_argument("--chunk", type=int, default=300, help="examples per hypothesis round")
    parser.add_argument("--atheris-seconds", type=float, default=0.0, help="0: skip atheris")
    parser.add_argument("--no-attacks", action="store_true", help="skip the attack table")
    parser.add_argument("--sizes", default="0.5,2", help="attack sizes in MB")
    parser.add_argument("--max-mb", type=float, default=50.0, help="attack big size (0: none)")
    args = parser.parse_args()
    started = time.monotonic()
    hypothesis_run(args.minutes, args.deadline, args.chunk)
    atheris = atheris_run(args.atheris_seconds) if args.atheris_seconds > 0 else None
    ok = report(atheris)
    if not args.no_attacks:
        print("\n== attacks ==")
        sizes = [float(s) for s in args.sizes.split(",")]
        ok = bench_attacks.run_table(sizes, args.max_mb or None, limit_s=10.0) and ok
    print(f"\ntotal {time.monotonic() - started:.0f}s; result: {'ok' if ok else 'FAILED'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
