"""The fetcher against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import logging

import pytest

from streams.producer.errors import (
    Blocked,
    FetchTimeout,
    HTTPStatusError,
    ResponseTooLarge,
    RobotsDisallowed,
    TooManyRedirects,
)
from streams.producer.fetch import FetchRecord, Validators, retry_after_s
from streams.settings import ProducerSettings
from tests.unit.producer.conftest import (
    ETAG,
    LAST_MODIFIED,
    LOOPBACK_ONLY,
    PAGE,
    MakeHarness,
    MapResolver,
    Server,
)


async def test_fetches_page_with_validators(server: Server, make_harness: MakeHarness) -> None:
    h = make_harness()
    result = await h.fetcher.fetch(h.page(server.url("/page")))
    assert (result.status, result.body, result.attempts) == (200, PAGE, 1)
    assert result.content_type == "text/html; charset=utf-8"
    assert result.validators == Validators(ETAG, LAST_MODIFIED)
    assert server.state.headers["/page"]["User-Agent"] == LOOPBACK_ONLY.user_agent


async def test_conditional_get_with_etag_gives_304(
    server: Server, make_harness: MakeHarness
) -> None:
    h = make_harness()
    page = h.page(server.url("/page"))
    first = await h.fetcher.fetch(page)
    second = await h.fetcher.fetch(page, first.validators)
    assert second.not_modified
    assert second.body is None
    assert server.state.headers["/page"]["If-None-Match"] == ETAG
    assert server.state.headers["/page"]["If-Modified-Since"] == LAST_MODIFIED
    assert second.validators == first.validators


async def test_conditional_get_with_last_modified(
    server: Server, make_harness: MakeHarness
) -> None:
    h = make_harness()
    page = h.page(server.url("/lm"))
    first = await h.fetcher.fetch(page)
    assert first.validators == Validators(None, LAST_MODIFIED)
    second = await h.fetcher.fetch(page, first.validators)
    assert second.status == 304
    assert "If-None-Match" not in server.state.headers["/lm"]


async def test_follows_redirects_within_limit(server: Server, make_harness: MakeHarness) -> None:
    h = make_harness()
    result = await h.fetcher.fetch(h.page(server.url("/redirect/3")))
    assert result.body == PAGE
    assert result.url == server.url("/redirect/3")  # the key stays the configured URL
    assert result.final_url == server.url("/page")


async def test_redirect_limit(server: Server, make_harness: MakeHarness) -> None:
    h = make_harness()
    with pytest.raises(TooManyRedirects):
        await h.fetcher.fetch(h.page(server.url("/redirect/4"), max_redirects=3))
    assert server.state.hits["/page"] == 0


@pytest.mark.parametrize(
    "location",
    [
        "http://127.0.0.2:1/",  # loopback, but outside the allowed 127.0.0.1/32
        "http://10.0.0.1/",
        "http://192.168.0.1/",
        "http://169.254.169.254/latest/meta-data/iam/",
        "http://[::1]/",
        "http://[::ffff:10.0.0.1]/",
        "http://2130706434:1/",  # 127.0.0.2 spelled in decimal
        "file:///etc/passwd",
        "gopher://127.0.0.1:6379/_INFO",
    ],
)
async def test_redirect_to_internal_address_is_refused(
    server: Server, make_harness: MakeHarness, location: str
) -> None:
    h = make_harness()
    with pytest.raises(Blocked):
        await h.fetcher.fetch(h.page(server.url(f"/to?loc={location}")))


async def test_redirect_to_name_resolving_private_is_refused(
    server: Server, make_harness: MakeHarness
) -> None:
    resolver = MapResolver({"internal.test": ["10.9.8.7"]})
    h = make_harness(resolver=resolver)
    with pytest.raises(Blocked, match="private"):
        await h.fetcher.fetch(h.page(server.url("/to?loc=http://internal.test/"), retries=0))
    assert resolver.asked == ["internal.test"]


async def test_name_resolving_to_allowed_loopback_is_fetched(
    server: Server, make_harness: MakeHarness
) -> None:
    """The guard checks the resolved address: a name is fine if its address is."""
    port = server.base.port
    h = make_harness(resolver=MapResolver({"site.test": ["127.0.0.1"]}))
    result = await h.fetcher.fetch(h.page(f"http://site.test:{port}/page"))
    assert result.body == PAGE
    assert server.state.headers["/page"]["Host"] == f"site.test:{port}"


async def test_default_policy_refuses_loopback_before_any_request(
    server: Server, make_harness: MakeHarness
) -> None:
    h = make_harness(settings=ProducerSettings())
    with pytest.raises(Blocked, match="loopback"):
        await h.fetcher.fetch(h.page(server.url("/page")))
    assert sum(server.state.hits.values()) == 0


async def test_name_resolving_to_loopback_is_refused_at_connect(
    server: Server, make_harness: MakeHarness
) -> None:
    h = make_harness(settings=ProducerSettings(), resolver=MapResolver({"x.test": ["127.0.0.1"]}))
    page = h.page(f"http://x.test:{server.base.port}/page", respect_robots=False, retries=0)
    with pytest.raises(Blocked, match="loopback"):
        await h.fetcher.fetch(page)
    assert sum(server.state.hits.values()) == 0


async def test_per_url_allow_private_reaches_loopback(
    server: Server, make_harness: MakeHarness
) -> None:
    h = make_harness(settings=ProducerSettings(retries=0))
    result = await h.fetcher.fetch(h.page(server.url("/page"), allow_private=True))
    assert result.status == 200


async def test_slow_response_times_out_after_retries(
    server: Server, make_harness: MakeHarness
) -> None:
    h = make_harness()
    with pytest.raises(FetchTimeout):
        await h.fetcher.fetch(h.page(server.url("/slow"), timeout_s=0.2, retries=1))
    assert server.state.hits["/slow"] == 2
    assert len(h.sleeps) == 1


async def test_huge_streamed_body_is_cut_at_the_cap(
    server: Server, make_harness: MakeHarness
) -> None:
    h = make_harness()
    with pytest.raises(ResponseTooLarge, match="while streaming"):
        await h.fetcher.fetch(h.page(server.url("/huge"), max_body_bytes=100_000))
    assert server.state.hits["/huge"] == 1  # not retried


async def test_declared_length_over_cap_is_refused_unread(
    server: Server, make_harness: MakeHarness
) -> None:
    h = make_harness()
    with pytest.raises(ResponseTooLarge, match="Content-Length 300000"):
        await h.fetcher.fetch(h.page(server.url("/declared"), max_body_bytes=100_000))


async def test_5xx_then_200_retries_with_growing_backoff(
    server: Server, make_harness: MakeHarness
) -> None:
    h = make_harness()
    result = await h.fetcher.fetch(h.page(server.url("/flaky"), retries=3))
    assert (result.status, result.attempts, server.state.hits["/flaky"]) == (200, 3, 3)
    base = LOOPBACK_ONLY.backoff_base_s
    assert len(h.sleeps) == 2
    assert base / 2 <= h.sleeps[0] <= base
    assert base <= h.sleeps[1] <= 2 * base


async def test_5xx_gives_up_after_retries(server: Server, make_harness: MakeHarness) -> None:
    server.state.fail_times = 10
    h = make_harness()
    with pytest.raises(HTTPStatusError) as info:
        await h.fetcher.fetch(h.page(server.url("/flaky"), retries=2))
    assert (info.value.status, server.state.hits["/flaky"]) == (503, 3)


async def test_429_honours_retry_after(server: Server, make_harness: MakeHarness) -> None:
    server.state.retry_after = "3"
    h = make_harness()
    result = await h.fetcher.fetch(h.page(server.url("/limited")))
    assert result.status == 200
    assert h.sleeps == [3.0]


async def test_retry_after_over_the_cap_ends_the_poll(
    server: Server, make_harness: MakeHarness
) -> None:
    server.state.retry_after = "3600"
    h = make_harness()
    with pytest.raises(HTTPStatusError) as info:
        await h.fetcher.fetch(h.page(server.url("/limited")))
    assert info.value.status == 429
    assert h.sleeps == []


async def test_404_is_not_retried(server: Server, make_harness: MakeHarness) -> None:
    h = make_harness()
    with pytest.raises(HTTPStatusError):
        await h.fetcher.fetch(h.page(server.url("/missing")))
    assert server.state.hits["/missing"] == 1


def test_retry_after_parses_seconds_and_dates() -> None:
    from datetime import UTC, datetime

    now = datetime(2024, 11, 12, 10, 0, 0, tzinfo=UTC)
    assert retry_after_s("120") == 120.0
    assert retry_after_s("Tue, 12 Nov 2024 10:00:30 GMT", now) == 30.0
    assert retry_after_s("Tue, 12 Nov 2024 09:00:00 GMT", now) == 0.0
    assert retry_after_s("soon") is None
    assert retry_after_s(None) is None


async def test_robots_txt_disallow_is_respected(server: Server, make_harness: MakeHarness) -> None:
    h = make_harness()
    with pytest.raises(RobotsDisallowed):
        await h.fetcher.fetch(h.page(server.url("/private/page")))
    assert server.state.hits["/private/page"] == 0


async def test_robots_txt_opt_out_per_url(server: Server, make_harness: MakeHarness) -> None:
    h = make_harness()
    result = await h.fetcher.fetch(h.page(server.url("/private/page"), respect_robots=False))
    assert result.status == 200
    assert server.state.hits["/robots.txt"] == 0


async def test_robots_txt_is_fetched_once_per_origin(
    server: Server, make_harness: MakeHarness
) -> None:
    h = make_harness()
    for path in ("/page", "/lm", "/echo", "/page"):
        await h.fetcher.fetch(h.page(server.url(path)))
    assert server.state.hits["/robots.txt"] == 1


async def test_missing_robots_txt_allows_everything(
    server: Server, make_harness: MakeHarness
) -> None:
    server.state.robots = None
    h = make_harness()
    assert (await h.fetcher.fetch(h.page(server.url("/private/page")))).status == 200


async def test_robots_txt_server_error_disallows(server: Server, make_harness: MakeHarness) -> None:
    server.state.robots_status = 500
    h = make_harness()
    with pytest.raises(RobotsDisallowed):
        await h.fetcher.fetch(h.page(server.url("/page")))
    assert server.state.hits["/page"] == 0


async def test_redirect_hop_is_checked_against_robots(
    server: Server, make_harness: MakeHarness
) -> None:
    h = make_harness()
    with pytest.raises(RobotsDisallowed):
        await h.fetcher.fetch(h.page(server.url("/to?loc=/private/page")))


async def test_auth_headers_not_forwarded_to_another_origin(
    server: Server, make_harness: MakeHarness
) -> None:
    port = server.base.port
    h = make_harness(resolver=MapResolver({"other.test": ["127.0.0.1"]}))
    headers = {"Authorization": "Bearer s3cr3t", "X-Trace": "keep"}
    same = h.page(server.url("/to?loc=/echo"), headers=headers)
    await h.fetcher.fetch(same)
    assert server.state.headers["/echo"]["Authorization"] == "Bearer s3cr3t"
    other = h.page(server.url(f"/to?loc=http://other.test:{port}/echo"), headers=headers)
    await h.fetcher.fetch(other)
    assert "Authorization" not in server.state.headers["/echo"]
    assert server.state.headers["/echo"]["X-Trace"] == "keep"


async def test_body_decoded_by_declared_charset(server: Server, make_harness: MakeHarness) -> None:
    h = make_harness()
    result = await h.fetcher.fetch(h.page(server.url("/latin1")))
    assert result.body == "<p>Café – naïve</p>"


async def test_observer_sees_outcome_status_and_duration(
    server: Server, make_harness: MakeHarness
) -> None:
    records: list[FetchRecord] = []
    h = make_harness(observer=records.append)
    page = h.page(server.url("/page"))
    first = await h.fetcher.fetch(page)
    await h.fetcher.fetch(page, first.validators)
    with pytest.raises(HTTPStatusError):
        await h.fetcher.fetch(h.page(server.url("/missing")))
    assert [(r.outcome, r.status) for r in records] == [
        ("ok", 200),
        ("not_modified", 304),
        ("http_status", 404),
    ]
    assert all(r.duration_s >= 0 and r.host == "127.0.0.1" for r in records)
    assert records[0].size_bytes == len(PAGE)


async def test_broken_observer_does_not_break_fetching(
    server: Server, make_harness: MakeHarness
) -> None:
    def broken(_: FetchRecord) -> None:
        raise RuntimeError("observer bug")

    h = make_harness(observer=broken)
    assert (await h.fetcher.fetch(h.page(server.url("/page")))).status == 200


async def test_credentials_never_reach_errors_or_logs(
    server: Server, make_harness: MakeHarness, caplog: pytest.LogCaptureFixture
) -> None:
    from streams.producer.redact import secrets

    caplog.set_level(logging.DEBUG, logger="streams.producer")
    h = make_harness()
    secrets.add("pa55word", "tok3n")
    url = server.url("/flaky?access_token=tok3n").replace("http://", "http://bob:pa55word@")
    server.state.fail_times = 10
    with pytest.raises(HTTPStatusError) as info:
        await h.fetcher.fetch(h.page(url, retries=1))
    text = str(info.value) + caplog.text
    assert "pa55word" not in text
    assert "tok3n" not in text
    assert "***" in str(info.value)


@pytest.mark.parametrize("allow_private", [False, True])
async def test_connect_layers_refuse_even_without_the_url_check(
    server: Server, monkeypatch: pytest.MonkeyPatch, allow_private: bool
) -> None:
    """Resolver and socket factory stand on their own if the URL pre-check is bypassed."""
    from streams.producer import client as client_module
    from streams.producer.client import Caps, GuardedClient

    monkeypatch.setattr(client_module, "check_url", lambda url, policy: url)
    client = GuardedClient(user_agent="t", resolver=MapResolver({"meta.test": ["169.254.169.254"]}))
    caps = Caps(0.5, 0.5, 1000)
    try:
        if not allow_private:  # IP literal: aiohttp skips the resolver, the socket factory decides
            with pytest.raises(Blocked, match="loopback"):
                await client.request(server.base / "page", {}, caps, allow_private=False)
            assert sum(server.state.hits.values()) == 0
        # Name: the guarded resolver decides; allow_private never unlocks metadata.
        with pytest.raises(Blocked, match="metadata"):
            await client.request(
                server.base.with_host("meta.test"), {}, caps, allow_private=allow_private
            )
    finally:
        await client.close()
