"""Keep credentials out of logs, error messages and Kafka keys.

Two layers, because one is never enough: every URL we print goes through
:func:`redact_url` (userinfo and token-like query values masked), and every
log record passes :class:`RedactingFilter`, which scrubs any secret we know
of (passwords, auth header values, Kafka SASL password) from the final text,
including exception text raised by libraries that echo URLs or headers.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from urllib.parse import quote

from yarl import URL

__all__ = [
    "MASK",
    "RedactingFilter",
    "SecretRegistry",
    "is_sensitive_header",
    "is_sensitive_param",
    "redact_headers",
    "redact_url",
    "secrets",
    "strip_userinfo",
]

MASK = "***"
_SENSITIVE_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"}
)
_SENSITIVE_WORDS = ("token", "secret", "auth", "key", "password", "passwd", "session", "sig")


def is_sensitive_header(name: str) -> bool:
    low = name.lower()
    return low in _SENSITIVE_HEADERS or any(w in low for w in _SENSITIVE_WORDS)


def is_sensitive_param(name: str) -> bool:
    low = name.lower()
    return any(w in low for w in _SENSITIVE_WORDS) or low in {"pw", "pwd", "code"}


def redact_url(url: str | URL) -> str:
    """The URL as safe to print: ``user:pass@`` and token-like query values masked."""
    try:
        u = url if isinstance(url, URL) else URL(url)
    except (ValueError, TypeError):
        return "<unparseable url>"
    if u.user is not None or u.password is not None:
        u = u.with_user(MASK).with_password(None)
    if u.query and any(is_sensitive_param(k) for k in u.query):
        u = u.with_query([(k, MASK if is_sensitive_param(k) else v) for k, v in u.query.items()])
    return str(u)


def strip_userinfo(url: str) -> str:
    """The page identity (Kafka key): credentials never belong in a topic."""
    u = URL(url)
    if u.user is None and u.password is None:
        return url
    return str(u.with_user(None))


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    return {k: (MASK if is_sensitive_header(k) else v) for k, v in headers.items()}


class SecretRegistry:
    """Secret strings to scrub from any text; shared by all log filters."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._secrets: tuple[str, ...] = ()

    def add(self, *values: str | None) -> None:
        new = set(self._secrets)
        for value in values:
            if value:
                new.add(value)
                new.add(quote(value, safe=""))
        with self._lock:
            # Longest first, so a secret containing another is masked whole.
            self._secrets = tuple(sorted(new, key=len, reverse=True))

    def add_url(self, url: str) -> None:
        try:
            u = URL(url)
        except (ValueError, TypeError):
            return
        self.add(u.user, u.password, u.raw_user, u.raw_password)
        self.add(*(v for k, v in u.query.items() if is_sensitive_param(k)))

    def add_headers(self, headers: Mapping[str, str]) -> None:
        self.add(*(v for k, v in headers.items() if is_sensitive_header(k)))

    def scrub(self, text: str) -> str:
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, MASK)
        return text

    def clear(self) -> None:
        with self._lock:
            self._secrets = ()


#: The process-wide registry: config loading registers, log filters scrub.
secrets = SecretRegistry()


class RedactingFilter(logging.Filter):
    """Scrub known secrets from the message and the exception text of a record."""

    def __init__(self, registry: SecretRegistry = secrets) -> None:
        super().__init__()
        self.registry = registry

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = self.registry.scrub(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.registry.scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = self.registry.scrub(record.stack_info)
        return True
