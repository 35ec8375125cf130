"""What the worker writes to Kafka, as plain data: topic, key, value, headers.

Kept free of faust and aiokafka so the processing step can be unit-tested
without a broker and the sending side stays a dumb loop.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Headers", "OutRecord", "Source"]

Headers = tuple[tuple[str, bytes], ...]


@dataclass(frozen=True, slots=True)
class Source:
    """Where a consumed snapshot came from (for the DLQ headers and logs)."""

    topic: str
    partition: int
    offset: int
    key: bytes | None

    def __str__(self) -> str:
        return f"{self.topic}[{self.partition}]@{self.offset}"


@dataclass(frozen=True, slots=True)
class OutRecord:
    """One record to produce. ``partition=None`` means: by key, as any producer would."""

    topic: str
    key: bytes | None
    value: bytes
    headers: Headers = ()
    partition: int | None = None
