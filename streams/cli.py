"""The ``streams`` command. Each subcommand lives beside the code it runs.

A subcommand module exposes ``register(subparsers)``, which adds its parser and
sets ``func``. Heavy imports (faust, spaCy, aiohttp) happen inside ``func``, so
``streams replay`` starts fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

__all__ = ["main"]

SUBCOMMANDS = (
    "streams.probe",
    "streams.producer.cli",
    "streams.runner.cli",
    "streams.schemas",
    "streams.worker.cli",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="streams",
        description="livediff: turn news live blogs into new / edited / removed entry events.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in SUBCOMMANDS:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
