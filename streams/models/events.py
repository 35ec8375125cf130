"""The entry event: the value on ``entries.new`` / ``entries.edited`` / ``entries.removed``.

Versioned by ``schema_version``. Changes must stay backward compatible for
consumers of the previous version (add optional fields only); a breaking change
bumps the version and the published schema file.
"""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

__all__ = ["SCHEMA_VERSION", "EditChange", "Entity", "EntryEvent", "EventType", "Topic"]

SCHEMA_VERSION = 1

EventType = Literal["entry.new", "entry.edited", "entry.removed"]


class EditChange(BaseModel):
    """What an ``entry.edited`` event changed relative to the previous revision."""

    model_config = ConfigDict(frozen=True)

    fields: tuple[Literal["title", "body"], ...] = Field(
        description="Which normalised fields differ from the previous revision."
    )
    previous_revision: int = Field(ge=1)
    previous_content_hash: str
    previous_title: str | None = Field(
        default=None, description="The previous title, when the title changed."
    )
    body_diff: str | None = Field(
        default=None,
        description="Unified diff (a line per paragraph) from the previous body, if changed.",
    )


class Entity(BaseModel):
    """A named entity found in ``title + "\\n\\n" + body``, deduplicated per entry."""

    model_config = ConfigDict(frozen=True)

    text: str = Field(description="Surface text of the first mention.")
    label: str = Field(
        pattern=r"^[A-Z_]+$",
        description="PERSON, ORG or LOC; other labels (NORP, EVENT, ...) may appear.",
    )
    start: int = Field(ge=0, description="Offset of the first mention in title + '\\n\\n' + body.")
    end: int = Field(ge=0)
    mentions: tuple[tuple[int, int], ...] = Field(
        default=(), description="All [start, end) offsets of this entity, first mention first."
    )
    id: str | None = Field(
        default=None,
        description="Canonical id: `iso3166:UA`, `geonames:703448`, or `livediff:org:<slug>`.",
    )
    name: str | None = Field(default=None, description="Canonical name (variants merged).")
    country_code: str | None = Field(default=None, description="ISO 3166-1 alpha-2, for places.")
    latitude: float | None = None
    longitude: float | None = None


class Topic(BaseModel):
    """An IPTC Media Topic with a confidence score."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(pattern=r"^medtop:\d{8}$", description="IPTC Media Topic id.")
    label: str
    score: float = Field(ge=0.0, le=1.0)
    level: int = Field(default=1, ge=1, description="1 = top-level topic.")


class EntryEvent(BaseModel):
    """One change to one live-blog entry."""

    model_config = ConfigDict(frozen=True, title="EntryEvent")

    schema_version: int = Field(default=SCHEMA_VERSION, description="Version of this contract.")
    type: EventType
    event_id: str = Field(
        description="Deterministic: the same change replayed yields the same id (dedupe key)."
    )
    page_url: str
    entry_id: str = Field(description="Stable entry id (the permalink where the page gives one).")
    permalink: str | None = None
    revision: int = Field(ge=1, description="1 for a new entry, +1 per edit (and per return).")
    title: str
    body: str = Field(description="Plain text; paragraphs separated by a blank line.")
    published_at: AwareDatetime | None = None
    updated_at: AwareDatetime | None = None
    fetched_at: AwareDatetime = Field(
        description="fetched_at of the snapshot that showed the change."
    )
    content_hash: str = Field(description="sha256 of the normalised title and body.")
    parser: str = Field(description="Parser that read the snapshot, e.g. `jsonld`, `dw-text`.")
    snapshot_id: str | None = None
    changes: EditChange | None = Field(default=None, description="Set on `entry.edited` only.")
    entities: tuple[Entity, ...] = ()
    topics: tuple[Topic, ...] = Field(default=(), description="Best first.")
    enrichment_version: str | None = Field(
        default=None, description="Engine and rules version; absent if not enriched."
    )
