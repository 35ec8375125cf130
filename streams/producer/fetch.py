"""Fetch one page: conditional GET, redirects by hand, retries with backoff.

Per attempt, the redirect chain is followed here (not by aiohttp) so every
hop passes the SSRF guard and robots.txt again; credentials in custom headers
are not forwarded to another origin. A retry is made on 5xx, 429, timeouts
and connection errors, after an exponential delay with jitter, or exactly
the server's ``Retry-After`` (a Retry-After above the cap ends the poll
instead: the next poll comes soon enough).

An optional observer sees every fetch's outcome and duration: the seam for
Prometheus metrics (``streams/metrics.py``), kept out of this module.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from yarl import URL

from streams.producer.charset import decode_body
from streams.producer.client import Caps, GuardedClient, RawResponse
from streams.producer.config import PageConfig
from streams.producer.errors import (
    BadRedirect,
    FetchError,
    HTTPStatusError,
    TooManyRedirects,
)
from streams.producer.guard import check_url
from streams.producer.redact import is_sensitive_header, redact_url
from streams.producer.robots import ROBOTS_MAX_BYTES, RobotsCache

__all__ = ["FetchObserver", "FetchRecord", "FetchResult", "Fetcher", "Validators", "retry_after_s"]

log = logging.getLogger("streams.producer.fetch")

REDIRECTS = frozenset({301, 302, 303, 307, 308})
OK_STATUSES = frozenset({200, 203})
Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Validators:
    """What the last 200 said, sent back as If-None-Match / If-Modified-Since."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class FetchResult:
    """A 200 (``body`` set) or a 304 (``not_modified``, no body)."""

    url: str
    final_url: str
    status: int
    content_type: str
    body: str | None
    validators: Validators
    attempts: int
    size_bytes: int

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True, slots=True)
class FetchRecord:
    """One fetch as the observer sees it; ``outcome`` is bounded (a metric label)."""

    url: str  # redacted
    host: str
    outcome: str  # ok | not_modified | <FetchError.reason>
    status: int | None
    duration_s: float
    attempts: int
    size_bytes: int


FetchObserver = Callable[[FetchRecord], None]


