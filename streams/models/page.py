"""What a parser returns: page metadata and the entries, in page order."""

from __future__ import annotations

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

__all__ = ["Entry", "ParsedPage"]


class Entry(BaseModel):
    """One live-blog entry as shown on the page, text already normalised."""

    model_config = ConfigDict(frozen=True)

    entry_id: str = Field(description="Stable id: the permalink where the page gives one.")
    permalink: str | None = None
    title: str = ""
    body: str = Field(default="", description="Plain text; paragraphs separated by a blank line.")
    published_at: AwareDatetime | None = None
    updated_at: AwareDatetime | None = None


class ParsedPage(BaseModel):
    """A parsed snapshot. ``entries`` keeps document order (usually newest first)."""

    model_config = ConfigDict(frozen=True)

    url: str
    parser: str = Field(description="Which parser produced this, e.g. `jsonld`, `dw-text`.")
    title: str | None = None
    description: str | None = Field(default=None, description="The page lead.")
    summary: str | None = Field(
        default=None, description="Summary box, e.g. 'What you need to know'."
    )
    published_at: AwareDatetime | None = None
    updated_at: AwareDatetime | None = None
    entries: tuple[Entry, ...] = ()
