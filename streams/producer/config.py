"""The URL list: which pages to poll, and per-page options.

Two formats, chosen by suffix:

* ``*.toml``: a ``[defaults]`` table and ``[[pages]]`` entries::

      [defaults]
      interval_s = 30

      [[pages]]
      url = "https://news.example/live/123"
      interval_s = 15              # any PageOptions field overrides the default
      respect_robots = false       # per-URL robots.txt opt-out
      allow_private = false        # per-URL SSRF waiver (never metadata)
      headers = { Authorization = "Bearer ..." }   # redacted in every log line

* anything else: one URL per line; lines starting with ``#`` are comments.

Credentials found here (userinfo, auth headers, token-like query values) are
registered with :data:`~streams.producer.redact.secrets` as they are loaded.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from yarl import URL

from streams.errors import ConfigError
from streams.producer.redact import redact_url, secrets
from streams.settings import ProducerSettings

__all__ = ["PageConfig", "load_pages", "pages_from_urls"]

_OVERRIDABLE = (
    "interval_s",
    "jitter",
    "timeout_s",
    "connect_timeout_s",
    "max_body_bytes",
    "max_redirects",
    "retries",
    "respect_robots",
)


class PageConfig(BaseModel):
    """One page to poll, with every option resolved (defaults applied)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    url: str = Field(min_length=1)
    interval_s: float = Field(gt=0)
    jitter: float = Field(ge=0, le=1)
    timeout_s: float = Field(gt=0)
    connect_timeout_s: float = Field(gt=0)
    max_body_bytes: int = Field(gt=0)
    max_redirects: int = Field(ge=0)
    retries: int = Field(ge=0)
    respect_robots: bool = True
    allow_private: bool = False
    headers: dict[str, str] = Field(default_factory=dict)

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        try:
            u = URL(value)
        except (ValueError, TypeError) as exc:
            raise ValueError(f"not a valid URL: {redact_url(value)}") from exc
        if u.scheme not in ("http", "https") or not u.raw_host:
            raise ValueError(f"need an absolute http(s) URL, got {redact_url(value)}")
        return value


def _build(raw: Mapping[str, Any], defaults: Mapping[str, Any], where: str) -> PageConfig:
    if not isinstance(raw.get("url"), str):
        raise ConfigError(f"{where}: every page needs a `url` string")
    secrets.add_url(raw["url"])
    headers = raw.get("headers", {})
    if isinstance(headers, Mapping):
        secrets.add_headers({str(k): str(v) for k, v in headers.items()})
    try:
        return PageConfig.model_validate({**defaults, **raw})
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "<page>"
        raise ConfigError(f"{where}: {field}: {first['msg']}") from None


def _defaults(settings: ProducerSettings, overrides: Mapping[str, Any]) -> dict[str, Any]:
    base = {name: getattr(settings, name) for name in _OVERRIDABLE}
    unknown = set(overrides) - set(PageConfig.model_fields) - {"url"}
    if unknown:
        raise ConfigError(f"[defaults]: unknown option(s) {', '.join(sorted(unknown))}")
    return {**base, **overrides}


def pages_from_urls(
    urls: Iterable[str], settings: ProducerSettings, where: str = "--url"
) -> list[PageConfig]:
    defaults = _defaults(settings, {})
    return [_build({"url": u}, defaults, f"{where} {redact_url(u)}") for u in urls]


def _load_toml(path: Path, settings: ProducerSettings) -> list[PageConfig]:
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    pages = doc.get("pages")
    if not isinstance(pages, list):
        raise ConfigError(f"{path}: expected [[pages]] entries")
    defaults = _defaults(settings, doc.get("defaults", {}))
    return [
        _build(raw if isinstance(raw, dict) else {}, defaults, f"{path}: pages[{i}]")
        for i, raw in enumerate(pages)
    ]


def _load_lines(path: Path, settings: ProducerSettings) -> list[PageConfig]:
    defaults = _defaults(settings, {})
    pages = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        text = line.strip()  # a URL may contain '#', so only whole-line comments
        if text and not text.startswith("#"):
            pages.append(_build({"url": text}, defaults, f"{path}:{lineno}"))
    return pages


def load_pages(path: Path, settings: ProducerSettings) -> list[PageConfig]:
    """Load and validate a URL list file; a ConfigError names file and entry."""
    try:
        loader = _load_toml if path.suffix == ".toml" else _load_lines
        pages = loader(path, settings)
    except OSError as exc:
        raise ConfigError(f"cannot read URL list {path}: {exc.strerror}") from None
    check_unique(pages)
    return pages


def check_unique(pages: Iterable[PageConfig]) -> None:
    """Two entries for one URL would poll it twice and interleave its snapshots."""
    seen: set[str] = set()
    for page in pages:
        if page.url in seen:
            raise ConfigError(f"URL listed twice: {redact_url(page.url)}")
        seen.add(page.url)
