"""SSRF guard: the producer must not be a way into the network it runs in.

Pages come from user-supplied URL lists, so a URL (or a redirect, or a DNS
answer) could point at ``127.0.0.1``, the cluster's private ranges or a cloud
metadata service. The guard refuses those at three points:

1. :func:`check_url` before a request: scheme, hostname deny list and IP
   literals, including legacy spellings (``2130706433``, ``0x7f.1``,
   ``0177.0.0.1``) and IPv4 embedded in IPv6 (``::ffff:127.0.0.1``).
2. :class:`GuardedResolver`: every DNS answer is checked; one forbidden
   address refuses the whole answer (a mixed answer is a rebinding tell).
3. :func:`guarded_socket_factory`: the socket aiohttp connects is created
   only for an allowed address, so the check is on the address actually
   connected to; no DNS rebinding between check and connect can slip by.

Redirects are followed by hand and every hop goes through all three.
Proxies are never used (``trust_env=False``): a proxy would do the connecting.
"""

from __future__ import annotations

import errno
import ipaddress
import re
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

from streams.producer.errors import Blocked
from streams.producer.redact import redact_url

__all__ = [
    "METADATA_ADDRESSES",
    "AddressPolicy",
    "BlockedAddress",
    "GuardedResolver",
    "check_url",
    "classify",
    "guarded_socket_factory",
    "parse_ip_host",
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

ALLOWED_SCHEMES = frozenset({"http", "https"})

#: Instance-metadata endpoints (AWS, GCP, Azure, OCI, Alibaba, AWS ECS/IPv6).
METADATA_ADDRESSES: frozenset[IPAddress] = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",
        "169.254.169.253",
        "169.254.170.2",
        "169.254.170.23",
        "100.100.100.200",
        "192.0.0.192",
        "fd00:ec2::254",
        "fd00:ec2::253",
        "fd00:ec2::23",
    )
)
_METADATA_NAMES = frozenset(
    {"metadata", "metadata.google.internal", "instance-data", "instance-data.ec2.internal"}
)
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_THIS_NETWORK = ipaddress.ip_network("0.0.0.0/8")
_PRIVATE: tuple[IPNetwork, ...] = tuple(
    ipaddress.ip_network(n)
    for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7", "fec0::/10")
)
_LEGACY_V4 = re.compile(r"^[0-9a-fA-FxX.]+$")

#: Reasons a per-URL ``allow_private`` flag may waive; the rest need an
#: explicit ``allow_networks`` entry.
WAIVABLE = frozenset({"loopback", "private", "link_local", "cgnat", "non_global"})


class BlockedAddress(OSError):
    """A resolved or connected address the policy refuses.

    An ``OSError`` so it travels through aiohttp's connector unchanged (as
    ``ClientConnectorError.os_error``); the fetcher turns it into ``Blocked``.
    """

    def __init__(self, reason: str, address: str, host: str | None = None) -> None:
        where = f"{host} -> {address}" if host and host != address else address
        super().__init__(errno.EACCES, f"address refused by SSRF guard ({reason}): {where}")
        self.reason = reason
        self.address = address


def _embedded_v4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """IPv4 hidden in an IPv6 address (mapped, 6to4, Teredo, NAT64)."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if any(ip in net for net in _NAT64):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def classify(ip: IPAddress) -> str | None:
    """Why ``ip`` is not a public unicast address, or None if it is."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.scope_id:
            ip = ipaddress.IPv6Address(str(ip).split("%", 1)[0])
        inner = _embedded_v4(ip)
        if inner is not None:
            inner_reason = classify(inner)
            if inner_reason is not None:
                return inner_reason
    checks: tuple[tuple[str, Callable[[IPAddress], bool]], ...] = (
        ("metadata", lambda a: a in METADATA_ADDRESSES),
        ("unspecified", lambda a: a.is_unspecified or a in _THIS_NETWORK),
        ("loopback", lambda a: a.is_loopback),
        ("link_local", lambda a: a.is_link_local),
        ("multicast", lambda a: a.is_multicast),
        ("cgnat", lambda a: a in _CGNAT),
        ("private", _is_private_range),
        ("reserved", lambda a: a.is_reserved or a == ipaddress.IPv4Address("255.255.255.255")),
        ("non_global", lambda a: not a.is_global),
    )
    for reason, test in checks:
        if test(ip):
            return reason
    return None


