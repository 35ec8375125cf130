"""Site profiles: CSS selectors for HTML live blogs without JSON-LD (config only).

The bundled ``profiles.toml`` holds generic profiles; a user file (setting
``profiles_path``) adds site-specific ones, tried first. Everything is
validated up front (pydantic, and every selector compiled once by lexbor),
so a typo is a :class:`~streams.errors.ConfigError` at start-up, never a
surprise on the hundredth page.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from selectolax.lexbor import LexborHTMLParser, SelectolaxError

from streams.errors import ConfigError

__all__ = ["FieldSpec", "Profile", "ProfileSet", "bundled_profiles", "load_profiles"]


def _compile(selector: str) -> str:
    selector = selector.strip()
    if not selector:
        raise ValueError("empty CSS selector")
    try:
        LexborHTMLParser("<p></p>").css(selector)
    except (SelectolaxError, ValueError) as exc:
        raise ValueError(f"invalid CSS selector {selector!r}") from exc
    return selector


class FieldSpec(BaseModel):
    """Where one field is: an element inside the entry (or the entry itself), text or attribute."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    selector: str | None = Field(default=None, description="CSS, relative to the entry.")
    attribute: tuple[str, ...] = Field(
        default=(), description="Attribute(s) to read, first present wins; empty = text."
    )

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return {"selector": value} if isinstance(value, str) else value

    @field_validator("attribute", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return (value,) if isinstance(value, str) else value

    @field_validator("selector")
    @classmethod
    def _valid_selector(cls, value: str | None) -> str | None:
        return None if value is None else _compile(value)


class Profile(BaseModel):
    """One way of reading a live blog's HTML."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
    hosts: tuple[str, ...] = Field(default=(), description="Host globs; empty = generic.")
    entry: str = Field(description="CSS selector of the entry containers.")
    id: FieldSpec | None = None
    permalink: FieldSpec | None = None
    title: FieldSpec | None = None
    published: FieldSpec | None = None
    updated: FieldSpec | None = None
    body: FieldSpec | None = None

    @field_validator("entry")
    @classmethod
    def _valid_entry(cls, value: str) -> str:
        return _compile(value)

    @field_validator("hosts")
    @classmethod
    def _valid_hosts(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for host in value:
            if not host or any(c in host for c in "/: "):
                raise ValueError(f"host pattern {host!r} must be a bare host glob")
        return tuple(h.lower() for h in value)

    def matches_host(self, host: str) -> bool:
        return any(fnmatchcase(host, pattern) for pattern in self.hosts)


class _ProfileFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    profiles: tuple[Profile, ...] = ()

    @model_validator(mode="after")
    def _unique_names(self) -> _ProfileFile:
        names = [p.name for p in self.profiles]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"duplicate profile names: {', '.join(dupes)}")
        return self


@dataclass(frozen=True, slots=True)
class ProfileSet:
    """Profiles in priority order (user file first, then bundled)."""

    profiles: tuple[Profile, ...]

    def for_url(self, url: str) -> tuple[list[Profile], list[Profile]]:
        """(profiles whose host pattern matches ``url``, generic profiles)."""
        try:
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:
            host = ""
        matched = [p for p in self.profiles if p.hosts and host and p.matches_host(host)]
        generic = [p for p in self.profiles if not p.hosts]
        return matched, generic

    def __add__(self, other: ProfileSet) -> ProfileSet:
        names = {p.name for p in self.profiles}
        return ProfileSet(self.profiles + tuple(p for p in other.profiles if p.name not in names))


def _message(where: str, exc: ValidationError) -> str:
    lines = []
    for err in exc.errors()[:5]:
        loc = ".".join(str(p) for p in err["loc"]) or "<root>"
        lines.append(f"{loc}: {err['msg']}")
    more = f" (+{exc.error_count() - 5} more)" if exc.error_count() > 5 else ""
    return f"invalid site profiles in {where}: " + "; ".join(lines) + more


def parse_profiles(text: str, where: str) -> ProfileSet:
    """Profiles from TOML text; ConfigError says which profile and field is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid site profiles in {where}: not valid TOML: {exc}") from exc
    try:
        return ProfileSet(_ProfileFile.model_validate(data).profiles)
    except ValidationError as exc:
        raise ConfigError(_message(where, exc)) from exc


@cache
def bundled_profiles() -> ProfileSet:
    text = resources.files("streams.parse").joinpath("profiles.toml").read_text("utf-8")
    return parse_profiles(text, "streams/parse/profiles.toml")


def load_profiles(path: Path | None = None) -> ProfileSet:
    """The user's profiles (if ``path``) followed by the bundled ones.

    A user profile with a bundled profile's name replaces it.
    """
    if path is None:
        return bundled_profiles()
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read site profiles {path}: {exc}") from exc
    return parse_profiles(text, str(path)) + bundled_profiles()
