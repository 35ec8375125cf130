"""Credentials never reach a log line, an error message or a Kafka key."""

from __future__ import annotations

import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

from streams.producer.redact import (
    RedactingFilter,
    SecretRegistry,
    redact_headers,
    redact_url,
    strip_userinfo,
)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://bob:hunter2@news.example/live", "https://***@news.example/live"),
        ("https://token@news.example/", "https://***@news.example/"),
        (
            "https://news.example/live?id=5&api_key=abc",
            "https://news.example/live?id=5&api_key=***",
        ),
        (
            "https://news.example/live?access_token=x&sig=y",
            "https://news.example/live?access_token=***&sig=***",
        ),
        ("https://news.example/live?page=2", "https://news.example/live?page=2"),
    ],
)
def test_redact_url(url: str, shown: str) -> None:
    assert redact_url(url) == shown


def test_strip_userinfo_keeps_the_page_identity() -> None:
    assert strip_userinfo("https://bob:pw@news.example/live?a=1") == "https://news.example/live?a=1"
    assert strip_userinfo("https://news.example/live") == "https://news.example/live"


def test_redact_headers() -> None:
    shown = redact_headers(
        {"Authorization": "Bearer x", "Cookie": "s=1", "X-Api-Key": "k", "Accept": "text/html"}
    )
    assert shown == {
        "Authorization": "***",
        "Cookie": "***",
        "X-Api-Key": "***",
        "Accept": "text/html",
    }


def test_registry_scrubs_raw_and_percent_encoded_secrets() -> None:
    registry = SecretRegistry()
    registry.add_url("https://bob:p@ss w0rd@news.example/?token=t0k")
    registry.add_headers({"Authorization": "Bearer abc.def", "Accept": "text/html"})
    text = "p@ss w0rd p%40ss%20w0rd t0k Bearer abc.def text/html"
    assert registry.scrub(text) == "*** *** *** *** text/html"


def test_filter_scrubs_message_args_and_traceback() -> None:
    registry = SecretRegistry()
    registry.add("s3cret")
    record = logging.LogRecord(
        "streams.producer", logging.ERROR, __file__, 1, "failed with %s", ("password s3cret",), None
    )
    try:
        raise RuntimeError("boom s3cret")
    except RuntimeError:
        import sys

        record.exc_info = sys.exc_info()
    assert RedactingFilter(registry).filter(record)
    formatted = logging.Formatter().format(record)
    assert "s3cret" not in formatted
    assert "failed with password ***" in formatted
    assert "boom ***" in formatted


@given(st.text(max_size=200))
def test_redact_url_never_raises(text: str) -> None:
    assert isinstance(redact_url(text), str)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30))
def test_any_password_is_masked(password: str) -> None:
    from urllib.parse import quote

    url = f"https://bob:{quote(password, safe='')}@news.example/"
    assert redact_url(url) == "https://***@news.example/"
