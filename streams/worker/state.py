"""Page states in a changelog-backed faust Table, with uncommitted writes kept aside.

Under exactly-once a state write is only real once its transaction commits:
the changelog record is produced inside the same transaction as the events
and the consumed offset. Until then the new state lives in a per-partition
*pending* overlay. When a commit starts, the partition's pending states are
*sealed* (states staged from then on belong to the next transaction); when it
returns, the sealed ones move into the Table. An abort or a revoked partition
throws both away, so the Table only ever holds what the changelog
holds and a partition that comes back after a rebalance is never diffed
against a state the world never saw. (faust's own ``table[key] = value``
writes the local store at once, which is wrong exactly in that case.)

The changelog record of a page is written at commit time, once per page and
transaction, with the newest state (``seal`` returns them): a page that got
several snapshots between two commits is encoded and sent once, not once per
snapshot (states are tens of KB: encoding, compressing and producing them was
most of the worker's CPU). Compaction keeps only the last value per key
anyway, and recovery reads the same thing.

The Table stores the encoded ``PageState`` (JSON bytes, raw serializer):
readable with kcat, and the codec stays the one place that knows the format
(:class:`~streams.worker.stateenc.StateEncoder` produces the same bytes,
re-using those of unchanged entries). Decoded states are kept beside the
Table, so a state is decoded only after a recovery or rebalance wrote it.
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from typing import Any

from streams.codec import decode_state
from streams.models import PageState
from streams.worker.records import OutRecord
from streams.worker.stateenc import StateEncoder

__all__ = ["PageStore"]


class PageStore:
    """``get`` sees pending, then sealed writes first; ``seal``/``commit``/``discard`` settle
    them per partition."""

    def __init__(self, table: Any, changelog_topic: str) -> None:
        self._table = table  # faust Table[bytes, bytes]; .data is its local store
        self.changelog_topic = changelog_topic
        self._pending: dict[int, dict[bytes, PageState]] = {}
        self._sealed: dict[int, dict[bytes, tuple[bytes, PageState]]] = {}
        self._encoder = StateEncoder()
        self._decoded: dict[bytes, tuple[bytes, PageState]] = {}

    @property
    def _data(self) -> MutableMapping[bytes, bytes]:
        data: MutableMapping[bytes, bytes] = self._table.data
        return data

    def get(self, url: str) -> PageState | None:
        key = url.encode()
        for pending in self._pending.values():
            if key in pending:
                return pending[key]
        for sealed in self._sealed.values():
            if key in sealed:
                return sealed[key][1]
        raw = self._data.get(key)
        if raw is None:
            return None
        cached = self._decoded.get(key)
        if cached is not None and cached[0] is raw:  # same bytes object: still valid
            return cached[1]
        state = decode_state(raw)
        self._decoded[key] = (raw, state)
        return state

    def stage(self, state: PageState, partition: int) -> None:
        """Keep ``state`` pending for ``partition`` (its record is made by ``seal``)."""
        self._pending.setdefault(partition, {})[state.page_url.encode()] = state

    def seal(self, partitions: Iterable[int]) -> dict[int, list[OutRecord]]:
        """The transactions of ``partitions`` start committing with what is pending now.

        Returns, per partition, the changelog records to send into its transaction
        before it commits: one per page, its newest state.
        """
        records: dict[int, list[OutRecord]] = {}
        for partition in partitions:
            writes = self._pending.pop(partition, {})
            sealed = self._sealed.setdefault(partition, {})
            for key, state in writes.items():
                value = self._encoder.encode(state)
                sealed[key] = (value, state)
                records.setdefault(partition, []).append(
                    OutRecord(self.changelog_topic, key, value, partition=partition)
                )
        return records

    def commit(self, partitions: Iterable[int]) -> None:
        """The transactions of ``partitions`` committed: their sealed states are now real."""
        for partition in partitions:
            for key, (value, state) in self._sealed.pop(partition, {}).items():
                self._data[key] = value
                self._decoded[key] = (value, state)

    def discard(self, partitions: Iterable[int]) -> None:
        """Aborted or revoked: forget what ``partitions`` wrote since their last commit."""
        for partition in partitions:
            self._pending.pop(partition, None)
            self._sealed.pop(partition, None)

    def __len__(self) -> int:
        return len(self._data)
