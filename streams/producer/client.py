"""One guarded HTTP request: caps enforced, library errors mapped to ours.

A session per address policy (strict, or ``allow_private`` for pages that
opted in), each on a connector whose resolver and socket factory are the SSRF
guard's, so no request from here can reach an address the policy refuses.
No redirects are followed here (``allow_redirects=False``): the fetcher
follows them so that every hop is checked again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import aiohttp
from aiohttp.abc import AbstractResolver
from multidict import CIMultiDictProxy
from yarl import URL

from streams.producer.errors import Blocked, ConnectError, FetchTimeout, ResponseTooLarge
from streams.producer.guard import (
    AddressPolicy,
    BlockedAddress,
    GuardedResolver,
    check_url,
    guarded_socket_factory,
)
from streams.producer.redact import redact_url, secrets

__all__ = ["Caps", "GuardedClient", "RawResponse"]

_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class RawResponse:
    """Status, headers and (for 2xx only) the body of one request."""

    url: URL
    status: int
    headers: CIMultiDictProxy[str]
    body: bytes | None = None


@dataclass(frozen=True, slots=True)
class Caps:
    timeout_s: float
    connect_timeout_s: float
    max_body_bytes: int
    truncate: bool = False  # robots.txt: keep the first N bytes instead of failing


class GuardedClient:
    """aiohttp sessions behind the SSRF guard, one per address policy."""

    def __init__(
        self,
        *,
        user_agent: str,
        allow_networks: tuple[Any, ...] = (),
        limit: int = 32,
        limit_per_host: int = 2,
        resolver: AbstractResolver | None = None,
    ) -> None:
        self._user_agent = user_agent
        self._allow_networks = tuple(allow_networks)
        self._limit = limit
        self._limit_per_host = limit_per_host
        self._resolver = resolver
        self._sessions: dict[bool, aiohttp.ClientSession] = {}

    def policy(self, allow_private: bool) -> AddressPolicy:
        return AddressPolicy(self._allow_networks, allow_private)

    def _session(self, allow_private: bool) -> aiohttp.ClientSession:
        session = self._sessions.get(allow_private)
        if session is None:
            policy = self.policy(allow_private)
            connector = aiohttp.TCPConnector(
                resolver=GuardedResolver(self._resolver or aiohttp.ThreadedResolver(), policy),
                socket_factory=guarded_socket_factory(policy),
                use_dns_cache=False,  # every connect re-resolves and re-checks
                limit=self._limit,
                limit_per_host=self._limit_per_host,
            )
            session = aiohttp.ClientSession(
                connector=connector,
                trust_env=False,  # never a proxy: it would connect on our behalf
                cookie_jar=aiohttp.DummyCookieJar(),
                headers={"User-Agent": self._user_agent},
            )
            self._sessions[allow_private] = session
        return session

    async def close(self) -> None:
        sessions, self._sessions = list(self._sessions.values()), {}
        for session in sessions:
            await session.close()

    async def request(
        self, url: URL, headers: dict[str, str], caps: Caps, *, allow_private: bool
    ) -> RawResponse:
        """GET ``url`` once; raises Blocked/FetchTimeout/ConnectError/ResponseTooLarge."""
        check_url(url, self.policy(allow_private))
        timeout = aiohttp.ClientTimeout(total=caps.timeout_s, sock_connect=caps.connect_timeout_s)
        session = self._session(allow_private)
        try:
            async with session.get(
                url, headers=headers, allow_redirects=False, timeout=timeout
            ) as resp:
                body = await _read_capped(resp, caps) if 200 <= resp.status < 300 else None
                return RawResponse(url, resp.status, resp.headers, body)
        except TimeoutError as exc:
            raise FetchTimeout(
                f"no complete answer within {caps.timeout_s:g}s: {redact_url(url)}"
            ) from exc
        except aiohttp.ClientConnectorError as exc:
            raise _connect_error(url, exc) from exc
        except aiohttp.InvalidURL as exc:
            raise Blocked(f"invalid URL: {redact_url(url)}") from exc
        except aiohttp.ClientError as exc:
            detail = secrets.scrub(str(exc)) or type(exc).__name__
            raise ConnectError(f"{type(exc).__name__} from {redact_url(url)}: {detail}") from exc


def _connect_error(url: URL, exc: aiohttp.ClientConnectorError) -> Exception:
    cause: BaseException | None = exc.os_error
    if isinstance(cause, BlockedAddress):
        return Blocked(f"{cause.strerror} (for {redact_url(url)})")
    detail = secrets.scrub(str(exc.os_error.strerror or exc.os_error))
    return ConnectError(f"cannot connect for {redact_url(url)}: {detail}")


async def _read_capped(resp: aiohttp.ClientResponse, caps: Caps) -> bytes:
    """Read the body, stopping as soon as it exceeds the cap (never buffered whole)."""
    limit = caps.max_body_bytes
    declared = resp.content_length
    if declared is not None and declared > limit and not caps.truncate:
        resp.close()
        raise ResponseTooLarge(
            f"Content-Length {declared} over the {limit}-byte cap: {redact_url(resp.url)}"
        )
    buf = bytearray()
    async for chunk in resp.content.iter_chunked(_CHUNK):
        buf += chunk
        if len(buf) > limit:
            resp.close()
            if caps.truncate:
                return bytes(buf[:limit])
            raise ResponseTooLarge(
                f"body passed the {limit}-byte cap while streaming: {redact_url(resp.url)}"
            )
    return bytes(buf)
