"""The SSRF guard refuses every non-public address, however it is spelled or reached."""

from __future__ import annotations

import ipaddress
import socket

import pytest
from hypothesis import given
from hypothesis import strategies as st

from streams.producer.errors import Blocked
from streams.producer.guard import (
    AddressPolicy,
    BlockedAddress,
    GuardedResolver,
    check_url,
    classify,
    guarded_socket_factory,
    parse_ip_host,
)
from tests.unit.producer.conftest import MapResolver

STRICT = AddressPolicy()


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("127.255.0.9", "loopback"),
        ("::1", "loopback"),
        ("10.0.0.1", "private"),
        ("10.255.255.255", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.254", "private"),
        ("192.168.0.1", "private"),
        ("fc00::1", "private"),
        ("fd12:3456::1", "private"),
        ("169.254.169.254", "metadata"),
        ("169.254.170.2", "metadata"),
        ("100.100.100.200", "metadata"),
        ("fd00:ec2::254", "metadata"),
        ("169.254.1.1", "link_local"),
        ("fe80::1", "link_local"),
        ("100.64.0.1", "cgnat"),
        ("100.127.255.254", "cgnat"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("255.255.255.255", "reserved"),
        ("0.0.0.0", "unspecified"),
        ("0.1.2.3", "unspecified"),
        ("::", "unspecified"),
        ("192.0.2.10", "non_global"),
        ("198.18.0.1", "non_global"),
        # IPv4 hidden in IPv6: mapped, 6to4, NAT64.
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:10.1.2.3", "private"),
        ("::ffff:169.254.169.254", "metadata"),
        ("2002:7f00:1::", "loopback"),
        ("2002:a9fe:a9fe::", "metadata"),
        ("64:ff9b::a00:1", "private"),
    ],
)
def test_non_public_addresses_are_classified(address: str, reason: str) -> None:
    assert classify(ipaddress.ip_address(address)) == reason


@pytest.mark.parametrize("address", ["93.184.216.34", "172.32.0.1", "8.8.8.8", "2606:4700::1111"])
def test_public_addresses_pass(address: str) -> None:
    assert classify(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("2130706433", "127.0.0.1"),  # decimal
        ("0x7f000001", "127.0.0.1"),  # hex
        ("0x7f.1", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),  # octal
        ("017700000001", "127.0.0.1"),
        ("127.1", "127.0.0.1"),  # shortened
        ("0", "0.0.0.0"),
        ("012.0.0.1", "10.0.0.1"),
        ("2852039166", "169.254.169.254"),
        ("[::ffff:127.0.0.1]", "::ffff:7f00:1"),
        ("example.com", None),
        ("123.example", None),
        ("cafe", None),
    ],
)
def test_ip_literals_in_every_spelling_are_recognised(host: str, address: str | None) -> None:
    parsed = parse_ip_host(host)
    assert (str(parsed) if parsed else None) == address


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://[::1]:8080/",
        "http://10.0.0.1/",
        "http://172.16.5.4/",
        "http://192.168.1.1/admin",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:a9fe:a9fe]/",
        "http://2130706433/",
        "http://0x7f.1/",
        "http://0177.0.0.1/",
        "http://127.1/",
        "http://0/",
        "http://0.0.0.0:9092/",
        "http://localhost/",
        "http://LOCALHOST./",
        "http://api.localhost/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://100.64.1.1/",
        "http://224.0.0.1/",
    ],
)
def test_check_url_refuses_internal_targets(url: str) -> None:
    with pytest.raises(Blocked) as info:
        check_url(url, STRICT)
    assert info.value.reason == "blocked"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.com/",
        "gopher://example.com:70/",
        "data:text/html,hi",
        "javascript:alert(1)",
        "//example.com/",
        "http:///nohost",
    ],
)
def test_check_url_refuses_other_schemes_and_hostless(url: str) -> None:
    with pytest.raises(Blocked):
        check_url(url, STRICT)


def test_check_url_passes_public_names_and_addresses() -> None:
    assert check_url("https://news.example/live", STRICT).host == "news.example"
    assert check_url("http://93.184.216.34/", STRICT).host == "93.184.216.34"


def test_allow_networks_exempts_exactly_the_listed_cidrs() -> None:
    policy = AddressPolicy(allow_networks=(ipaddress.ip_network("127.0.0.1/32"),))
    check_url("http://127.0.0.1:8000/", policy)
    check_url("http://localhost:8000/", policy)
    for url in ("http://127.0.0.2/", "http://10.0.0.1/", "http://169.254.169.254/"):
        with pytest.raises(Blocked):
            check_url(url, policy)


