"""Plain ``streams replay FILE`` enriches with the accurate engine, as the held-out check runs."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from streams.cli import main
from streams.codec import encode_snapshot
from streams.enrich import get_engine
from streams.enrich.labelled import LabelledEntry, page_snapshot

ENTRY = LabelledEntry(
    id="e1",
    topic="16",
    title="Rebels shell port city of Hodeidah",
    body="Shelling hit Hodeidah in Yemen on Sunday, the UN said.\n\n"
    "UN envoy Maria Sandoval called for a ceasefire. Sandoval met army commanders in Aden.",
    gold=frozenset(),
)


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "page.jsonl"
    path.write_bytes(encode_snapshot(page_snapshot([ENTRY])) + b"\n")
    return path


def run(capsysbinary: pytest.CaptureFixture[bytes], *argv: str) -> list[dict[str, object]]:
    assert main(["replay", *argv]) == 0
    return [orjson.loads(line) for line in capsysbinary.readouterr().out.splitlines()]


def test_default_engine_is_statistical(
    page: Path, capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LIVEDIFF_ENRICH_ENGINE", raising=False)
    (event,) = run(capsysbinary, str(page))
    assert event["enrichment_version"] == get_engine("statistical").version
    found = {(e["text"], e["label"]) for e in event["entities"]}  # type: ignore[union-attr]
    assert {("Aden", "LOC"), ("Yemen", "LOC"), ("Maria Sandoval", "PERSON")} <= found
    assert event["topics"][0]["id"] == "medtop:16000000"  # type: ignore[index]


@pytest.mark.parametrize("engine", ["fast", "none"])
def test_engine_flag(page: Path, capsysbinary: pytest.CaptureFixture[bytes], engine: str) -> None:
    (event,) = run(capsysbinary, "--engine", engine, str(page))
    if engine == "none":
        assert event["entities"] == []
        assert event["topics"] == []
        assert event.get("enrichment_version") is None
    else:
        assert event["enrichment_version"] == get_engine("fast").version


def test_unknown_engine_is_a_usage_error(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["replay", "--engine", "bert", str(page)]) == 2
    assert "bert" in capsys.readouterr().err
