"""The worker's topics, as faust declares them.

Values and keys are raw bytes on every topic: the codec (orjson) does all
encoding, so what is on the wire is exactly what ``streams replay`` prints and
kcat shows. The source topic is declared with ``acks=False``: offsets are
committed by :mod:`streams.worker.transactions`, never by faust itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from streams.settings import WorkerSettings

__all__ = ["RAW", "WorkerTopics", "build_topics", "large_records"]

RAW: dict[str, Any] = {
    "key_type": bytes,
    "value_type": bytes,
    "key_serializer": "raw",
    "value_serializer": "raw",
}


@dataclass(frozen=True, slots=True)
class WorkerTopics:
    snapshots: Any
    outputs: tuple[Any, ...]  # entries.new, entries.edited, entries.removed, the DLQ

    async def declare_outputs(self) -> None:
        """Create the output topics (with our partition count) if they do not exist yet."""
        for topic in self.outputs:
            await topic.maybe_declare()


def large_records(settings: WorkerSettings) -> dict[str, str]:
    """Topic config for topics the worker creates: records up to what it may produce.

    A dead letter is a whole snapshot and a page state grows with the page; the
    broker's default (1 MB) would refuse both. Topics that already exist keep
    their own config (create them with this ``max.message.bytes``).
    """
    return {"max.message.bytes": str(settings.max_request_bytes)}


def build_topics(app: Any, settings: WorkerSettings) -> WorkerTopics:
    common = {"partitions": settings.partitions, "replicas": settings.replication_factor, **RAW}
    # Not the source topic: declared with a config too, the fault test's restarted worker
    # read the changelog as empty after a broker restart (LIVEDIFF_FAULT_SEED=2659343754,
    # every time; without it, never). Why inside faust is not known yet. pages.snapshots
    # is created on the producer side (docker-compose.yml's topic-init) with large records.
    snapshots = app.topic(settings.snapshots_topic, acks=False, **common)
    names = (settings.new_topic, settings.edited_topic, settings.removed_topic, settings.dlq_topic)
    outputs = tuple(app.topic(name, config=large_records(settings), **common) for name in names)
    return WorkerTopics(snapshots, outputs)