def test_per_url_allow_private_never_unlocks_metadata_or_multicast() -> None:
    policy = AddressPolicy(allow_private=True)
    for ok in ("http://10.0.0.1/", "http://127.0.0.1/", "http://[fd12::1]/", "http://100.64.0.1/"):
        check_url(ok, policy)
    for bad in (
        "http://169.254.169.254/",
        "http://[fd00:ec2::254]/",
        "http://224.0.0.1/",
        "http://0.0.0.0/",
        "http://metadata.google.internal/",
    ):
        with pytest.raises(Blocked):
            check_url(bad, policy)


def test_metadata_can_be_unlocked_only_by_listing_it() -> None:
    policy = AddressPolicy(allow_networks=(ipaddress.ip_network("169.254.169.254/32"),))
    check_url("http://169.254.169.254/", policy)


def test_credentials_never_appear_in_refusals() -> None:
    with pytest.raises(Blocked) as info:
        check_url("http://admin:hunter2@10.0.0.1/?token=abc123", STRICT)
    assert "hunter2" not in str(info.value)
    assert "abc123" not in str(info.value)


async def test_resolver_answer_with_private_address_is_refused() -> None:
    resolver = GuardedResolver(MapResolver({"evil.test": ["10.0.0.7"]}), STRICT)
    with pytest.raises(BlockedAddress) as info:
        await resolver.resolve("evil.test", 80)
    assert info.value.reason == "private"


async def test_mixed_resolver_answer_is_refused_whole() -> None:
    """One private address among public ones is a rebinding tell: refuse it all."""
    inner = MapResolver({"mixed.test": ["93.184.216.34", "169.254.169.254"]})
    with pytest.raises(BlockedAddress, match="metadata"):
        await GuardedResolver(inner, STRICT).resolve("mixed.test", 80)


async def test_every_dns_answer_is_checked_again() -> None:
    """DNS rebinding: a name that was public a moment ago is re-checked on each lookup."""
    inner = MapResolver({"rebind.test": ["93.184.216.34"]})
    resolver = GuardedResolver(inner, STRICT)
    assert [a["host"] for a in await resolver.resolve("rebind.test", 80)] == ["93.184.216.34"]
    inner.answers["rebind.test"] = ["127.0.0.1"]
    with pytest.raises(BlockedAddress, match="loopback"):
        await resolver.resolve("rebind.test", 80)


def test_socket_factory_checks_the_address_actually_connected() -> None:
    factory = guarded_socket_factory(STRICT)
    for family, addr in ((socket.AF_INET, ("10.1.1.1", 80)), (socket.AF_INET6, ("::1", 80, 0, 0))):
        with pytest.raises(BlockedAddress):
            factory((family, socket.SOCK_STREAM, 6, "", addr))
    sock = factory((socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 80)))
    sock.close()


@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_decimal_spelling_classifies_like_dotted(value: int) -> None:
    dotted = ipaddress.IPv4Address(value)
    assert parse_ip_host(str(value)) == dotted
    assert parse_ip_host(hex(value)) == dotted


@given(
    st.sampled_from(
        [
            "10.0.0.0/8",
            "172.16.0.0/12",
            "192.168.0.0/16",
            "127.0.0.0/8",
            "169.254.0.0/16",
            "100.64.0.0/10",
        ]
    ),
    st.integers(min_value=0),
)
def test_every_address_in_internal_ranges_is_refused(cidr: str, offset: int) -> None:
    net = ipaddress.ip_network(cidr)
    ip = net[offset % net.num_addresses]
    assert STRICT.refusal(ip) is not None
    assert STRICT.refusal(ipaddress.IPv6Address(f"::ffff:{ip}")) is not None


@given(st.text(max_size=200))
def test_check_url_on_any_text_passes_or_refuses_cleanly(text: str) -> None:
    try:
        url = check_url(text, STRICT)
    except Blocked:
        return
    assert url.scheme in ("http", "https")
    host = parse_ip_host(url.raw_host or "")
    assert host is None or STRICT.refusal(host) is None


@given(st.sampled_from(["http", "https"]), st.ip_addresses())
def test_check_url_agrees_with_the_policy_for_any_ip(
    scheme: str, ip: ipaddress._BaseAddress
) -> None:
    host = f"[{ip}]" if ip.version == 6 else str(ip)
    refused = STRICT.refusal(ip) is not None  # type: ignore[arg-type]
    try:
        check_url(f"{scheme}://{host}/", STRICT)
    except Blocked:
        assert refused
    else:
        assert not refused
