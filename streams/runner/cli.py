"""``streams replay``: the embedded default, no broker needed."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from streams.errors import ConfigError
from streams.parse.profiles import load_profiles
from streams.runner.replay import Rejection, Replayer, snapshots_from_files
from streams.runner.state_file import load_states, save_states
from streams.settings import Settings
from streams.settings_errors import describe

__all__ = ["register"]

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


def register(sub: Any) -> None:
    p = sub.add_parser(
        "replay",
        help="replay snapshots in process and print entry events as JSON lines",
        description=(
            "Read snapshot envelopes as JSON lines (FILE or - for stdin), or raw page files "
            "with --url, run parse -> diff -> enrich in process and print each event as one "
            "JSON line, exactly as the worker publishes it. Rejected inputs are reported on "
            "stderr; exit status 1 if any input was rejected."
        ),
    )
    p.add_argument(
        "inputs",
        nargs="*",
        default=["-"],
        metavar="FILE|-",
        help="JSON-lines envelope file(s), '-' for stdin (default), or page files",
    )
    p.add_argument("--url", help="treat inputs as raw page files, all snapshots of this URL")
    p.add_argument("--content-type", help="content type of raw page files (default: by suffix)")
    p.add_argument("--state", type=Path, help="JSON state file: loaded if present, saved at end")
    p.add_argument("--engine", help="enrichment engine (default: LIVEDIFF_ENRICH_ENGINE)")
    p.add_argument("--stats", action="store_true", help="print a summary line on stderr")
    p.set_defaults(func=run)


def _lines(inputs: list[str]) -> Iterator[bytes]:
    for name in inputs:
        if name == "-":
            yield from _read(sys.stdin.buffer)
        else:
            with open(name, "rb") as fh:
                yield from _read(fh)


def _read(fh: BinaryIO) -> Iterator[bytes]:
    yield from fh


def _check_readable(inputs: list[str]) -> None:
    """A missing or unreadable input is a usage error before any event is printed."""
    for name in inputs:
        if name != "-" and (os.path.isdir(name) or not os.access(name, os.R_OK)):
            raise ConfigError(f"cannot read {name}: not a readable file")


def _report(rejection: Rejection) -> None:
    print(f"streams replay: {rejection}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    try:
        settings = Settings()
        states = load_states(args.state) if args.state else {}
        enrich = _enricher(args.engine or settings.enrich_engine)
        profiles = load_profiles(settings.profiles_path)  # LIVEDIFF_PROFILES_PATH
        _check_readable(args.inputs)
    except ValidationError as exc:  # one line naming the variable, not pydantic's page
        print(f"streams replay: {describe(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except ConfigError as exc:
        print(f"streams replay: {exc}", file=sys.stderr)
        return EXIT_USAGE
    replayer = Replayer(states, limits=settings.limits, enrich=enrich, profiles=profiles)
    if args.url:
        paths = [Path(p) for p in args.inputs if p != "-"]
        if not paths:
            print("streams replay: --url needs page files as inputs", file=sys.stderr)
            return EXIT_USAGE
        events = replayer.run_snapshots(
            snapshots_from_files(paths, url=args.url, content_type=args.content_type), _report
        )
    else:
        events = replayer.run_lines(_lines(args.inputs), _report)
    out = sys.stdout.buffer
    try:
        for encoded in events:
            out.write(encoded + b"\n")
        out.flush()
    except OSError as exc:  # an input failed mid-way (all were readable at start), or stdout
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"streams replay: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        if args.state:
            save_states(args.state, replayer.states)
    if args.stats:
        print(f"streams replay: {replayer.stats.summary()}", file=sys.stderr)
    return EXIT_REJECTED if replayer.stats.rejections else EXIT_OK


def _enricher(engine: str) -> Any:
    """``events -> enriched events`` for ``engine`` (statistical, fast), or None for ``none``.

    The engine (and spaCy's model) loads here, before any input is read, so a
    missing model or an unknown name is a usage error (ConfigError), not a crash
    halfway through a replay.
    """
    if engine in ("", "none"):
        return None
    from streams.enrich import build_enricher

    return build_enricher(engine)
