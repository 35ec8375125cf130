"""ldreuse: re-reading a script against its previous fetch gives exactly the full decode.

Every check compares a warm parse (caches and layout from the previous fetches
of the page) with a cold one (all caches cleared) of the same scripts.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from streams.models import ParsedPage
from streams.parse import jsonld
from streams.parse.entrycache import ENTRY_CACHE, MAX_LAYOUT_CHARS
from streams.parse.jsonld import parse_jsonld_texts
from streams.parse.ldreuse import _common_prefix, _common_suffix
from streams.settings import Limits

URL = "https://tide.example/live/storm"
SLOW = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=150)

STYLES: dict[str, Callable[[Any], str]] = {
    "json": json.dumps,
    "compact": lambda d: json.dumps(d, separators=(",", ":")),
    "indent": lambda d: json.dumps(d, indent=2),
    "unicode": lambda d: json.dumps(d, ensure_ascii=False),
    "orjson": lambda d: orjson.dumps(d).decode(),
}


@pytest.fixture(autouse=True)
def _cold_cache() -> Iterator[None]:
    ENTRY_CACHE.clear()
    yield
    ENTRY_CACHE.clear()


def update(n: int, text: str = "", **extra: Any) -> dict[str, Any]:
    return {
        "@type": "BlogPosting",
        "url": f"{URL}#u{n}",
        "headline": f"Update {n} \u2013 tide",
        "datePublished": f"2026-01-01T{n % 24:02d}:{n % 60:02d}:00Z",
        "articleBody": f"<p>Water rose at pier {n}.{text}</p><p>Second \u00e9 part.</p>",
        **extra,
    }


def blog(updates: list[Any], *, modified: str = "2026-01-01T10:00:00Z", after: bool = False) -> Any:
    head: dict[str, Any] = {"@context": "https://schema.org", "@type": "LiveBlogPosting"}
    head["headline"] = "Storm tide"
    if not after:
        head["dateModified"] = modified
    head["liveBlogUpdate"] = updates
    if after:
        head["dateModified"] = modified
    return head


def parse(texts: list[str]) -> ParsedPage | None:
    return parse_jsonld_texts(texts, URL, Limits(), [])


def cold(texts: list[str]) -> ParsedPage | None:
    ENTRY_CACHE.clear()
    return parse(texts)


def reread_count(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the fetches answered by ldreuse (not by a full decode)."""
    hits = [0]
    original = jsonld.reread_blog

    def counting(*args: Any) -> Any:
        found = original(*args)
        hits[0] += found is not None
        return found

    monkeypatch.setattr(jsonld, "reread_blog", counting)
    return hits


EDITS = [
    "edit",
    "top",
    "middle",
    "drop",
    "drop-two",
    "swap",
    "modified",
    "headline",
    "reference",
    "nested-blog",
    "no-text",
    "space",
    "empty",
    "same",
]


def apply(
    edit: str, updates: list[Any], meta: dict[str, Any], n: int, k: int
) -> tuple[list[Any], dict[str, Any]]:
    out = list(updates)
    meta = dict(meta)
    k = k % len(out) if out else 0
    if edit == "edit" and out:
        url = out[k].get("url") if isinstance(out[k], dict) else None
        out[k] = update(100 + n) | ({"url": url} if url else {})
    elif edit == "top":
        out.insert(0, update(200 + n))
    elif edit == "middle":
        out.insert(k, update(300 + n, " new"))
    elif edit == "drop" and len(out) > 1:
        del out[k]
    elif edit == "drop-two" and len(out) > 2:
        del out[k : k + 2]
    elif edit == "swap" and len(out) > 1:
        out[0], out[-1] = out[-1], out[0]
    elif edit == "modified":
        meta["modified"] = f"2026-01-02T{n % 24:02d}:00:00Z"
    elif edit == "headline":
        meta["headline"] = f"Storm tide, day {n}"
    elif edit == "reference":
        out.insert(k, {"@id": f"{URL}#ref{n}"})
    elif edit == "nested-blog":
        inner = blog([update(400 + n)])
        out.insert(k, update(500 + n, about=inner))
    elif edit == "no-text" and out:
        out.insert(k, {"@type": "BlogPosting", "url": f"{URL}#bare{n}"})
    elif edit == "space":
        meta["space"] = not meta.get("space", False)
    elif edit == "empty":
        out = []
    return out, meta