def retry_after_s(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After in seconds (delta-seconds or HTTP-date); None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class Fetcher:
    """Fetches pages through a :class:`GuardedClient`, honouring robots.txt."""

    def __init__(
        self,
        client: GuardedClient,
        *,
        user_agent: str,
        robots_ttl_s: float = 3600.0,
        backoff_base_s: float = 0.5,
        backoff_max_s: float = 30.0,
        max_retry_after_s: float = 300.0,
        observer: FetchObserver | None = None,
        sleep: Sleep = asyncio.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.client = client
        self.robots = RobotsCache(user_agent, robots_ttl_s)
        self.backoff_base_s = backoff_base_s
        self.backoff_max_s = backoff_max_s
        self.max_retry_after_s = max_retry_after_s
        self.observer = observer
        self._sleep = sleep
        self._rng = rng or random.Random()

    async def fetch(self, page: PageConfig, validators: Validators | None = None) -> FetchResult:
        """Fetch ``page``; a FetchError says why nothing came back."""
        start = time.perf_counter()
        attempts = 0
        try:
            for attempt in range(page.retries + 1):
                attempts = attempt + 1
                try:
                    result = await self._attempt(page, validators or Validators(), attempts)
                except FetchError as exc:
                    if not exc.retryable or attempt == page.retries:
                        raise
                    delay = self.backoff(attempt, exc)
                    log.info("retrying in %.2fs (%s)", delay, exc)
                    await self._sleep(delay)
                else:
                    self._observe(page, result, None, start, attempts)
                    return result
            raise AssertionError("unreachable")  # pragma: no cover
        except FetchError as exc:
            self._observe(page, None, exc, start, attempts)
            raise

    def backoff(self, attempt: int, exc: FetchError) -> float:
        """Retry-After if the server gave one, else exponential with equal jitter.

        Re-raises ``exc`` when Retry-After is over the cap: waiting that long
        inside one poll helps nobody, the next poll will ask again.
        """
        if isinstance(exc, HTTPStatusError) and exc.retry_after is not None:
            if exc.retry_after > self.max_retry_after_s:
                raise exc
            return exc.retry_after
        ceiling = min(self.backoff_max_s, self.backoff_base_s * 2.0**attempt)
        return ceiling / 2 + self._rng.uniform(0, ceiling / 2)

    async def _attempt(
        self, page: PageConfig, validators: Validators, attempts: int
    ) -> FetchResult:
        headers = dict(page.headers)
        if validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        resp = await self._follow(page, URL(page.url), headers, self._caps(page))
        if resp.status not in OK_STATUSES and resp.status != 304:
            raise HTTPStatusError(
                f"HTTP {resp.status} from {redact_url(resp.url)}",
                resp.status,
                retry_after_s(resp.headers.get("Retry-After")),
            )
        content_type = resp.headers.get("Content-Type") or "application/octet-stream"
        return FetchResult(
            url=page.url,
            final_url=str(resp.url),
            status=resp.status,
            content_type=content_type,
            body=None if resp.body is None else decode_body(resp.body, content_type),
            validators=_validators(resp, validators),
            attempts=attempts,
            size_bytes=len(resp.body or b""),
        )

    async def _follow(
        self, page: PageConfig, url: URL, headers: dict[str, str], caps: Caps, robots: bool = True
    ) -> RawResponse:
        """Follow redirects by hand: guard, robots.txt and header scoping on every hop."""
        origin = url.origin()
        for _hop in range(page.max_redirects + 1):
            check_url(url, self.client.policy(page.allow_private))  # before robots.txt too
            if robots and page.respect_robots:
                await self.robots.check(url, functools.partial(self._fetch_robots, page))
            hop_headers = headers if url.origin() == origin else _public(headers)
            resp = await self.client.request(
                url, hop_headers, caps, allow_private=page.allow_private
            )
            if resp.status not in REDIRECTS:
                return resp
            location = resp.headers.get("Location")
            if not location:
                raise BadRedirect(f"HTTP {resp.status} without Location from {redact_url(url)}")
            try:
                url = url.join(URL(location))
            except ValueError as exc:
                raise BadRedirect(f"unusable Location from {redact_url(url)}") from exc
        raise TooManyRedirects(
            f"more than {page.max_redirects} redirects from {redact_url(page.url)}"
        )

    async def _fetch_robots(self, page: PageConfig, url: URL) -> tuple[int, str]:
        """robots.txt with the page's guard and time caps, but never its credentials."""
        caps = Caps(page.timeout_s, page.connect_timeout_s, ROBOTS_MAX_BYTES, truncate=True)
        plain = page.model_copy(update={"headers": _public(page.headers)})
        resp = await self._follow(plain, url, dict(plain.headers), caps, robots=False)
        text = "" if resp.body is None else decode_body(resp.body, resp.headers.get("Content-Type"))
        return resp.status, text

    @staticmethod
    def _caps(page: PageConfig) -> Caps:
        return Caps(page.timeout_s, page.connect_timeout_s, page.max_body_bytes)

    def _observe(
        self,
        page: PageConfig,
        result: FetchResult | None,
        exc: FetchError | None,
        start: float,
        attempts: int,
    ) -> None:
        if self.observer is None:
            return
        outcome = (
            exc.reason if exc else ("not_modified" if result and result.not_modified else "ok")
        )
        status = result.status if result else getattr(exc, "status", None)
        record = FetchRecord(
            url=redact_url(page.url),
            host=URL(page.url).host or "",
            outcome=outcome,
            status=status,
            duration_s=time.perf_counter() - start,
            attempts=attempts,
            size_bytes=result.size_bytes if result else 0,
        )
        try:
            self.observer(record)
        except Exception:  # an observer bug must not stop polling
            log.exception("fetch observer failed")


def _public(headers: dict[str, str]) -> dict[str, str]:
    """Headers safe to send to another origin (no credentials)."""
    return {k: v for k, v in headers.items() if not is_sensitive_header(k)}


def _validators(resp: RawResponse, previous: Validators) -> Validators:
    """A 304 need not repeat the validators; keep the ones it answered to."""
    etag, modified = resp.headers.get("ETag"), resp.headers.get("Last-Modified")
    if resp.status == 304:
        return Validators(etag or previous.etag, modified or previous.last_modified)
    return Validators(etag, modified)
