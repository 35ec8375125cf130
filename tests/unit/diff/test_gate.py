"""The gate's memory of each page's last body: a cache that never changes an answer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from streams.diff.gate import LAST_BODIES, LastBodies, body_hash, gate_snapshot
from streams.errors import DecodeError, SnapshotTooLarge
from streams.models import Snapshot
from streams.settings import Limits

URL = "https://news.example/live/gate"
T0 = datetime(2026, 3, 1, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _forget() -> Iterator[None]:
    LAST_BODIES.clear()
    yield
    LAST_BODIES.clear()


def snap(body: str, minute: int = 0, content_type: str = "text/html", url: str = URL) -> Snapshot:
    return Snapshot(
        url=url,
        fetched_at=T0 + timedelta(minutes=minute),
        content_type=content_type,
        body=body,
    )


def cold_hash(snapshot: Snapshot) -> str:
    return body_hash(snapshot, snapshot.body.encode("utf-8"))


@given(st.lists(st.tuples(st.sampled_from(["a", "b", "ab", "é", ""]), st.booleans()), max_size=8))
def test_hashes_with_the_memory_equal_hashes_without(bodies: list[tuple[str, bool]]) -> None:
    LAST_BODIES.clear()
    for minute, (body, plain) in enumerate(bodies):
        snapshot = snap("".join([body, "x"]), minute, "text/plain" if plain else "text/html")
        assert gate_snapshot(None, snapshot, limits=Limits()).body_hash == cold_hash(snapshot)


def test_an_equal_body_is_not_encoded_again() -> None:
    first = snap("<p>" + "x" * 1000 + "</p>")
    digest = gate_snapshot(None, first, limits=Limits()).body_hash
    again = snap("".join(["<p>", "x" * 1000, "</p>"]), 1)  # equal, another object
    assert LAST_BODIES.known(again) == (len(again.body), digest)
    assert LAST_BODIES.known(snap(again.body, 2, "text/plain")) is None
    assert LAST_BODIES.known(snap(again.body[:-1] + "!", 2)) is None


def test_limits_still_apply_to_a_remembered_body() -> None:
    body = "é" * 60  # 120 bytes in UTF-8
    gate_snapshot(None, snap(body), limits=Limits())
    with pytest.raises(SnapshotTooLarge, match="120 bytes"):
        gate_snapshot(None, snap(body, 1), limits=Limits(max_body_bytes=100))


def test_a_body_that_cannot_be_encoded_is_a_decode_error() -> None:
    with pytest.raises(DecodeError):
        gate_snapshot(None, snap("a\ud800b"), limits=Limits())
    assert LAST_BODIES.bodies == {}


def test_memory_is_bounded_by_characters() -> None:
    memory = LastBodies(max_chars=25)
    for n in range(6):
        memory.remember(snap("x" * 10, url=f"{URL}/{n}"), 10, f"d{n}")
        assert memory.chars <= 25
    assert list(memory.bodies) == [f"{URL}/4", f"{URL}/5"]
    memory.remember(snap("y" * 30, url=f"{URL}/big"), 30, "big")  # larger than the bound
    assert f"{URL}/big" not in memory.bodies
    assert memory.chars == sum(len(b[1]) for b in memory.bodies.values())