def render(updates: list[Any], meta: dict[str, Any], style: str) -> list[str]:
    doc = blog(updates, modified=meta.get("modified", "2026-01-01T10:00:00Z"), after=meta["after"])
    if "headline" in meta:
        doc["headline"] = meta["headline"]
    text = STYLES[style](doc)
    if meta.get("space"):
        text = "\n  " + text.replace('[{"@type"', '[ {"@type"', 1) + "\n"
    texts = [text]
    if meta.get("other"):
        texts.insert(0, json.dumps({"@type": "Organization", "@id": f"{URL}#org"}))
    return texts


@SLOW
@given(
    size=st.integers(0, 6),
    style=st.sampled_from(sorted(STYLES)),
    after=st.booleans(),
    other=st.booleans(),
    steps=st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 9)), min_size=1, max_size=6),
)
def test_warm_parses_equal_cold_ones_over_edit_sequences(
    size: int, style: str, after: bool, other: bool, steps: list[tuple[str, int]]
) -> None:
    ENTRY_CACHE.clear()
    updates: list[Any] = [update(n) for n in range(size)]
    meta: dict[str, Any] = {"after": after, "other": other}
    for n, (edit, k) in enumerate(steps):
        texts = render(updates, meta, style)
        warm = parse(texts)
        assert warm == cold(texts)
        parse(texts)  # leave this fetch's caches and layout for the next step
        updates, meta = apply(edit, updates, meta, n, k)
    texts = render(updates, meta, style)
    assert parse(texts) == cold(texts)