def _is_private_range(ip: IPAddress) -> bool:
    return any(ip.version == net.version and ip in net for net in _PRIVATE)


def parse_ip_host(host: str) -> IPAddress | None:
    """The IP address a URL host denotes, if it is an IP literal in any spelling.

    ``socket.inet_aton`` is what the C library (and so a connect) accepts, so
    decimal, octal, hex and shortened IPv4 forms are recognised as addresses.
    """
    bare = host.strip("[]").rstrip(".")
    try:
        return ipaddress.ip_address(bare)
    except ValueError:
        pass
    if bare and _LEGACY_V4.match(bare) and any(c.isdigit() for c in bare):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(bare))
        except OSError:
            return None
    return None


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    """Which non-public addresses may be reached.

    ``allow_networks`` (a setting) exempts exact CIDRs, metadata included if
    listed. ``allow_private`` (per URL) waives loopback, private, link-local,
    CGNAT and other non-global unicast, but never metadata, multicast,
    reserved or unspecified addresses.
    """

    allow_networks: tuple[IPNetwork, ...] = field(default=())
    allow_private: bool = False

    def refusal(self, ip: IPAddress) -> str | None:
        reason = classify(ip)
        if reason is None:
            return None
        if any(ip.version == net.version and ip in net for net in self.allow_networks):
            return None
        if self.allow_private and reason in WAIVABLE:
            return None
        return reason

    def check(self, ip: IPAddress, host: str | None = None) -> None:
        reason = self.refusal(ip)
        if reason is not None:
            raise BlockedAddress(reason, str(ip), host)


def check_url(url: str | URL, policy: AddressPolicy) -> URL:
    """Refuse a URL before any request: scheme, deny-listed names, IP literals."""
    try:
        u = url if isinstance(url, URL) else URL(url)
    except (ValueError, TypeError) as exc:
        raise Blocked(f"not a valid URL: {redact_url(str(url))}") from exc
    shown = redact_url(u)
    if u.scheme not in ALLOWED_SCHEMES:
        raise Blocked(f"scheme {u.scheme or '(none)'!r} not allowed (http/https only): {shown}")
    host = (u.raw_host or "").lower().rstrip(".")
    if not host:
        raise Blocked(f"URL has no host: {shown}")
    ip = parse_ip_host(host)
    if ip is not None:
        reason = policy.refusal(ip)
        if reason is not None:
            raise Blocked(f"address refused ({reason}): {ip} in {shown}")
        return u
    if host in _METADATA_NAMES:
        raise Blocked(f"host refused (metadata): {shown}")
    if (host == "localhost" or host.endswith(".localhost")) and not policy.allow_private:
        loopback_allowed = any(
            ipaddress.ip_address("127.0.0.1") in n for n in policy.allow_networks if n.version == 4
        )
        if not loopback_allowed:
            raise Blocked(f"host refused (loopback): {shown}")
    return u


class GuardedResolver(AbstractResolver):
    """Wraps a resolver; refuses any answer that contains a forbidden address."""

    def __init__(self, inner: AbstractResolver, policy: AddressPolicy) -> None:
        self.inner = inner
        self.policy = policy

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        answers = await self.inner.resolve(host, port, family)
        for answer in answers:
            self.policy.check(ipaddress.ip_address(answer["host"]), host)
        return answers

    async def close(self) -> None:
        await self.inner.close()


def guarded_socket_factory(policy: AddressPolicy) -> Callable[[Any], socket.socket]:
    """A socket factory for aiohttp/aiohappyeyeballs that checks the connect address.

    It sees the exact ``sockaddr`` about to be connected, after every DNS
    lookup and for IP literals (which aiohttp never sends to a resolver).
    """

    def factory(addr_info: Any) -> socket.socket:
        family, type_, proto, _canon, sockaddr = addr_info
        policy.check(ipaddress.ip_address(sockaddr[0]))
        return socket.socket(family=family, type=type_, proto=proto)

    return factory
