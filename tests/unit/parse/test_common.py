"""Shared parser pieces: entry construction, URL resolution, line cleaning, caps."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from streams.codec import dumps
from streams.diff.normalize import normalize_line
from streams.models import Entry
from streams.parse.common import cap_newest, clean_line, clean_text_body, make_entry, resolve_url

T = datetime(2026, 3, 3, 10, tzinfo=UTC)
BASE = "https://news.example/live/page?x=1#top"


def test_fast_entry_is_equivalent_to_a_validated_one() -> None:
    fields = {
        "entry_id": "https://news.example/e1",
        "permalink": "https://news.example/e1",
        "title": "Title",
        "body": "One.\n\nTwo.",
        "published_at": T,
        "updated_at": None,
    }
    fast = make_entry(page_url=BASE, **fields)  # type: ignore[arg-type]
    valid = Entry.model_validate(fields)
    assert fast == valid
    assert fast.model_dump() == valid.model_dump()
    assert dumps(fast) == dumps(valid)
    assert orjson.loads(fast.model_dump_json()) == orjson.loads(valid.model_dump_json())
    assert fast.model_copy(update={"title": "X"}).title == "X"
    assert fast.model_fields_set == valid.model_fields_set
    with pytest.raises(Exception, match="frozen"):
        fast.title = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("https://other.example/a", "https://other.example/a"),
        ("/live/p/1", "https://news.example/live/p/1"),
        ("#post-3", "https://news.example/live/page?x=1#post-3"),
        ("p/2", "https://news.example/live/p/2"),
        ("//cdn.example/x", "https://cdn.example/x"),
        ("  https://other.example/a  ", "https://other.example/a"),
        ("", None),
        ("has space", None),
        ("tab\there", None),
        ("x" * 3000, None),
        ("//[bad", None),
        ("javascript:void(0)", None),
        ("mailto:desk@news.example", None),
        (
            "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66",
            "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66",
        ),
    ],
)
def test_resolve_url(ref: str, expected: str | None) -> None:
    assert resolve_url(BASE, ref) == expected


@given(st.text())
def test_clean_line_equals_normalize_line(text: str) -> None:
    assert clean_line(text) == normalize_line(text)


def _slow_body(text: str) -> str:
    return "\n\n".join(p for p in (normalize_line(x) for x in text.splitlines()) if p)


@given(
    st.lists(st.text(st.sampled_from("ab \n\t\u00a0é\r\x1c"), max_size=12), max_size=6).map(
        "\n\n".join
    )
    | st.text()
)
def test_clean_text_body_equals_line_by_line_cleaning(text: str) -> None:
    assert clean_text_body(text) == _slow_body(text)


@pytest.mark.parametrize(
    "text", ["One.\n\nTwo.", "One.", "", "One.\nTwo.", "One.\n\n\nTwo.", " One.", "One. \n\nTwo."]
)
def test_clean_text_body_examples(text: str) -> None:
    assert clean_text_body(text) == _slow_body(text)


@pytest.mark.parametrize(
    ("items", "first", "last", "kept"),
    [
        ([1, 2, 3, 4], T, T.replace(hour=9), [1, 2]),
        ([1, 2, 3, 4], T.replace(hour=9), T, [3, 4]),
        ([1, 2, 3, 4], None, T, [1, 2]),
        ([1, 2], T.replace(hour=9), T, [1, 2]),
    ],
)
def test_cap_newest(
    items: list[int], first: datetime | None, last: datetime | None, kept: list[int]
) -> None:
    assert list(cap_newest(items, 2, first, last)) == kept


URL_PART = st.text(st.sampled_from("aZ09-._~%/?#:@!$&'()*+,;=[]é"), max_size=12)


@given(
    st.sampled_from(["https://", "http://", "HTTPS://", "urn:", "ftp://", "", "//"]),
    URL_PART,
    URL_PART,
    URL_PART.filter(lambda s: s != ""),
)
def test_fragment_refs_resolve_like_urljoin(scheme: str, host: str, rest: str, frag: str) -> None:
    """The per-page shortcut for ``#id`` refs gives exactly urljoin's answer."""
    from urllib.parse import urljoin, urlsplit

    base, ref = f"{scheme}{host}{rest}", f"#{frag}"
    try:
        joined = urljoin(base, ref)
        expected = joined if urlsplit(joined).scheme.lower() in ("http", "https", "urn") else None
    except ValueError:
        expected = None
    assert resolve_url(base, ref) == expected
