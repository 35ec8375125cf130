"""robots.txt, respected by default, cached per origin (RFC 9309 semantics).

* 2xx: parsed with :mod:`urllib.robotparser`;
* 4xx: "unavailable", everything allowed;
* 5xx or network error: "unreachable", everything
  disallowed, and cached for a short while only so a blip does not stop a
  page for an hour;
* an SSRF refusal propagates as ``Blocked``: the page's origin is off limits.

One fetch per origin at a time (a lock per origin), so a burst of pages on
one site never fans out into a burst of robots.txt requests.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.robotparser import RobotFileParser

from yarl import URL

from streams.producer.errors import Blocked, FetchError, RobotsDisallowed
from streams.producer.redact import redact_url

__all__ = ["ROBOTS_MAX_BYTES", "RobotsCache", "RobotsFetch"]

log = logging.getLogger("streams.producer.robots")

#: RFC 9309's minimum; the fetcher truncates beyond it rather than failing.
ROBOTS_MAX_BYTES = 500 * 1024
#: How long an "unreachable" verdict is cached.
UNREACHABLE_TTL_S = 60.0

#: Fetches ``robots.txt``: returns (status, text); raises FetchError.
RobotsFetch = Callable[[URL], Awaitable[tuple[int, str]]]


@dataclass(frozen=True, slots=True)
class _Entry:
    """Parsed rules, or (parser None) a blanket verdict for the origin."""

    parser: RobotFileParser | None
    allowed: bool
    expires: float

    def can_fetch(self, agent: str, url: str) -> bool:
        return self.allowed if self.parser is None else self.parser.can_fetch(agent, url)


def _parsed(text: str, expires: float) -> _Entry:
    parser = RobotFileParser()
    parser.parse(text.splitlines())
    return _Entry(parser, True, expires)


class RobotsCache:
    """Answers "may this user agent fetch this URL?" with one fetch per origin per TTL."""

    def __init__(
        self,
        user_agent: str,
        ttl_s: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._agent = user_agent
        self._ttl = ttl_s
        self._clock = clock
        self._entries: dict[str, _Entry] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    @staticmethod
    def origin(url: URL) -> str:
        return f"{url.scheme}://{url.raw_host}:{url.port}"

    async def check(self, url: URL, fetch: RobotsFetch) -> None:
        """Raise RobotsDisallowed if robots.txt forbids ``url``.

        ``fetch`` is used on a cache miss; it carries the caller's guard policy.
        """
        entry = await self._entry_for(url, fetch)
        if not entry.can_fetch(self._agent, str(url.with_user(None))):
            raise RobotsDisallowed(f"robots.txt disallows {redact_url(url)}")

    async def _entry_for(self, url: URL, fetch: RobotsFetch) -> _Entry:
        key = self.origin(url)
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            entry = self._entries.get(key)
            if entry is None or entry.expires <= self._clock():
                entry = await self._load(url, fetch)
                self._entries[key] = entry
            return entry

    async def _load(self, url: URL, fetch: RobotsFetch) -> _Entry:
        # Same origin and credentials as the page: a site behind auth guards its robots.txt too.
        robots_url = url.with_path("/robots.txt").with_query(None).with_fragment(None)
        now = self._clock()
        try:
            status, text = await fetch(robots_url)
        except Blocked:
            raise  # the origin itself is off limits: say so, not "robots.txt"
        except FetchError as exc:
            log.warning("robots.txt unreachable, disallowing for now: %s", exc)
            return _Entry(None, False, now + min(self._ttl, UNREACHABLE_TTL_S))
        if 200 <= status < 300:
            return _parsed(text, now + self._ttl)
        if 400 <= status < 500:
            return _Entry(None, True, now + self._ttl)
        log.warning(
            "robots.txt answered %d, disallowing for now: %s", status, redact_url(robots_url)
        )
        return _Entry(None, False, now + min(self._ttl, UNREACHABLE_TTL_S))
