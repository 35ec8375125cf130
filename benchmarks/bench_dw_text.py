"""DW text parser: cost per MB on realistic and adversarial pages, and growth.

The parser must be linear in its input (a hostile 16 MB text must not hang a
worker), so every figure is a ratio against a baseline measured in the same
run: ``bare`` = split the text into lines and normalise each one, the least
any text parser does. Printed per shape and size:

* ``x bare``: parse time / bare-pass time on the same text (flat across shapes
  and sizes when linear; a quadratic regex shows up as a ratio that explodes).
* ``growth``: time at the largest size / time at the smallest, divided by the
  size ratio (about 1.0 when linear, about the size ratio when quadratic).

Run: ``.venv/bin/python -m benchmarks.bench_dw_text [--sizes 1,4] [--rounds 3]``
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from functools import partial

from streams.diff.normalize import normalize_line
from streams.parse.dwtext import _cached_date, parse_dw_text
from streams.settings import Limits
from tests.livegen_dw import DwEntry, DwNoise, DwPage, permalink, render_dw

MB = 1_000_000
URL = "https://www.dw.com/en/bench/live-1"
SENTENCE = "Crews worked through the night to keep the fire away from the houses on the ridge."


def realistic(size: int) -> str:
    """A dressed page (captions, teasers, sign-offs) grown to ``size`` characters."""
    t0 = datetime(2026, 4, 15, tzinfo=UTC)
    entries, noise = [], []
    for i in range(size // (len(SENTENCE) * 4 + 300) + 1):
        entries.append(
            DwEntry(
                permalink(f"b{i:06d}"), f"Update {i}", (SENTENCE,) * 4, t0 - timedelta(minutes=i)
            )
        )
        noise.append(DwNoise("date-time", True, i % 4, i % 3, i % 2 == 0))  # distinct dates
    return render_dw(DwPage(entries=entries, noise=noise))[:size]


SHAPES: dict[str, Callable[[int], str]] = {
    "realistic": realistic,
    "url-like line": lambda n: "Skip next section T\nhttps://" + "a" * n + " x\n",
    "credit labels": lambda n: (
        "Skip next section T\nA.\n" + "xImage:" * (n // 7) + "\nhttps://p.x/p/1\n"
    ),
    "sign-off like": lambda n: (
        "Skip next section T\nA.\n" + "ab/" * (n // 3) + "\nhttps://p.x/p/1\n"
    ),
    "tiny sections": lambda n: (
        "Skip next section T\nApril 15, 2026\nA.\nhttps://p.x/p/1\n" * (n // 53)
    ),
    "no permalinks": lambda n: "Skip next section T\nmore text\n" * (n // 30),
    "header lines": lambda n: "x\n" * (n // 2) + "Skip next section T\nA.\nhttps://p.x/p/1\n",
}


def best_of(fn: Callable[[], object], rounds: int) -> float:
    """Best of ``rounds`` cold runs (the parser's date cache is emptied first)."""
    times = []
    for _ in range(rounds):
        _cached_date.cache_clear()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def bare(text: str) -> list[str]:
    return [normalize_line(line) for line in text.splitlines()]


def rows(sizes: list[int], rounds: int) -> Iterator[tuple[str, list[float]]]:
    for name, make in SHAPES.items():
        ratios = []
        for size in sizes:
            text = make(size)
            t_bare = best_of(partial(bare, text), rounds)
            t_parse = best_of(partial(parse_dw_text, text, URL, Limits(), []), rounds)
            ratios.append(t_parse)
            print(
                f"{name:15s} {size / MB:5.1f} MB  parse {t_parse * 1e3:9.1f} ms  "
                f"bare {t_bare * 1e3:8.1f} ms  = {t_parse / max(t_bare, 1e-9):6.1f}x bare"
            )
        yield name, ratios


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,4", help="MB, comma-separated (default 1,4)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(float(s) * MB) for s in args.sizes.split(",")]
    growth = []
    for name, times in rows(sizes, args.rounds):
        growth.append((name, times[-1] / times[0] / (sizes[-1] / sizes[0])))
    print(f"\ngrowth: time ratio / size ratio ({sizes[-1] / sizes[0]:.0f}x size); 1.0 = linear")
    for name, g in growth:
        print(f"  {name:15s} {g:5.2f}")


if __name__ == "__main__":
    main()
