"""The raw snapshot envelope: the value on ``pages.snapshots`` (key = page URL)."""

from __future__ import annotations

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

__all__ = ["Snapshot"]


class Snapshot(BaseModel):
    """One fetch of one live-blog page, exactly as it came off the wire.

    The body is kept raw (no parsing at the producer) so that a parser fix can
    be applied by replaying the topic.
    """

    model_config = ConfigDict(frozen=True, extra="ignore", title="Snapshot")

    url: str = Field(min_length=1, description="Page URL; also the Kafka message key.")
    fetched_at: AwareDatetime = Field(
        description="When the page was fetched (RFC 3339 with offset). Orders snapshots of a page."
    )
    content_type: str = Field(
        min_length=1,
        description="Media type of `body`, e.g. `text/html` or `text/plain; charset=utf-8`.",
    )
    body: str = Field(description="The page as text (decoded by the producer).")
    status: int | None = Field(default=None, description="HTTP status of the fetch, if fetched.")
    etag: str | None = Field(default=None, description="ETag response header, if any.")
    last_modified: str | None = Field(
        default=None, description="Last-Modified response header, verbatim, if any."
    )
    snapshot_id: str | None = Field(
        default=None, description="Producer-assigned id of this fetch, echoed in events."
    )
