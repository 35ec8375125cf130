"""Decoding bodies by charset: header, BOM, <meta>, XML declaration, fallback."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from streams.producer.charset import charset_of, decode_body


@pytest.mark.parametrize(
    ("body", "content_type", "codec"),
    [
        (b"abc", "text/html; charset=utf-8", "utf-8"),
        (b"abc", 'text/html; charset="windows-1251"', "cp1251"),
        (b"abc", "text/html; charset=ISO-8859-1", "cp1252"),  # WHATWG: latin-1 means cp1252
        (b"abc", "text/html; charset=no-such-codec", "utf-8"),
        (b'<html><meta charset="koi8-r">', "text/html", "koi8-r"),
        (
            b'<meta http-equiv="Content-Type" content="text/html; charset=shift_jis">',
            None,
            "shift_jis",
        ),
        (b'<?xml version="1.0" encoding="iso-8859-15"?><rss/>', "application/xml", "iso8859-15"),
        (b"\xef\xbb\xbfabc", "text/html; charset=cp1252", "utf-8"),  # BOM wins
        (b"\xff\xfea\x00", None, "utf-16-le"),
        (b'<meta charset="utf-16">', "text/html", "utf-8"),  # an ASCII scan cannot find UTF-16
        (b"plain", None, "utf-8"),
    ],
)
def test_charset_of(body: bytes, content_type: str | None, codec: str) -> None:
    assert charset_of(body, content_type) == codec


def test_decode_body_uses_charset_and_drops_bom() -> None:
    assert decode_body("Zürich".encode("cp1252"), "text/html; charset=iso-8859-1") == "Zürich"
    assert decode_body(b"\xef\xbb\xbfhi", None) == "hi"


@given(
    st.binary(max_size=2000),
    st.sampled_from(
        [None, "text/html", "text/html; charset=utf-8", "text/html; charset=shift_jis"]
    ),
)
def test_any_bytes_decode_without_error(body: bytes, content_type: str | None) -> None:
    assert isinstance(decode_body(body, content_type), str)
