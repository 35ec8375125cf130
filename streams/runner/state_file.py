"""Page states in a local JSON file, so ``streams replay --state`` can resume."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import orjson

from streams.errors import ConfigError
from streams.models import PageState

__all__ = ["load_states", "save_states"]


def load_states(path: Path) -> dict[str, PageState]:
    """Read the state file; a missing file is an empty state (first run)."""
    if not path.exists():
        return {}
    try:
        raw = orjson.loads(path.read_bytes())
        return {url: PageState.model_validate(obj) for url, obj in raw["pages"].items()}
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"state file {path} is unreadable: {exc}") from exc


def save_states(path: Path, states: dict[str, PageState]) -> None:
    """Write atomically (temp file + rename): a crash never leaves half a state."""
    payload = {"version": 1, "pages": {u: s.model_dump(mode="json") for u, s in states.items()}}
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(orjson.dumps(payload, option=orjson.OPT_UTC_Z))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
