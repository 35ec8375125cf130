"""Per-page diff state: what the diff remembers between snapshots of one page.

Kept in a changelog-backed faust Table in the worker and in memory / a JSON
file in the embedded runner; both store exactly this model.
"""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

__all__ = ["EntryState", "EntryStatus", "PageState"]

EntryStatus = Literal["active", "rolled_off", "removed"]


class EntryState(BaseModel):
    """The last published revision of one entry."""

    model_config = ConfigDict(frozen=True)

    entry_id: str
    permalink: str | None = None
    title: str
    body: str = Field(description="Kept so that an edit can say what changed.")
    content_hash: str
    revision: int = Field(ge=1)
    published_at: AwareDatetime | None = None
    updated_at: AwareDatetime | None = None
    last_seen_at: AwareDatetime
    status: EntryStatus = "active"


class PageState(BaseModel):
    """Everything the diff knows about one page."""

    model_config = ConfigDict(frozen=True)

    page_url: str
    last_fetched_at: AwareDatetime | None = Field(
        default=None, description="fetched_at of the newest snapshot processed (stale guard)."
    )
    last_body_hash: str | None = Field(
        default=None, description="Hash of the last raw body: an identical fetch skips parsing."
    )
    order: tuple[str, ...] = Field(
        default=(), description="Ids of the entries the page showed last, newest first."
    )
    entries: dict[str, EntryState] = Field(default_factory=dict)
    snapshots_processed: int = 0
