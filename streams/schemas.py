"""``streams schemas``: write or check the published JSON Schemas in ``schemas/``.

The schemas are generated from the models, never edited by hand; the drift
test (and ``--check``) fails when a model changes without regenerating.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel

from streams.models import SCHEMA_VERSION, EntryEvent, Snapshot

__all__ = ["PUBLISHED", "register", "render_schemas"]

PUBLISHED: dict[str, type[BaseModel]] = {
    "snapshot.schema.json": Snapshot,
    "entry-event.schema.json": EntryEvent,
}
_BASE_ID = "https://livediff.dev/schemas"


def render_schemas() -> dict[str, bytes]:
    """Schema files by name, as they should be on disk (sorted keys, 2-space indent)."""
    rendered: dict[str, bytes] = {}
    for name, model in PUBLISHED.items():
        schema: dict[str, Any] = model.model_json_schema(mode="serialization")
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{_BASE_ID}/v{SCHEMA_VERSION}/{name}",
            **schema,
        }
        rendered[name] = (
            orjson.dumps(schema, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"
        )
    return rendered


def register(sub: Any) -> None:
    p = sub.add_parser("schemas", help="write (or --check) the JSON Schemas in schemas/")
    p.add_argument("--out", type=Path, default=Path("schemas"))
    p.add_argument("--check", action="store_true", help="exit 1 if the files are out of date")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    stale = []
    for name, content in render_schemas().items():
        path = args.out / name
        if args.check:
            if not path.exists() or path.read_bytes() != content:
                stale.append(name)
        else:
            args.out.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
    if stale:
        print(
            f"streams schemas: out of date: {', '.join(stale)} (run `streams schemas`)",
            file=sys.stderr,
        )
        return 1
    return 0