@pytest.mark.parametrize("style", sorted(STYLES))
@pytest.mark.parametrize("after", [False, True])
def test_the_usual_fetches_are_reread_not_decoded(
    style: str, after: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    hits = reread_count(monkeypatch)
    updates = [update(n) for n in range(8)]
    meta: dict[str, Any] = {"after": after}
    parse(render(updates, meta, style))  # cold: leaves the layout
    for n, edit in enumerate(["top", "edit", "modified", "drop", "middle", "swap"]):
        updates, meta = apply(edit, updates, meta, n, 3)
        texts = render(updates, meta, style)
        warm = parse(texts)  # read against the previous fetch's layout
        assert warm == cold(texts)  # (the cold parse leaves a layout too)
    assert hits[0] == 6  # every warm parse above went through ldreuse


@pytest.mark.parametrize(
    "tamper",
    [
        # A second liveBlogUpdate key (escaped spelling): decoders keep the last.
        lambda t: t.replace('"headline": "Storm tide"', '"liveBlog\\u0055pdate": []', 1),
        lambda t: t.replace('"headline": "Storm tide"', '"liveBlogUpdate": []', 1),
        # The key inside a string: not the array's key any more.
        lambda t: t.replace('"liveBlogUpdate"', '"x": "\\"liveBlogUpdate\\": [", "y"', 1),
        # Truncated, or an unclosed string swallowing the array.
        lambda t: t[: len(t) // 2],
        lambda t: t.replace('"Storm tide"', '"Storm tide', 1),
    ],
)
def test_doubtful_scripts_are_decoded_in_full(tamper: Callable[[str], str]) -> None:
    updates = [update(n) for n in range(5)]
    parse([json.dumps(blog(updates))])
    updates.insert(0, update(9))
    texts = [tamper(json.dumps(blog(updates)))]
    assert parse(texts) == cold(texts)


@given(st.text("ab", max_size=40), st.text("ab", max_size=40), st.text("ab", max_size=40))
def test_common_prefix_and_suffix(head: str, x: str, y: str) -> None:
    a, b = head + x, head + y
    p = _common_prefix(a, b)
    assert a[:p] == b[:p]
    assert p == len(a) or p == len(b) or a[p] != b[p]
    s = _common_suffix(a, b, min(len(a), len(b)) - p)
    assert a[len(a) - s :] == b[len(b) - s :]
    assert p + s <= min(len(a), len(b))


def test_long_texts_compare_by_chunks() -> None:
    a = "x" * 10_000 + "A" + "y" * 9_000
    b = "x" * 10_000 + "BB" + "y" * 9_000
    assert _common_prefix(a, b) == 10_000
    assert _common_suffix(a, b, 9_000) == 9_000


def test_kept_layouts_are_bounded_by_their_text() -> None:
    ENTRY_CACHE.max_layout_chars = 3 * len(json.dumps(blog([update(0), update(1)]))) + 10
    try:
        for n in range(6):
            url = f"{URL}/{n}"
            parse_jsonld_texts([json.dumps(blog([update(0), update(1)]))], url, Limits(), [])
            assert url in ENTRY_CACHE.layouts
            assert ENTRY_CACHE.layout_chars <= ENTRY_CACHE.max_layout_chars
        assert len(ENTRY_CACHE.layouts) == 3
        assert ENTRY_CACHE.layout_chars == sum(
            len(kept.layout.text) for kept in ENTRY_CACHE.layouts.values()
        )
    finally:
        ENTRY_CACHE.max_layout_chars = MAX_LAYOUT_CHARS


def test_unchanged_updates_keep_their_entries_by_position(monkeypatch: pytest.MonkeyPatch) -> None:
    updates = [update(n) for n in range(6)]
    first = parse([json.dumps(blog(updates))])
    asked: list[int] = []
    original = ENTRY_CACHE.lookup

    def lookup(page_url: str, items: list[Any]) -> Any:
        asked.append(len(items))
        return original(page_url, items)

    monkeypatch.setattr(ENTRY_CACHE, "lookup", lookup)
    updates[3] = update(3, " Corrected.")
    texts = [json.dumps(blog(updates))]
    second = parse(texts)
    assert asked == [1]  # only the edited update was looked up
    assert second is not None
    assert first is not None
    assert [a is b for a, b in zip(first.entries, second.entries, strict=True)] == [
        True,
        True,
        True,
        False,
        True,
        True,
    ]
    monkeypatch.undo()
    assert second == cold(texts)


MUTATION_CHARS = st.sampled_from(
    [*'"{}[],:\\ u0aZ\n', '"liveBlogUpdate"', '"liveBlogUpdate": [', "</p>", "\\u0041"]
)


@SLOW
@given(
    style=st.sampled_from(sorted(STYLES)),
    after=st.booleans(),
    data=st.data(),
)
def test_character_level_mutations_read_like_a_full_decode(
    style: str, after: bool, data: st.DataObject
) -> None:
    """Any text after a good fetch (not just well-formed edits): broken JSON,
    a quote that swallows the array, a second key ... warm == cold."""
    ENTRY_CACHE.clear()
    updates = [update(n) for n in range(5)]
    base = render(updates, {"after": after}, style)[0]
    parse([base])
    text = base
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        action = data.draw(st.sampled_from(["insert", "delete", "duplicate"]))
        if action == "insert":
            text = text[:at] + data.draw(MUTATION_CHARS) + text[at:]
        else:
            end = min(len(text), at + data.draw(st.integers(1, 40)))
            piece = text[at:end] if action == "duplicate" else ""
            text = text[:at] + piece + piece + text[end:] if piece else text[:at] + text[end:]
    assert parse([text]) == cold([text])
    assert parse([base]) == cold([base])
