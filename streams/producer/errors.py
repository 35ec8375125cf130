"""Why a fetch produced no snapshot.

    LivediffError
    └── FetchError                 one page could not be fetched (reason + redacted message)
        ├── Blocked                SSRF guard: scheme, host or address not allowed
        ├── RobotsDisallowed       robots.txt forbids the path for our user agent
        ├── ResponseTooLarge       body over the size cap (header or while streaming)
        ├── TooManyRedirects       redirect chain longer than the limit
        ├── BadRedirect            3xx without a usable Location
        ├── HTTPStatusError        final status is not 200/304 (after retries)
        ├── FetchTimeout           connect/read/total timeout (after retries)
        └── ConnectError           connection failed (after retries)

``reason`` is short and bounded (a metric label); ``message`` is for humans and
never carries credentials: every message is built from redacted URLs.
"""

from __future__ import annotations

from streams.errors import LivediffError

__all__ = [
    "BadRedirect",
    "Blocked",
    "ConnectError",
    "FetchError",
    "FetchTimeout",
    "HTTPStatusError",
    "ResponseTooLarge",
    "RobotsDisallowed",
    "TooManyRedirects",
]


class FetchError(LivediffError):
    """A page fetch that yields no snapshot."""

    reason: str = "fetch_error"
    #: Worth another attempt within the same poll (5xx, 429, timeouts, resets).
    retryable: bool = False

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"{self.reason}: {self.message}"


class Blocked(FetchError):
    reason = "blocked"


class RobotsDisallowed(FetchError):
    reason = "robots_disallowed"


class ResponseTooLarge(FetchError):
    reason = "too_large"


class TooManyRedirects(FetchError):
    reason = "too_many_redirects"


class BadRedirect(FetchError):
    reason = "bad_redirect"


class HTTPStatusError(FetchError):
    reason = "http_status"
    status: int
    retry_after: float | None

    def __init__(self, message: str, status: int, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after
        self.retryable = status >= 500 or status == 429


class FetchTimeout(FetchError):
    reason = "timeout"
    retryable = True


class ConnectError(FetchError):
    reason = "connect_error"
    retryable = True
