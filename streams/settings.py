"""Configuration, from environment variables (the only module that reads them).

Kafka settings use the names ops teams already know (``KAFKA_BOOTSTRAP_SERVERS``);
everything else is ``LIVEDIFF_*``, nested with ``__`` (``LIVEDIFF_LIMITS__MAX_BODY_BYTES``).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Limits", "Settings"]


class Limits(BaseModel):
    """Input limits. Every rejection names the limit it hit."""

    model_config = ConfigDict(frozen=True)

    max_body_bytes: int = Field(default=16 * 1024 * 1024, gt=0, description="Page body size cap.")
    max_entries: int = Field(default=5_000, gt=0, description="Entries parsed per page, at most.")
    max_jsonld_bytes: int = Field(
        default=8 * 1024 * 1024, gt=0, description="Size cap of one JSON-LD script."
    )
    max_json_depth: int = Field(default=64, gt=0, description="JSON-LD nesting depth cap.")
    max_html_depth: int = Field(default=512, gt=0, description="HTML nesting depth cap.")
    retained_entries: int = Field(
        default=5_000, gt=0, description="Rolled-off/removed entries remembered per page."
    )


class Settings(BaseSettings):
    """Service settings. See README ("Configuration") for the full table."""

    model_config = SettingsConfigDict(
        env_prefix="LIVEDIFF_", env_nested_delimiter="__", frozen=True, extra="ignore"
    )

    limits: Limits = Field(default_factory=Limits)
    enrich_engine: str = Field(
        default="none", description="Enrichment engine: `none`, `fast` or `statistical`."
    )
