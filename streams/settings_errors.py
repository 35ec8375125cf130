"""Invalid settings as one line an operator can act on: the variable to fix and why.

pydantic's own message spans several lines, names model fields (``worker.partitions``)
rather than the environment variables people set, and ends in a URL; a traceback is
worse. The commands print :func:`describe` and exit 2 instead. The input value is never
shown: it may be a password.
"""

from __future__ import annotations

from pydantic import ValidationError

from streams.settings import KafkaSettings, Settings

__all__ = ["describe", "env_name"]

MAX_CHARS = 500


def env_name(model: str, loc: tuple[int | str, ...]) -> str:
    """The environment variable behind ``loc`` of ``model`` (``Settings`` or ``KafkaSettings``)."""
    if model == KafkaSettings.__name__:
        prefix, delimiter = KafkaSettings.model_config.get("env_prefix", ""), "_"
    else:
        prefix = Settings.model_config.get("env_prefix", "")
        delimiter = Settings.model_config.get("env_nested_delimiter") or "__"
    if not loc:  # a check across fields: name the group
        return f"{prefix}*"
    return prefix + delimiter.join(str(part) for part in loc).upper()


def describe(exc: ValidationError) -> str:
    """``invalid setting LIVEDIFF_ENRICH_ENGINE: Input should be ...`` (all errors, one line)."""
    parts = []
    for error in exc.errors(include_input=False, include_url=False):
        message = " ".join(str(error["msg"]).split()).removeprefix("Value error, ")
        parts.append(f"{env_name(exc.title, tuple(error['loc']))}: {message}")
    line = "invalid setting " + "; ".join(parts or [exc.title])
    return line if len(line) <= MAX_CHARS else line[: MAX_CHARS - 1] + "…"
