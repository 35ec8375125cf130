"""Environment variable names and ports in deploy files, checked against the code.

``Settings`` ignores unknown variables (``extra="ignore"``), so a misspelt name
in a manifest would be silently dropped; these helpers make it a test failure,
and build the real ``Settings`` from the values so a bad value fails too.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from pydantic import BaseModel

from streams.health import Endpoint
from streams.settings import KafkaSettings, MetricsSettings, Settings

__all__ = ["assert_known_env", "health_paths", "metrics_port", "settings_from"]


def _field_path(model: type[BaseModel], parts: list[str]) -> bool:
    field = model.model_fields.get(parts[0])
    if field is None:
        return False
    if len(parts) == 1:
        return True
    nested = field.annotation
    return (
        isinstance(nested, type)
        and issubclass(nested, BaseModel)
        and _field_path(nested, parts[1:])
    )


def is_setting(name: str) -> bool:
    if name.startswith("KAFKA_"):
        return name.removeprefix("KAFKA_").lower() in KafkaSettings.model_fields
    if name.startswith("LIVEDIFF_"):
        return _field_path(Settings, name.removeprefix("LIVEDIFF_").lower().split("__"))
    return False


def assert_known_env(env: Mapping[str, Any], allowed: frozenset[str] = frozenset()) -> None:
    unknown = sorted(k for k in env if k not in allowed and not is_setting(k))
    assert not unknown, f"not a setting in streams/settings.py: {unknown}"
    settings_from({k: str(v) for k, v in env.items() if k not in allowed})


@contextmanager
def _environ(env: Mapping[str, str]) -> Iterator[None]:
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update({k: v for k, v in saved.items() if not k.startswith(("KAFKA_", "LIVEDIFF_"))})
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def settings_from(env: Mapping[str, str]) -> Settings:
    """The Settings the service would build from exactly ``env`` (values validated)."""
    with _environ(env):
        return Settings()


def metrics_port() -> int:
    return MetricsSettings().port


def health_paths() -> set[str]:
    """Paths the endpoint really serves (read from its router, not from a list)."""
    server = Endpoint.create("worker", host="127.0.0.1", port=0).server
    return {r.resource.canonical for r in server._app().router.routes() if r.resource}
