"""Wiring: settings -> guarded client -> fetcher -> poller (one place, for CLI and tests)."""

from __future__ import annotations

from aiohttp.abc import AbstractResolver

from streams.producer.client import GuardedClient
from streams.producer.fetch import Fetcher, FetchObserver
from streams.producer.schedule import Emit, Poller
from streams.settings import ProducerSettings

__all__ = ["build_fetcher", "build_poller"]


def build_fetcher(
    settings: ProducerSettings,
    *,
    resolver: AbstractResolver | None = None,
    observer: FetchObserver | None = None,
) -> tuple[Fetcher, GuardedClient]:
    """A Fetcher and the client it owns (close the client when done)."""
    client = GuardedClient(
        user_agent=settings.user_agent,
        allow_networks=settings.allow_networks,
        limit=settings.max_concurrency,
        limit_per_host=settings.per_host_concurrency,
        resolver=resolver,
    )
    fetcher = Fetcher(
        client,
        user_agent=settings.user_agent,
        robots_ttl_s=settings.robots_ttl_s,
        backoff_base_s=settings.backoff_base_s,
        backoff_max_s=settings.backoff_max_s,
        max_retry_after_s=settings.max_retry_after_s,
        observer=observer,
    )
    return fetcher, client


def build_poller(
    settings: ProducerSettings,
    emit: Emit,
    *,
    resolver: AbstractResolver | None = None,
    observer: FetchObserver | None = None,
) -> tuple[Poller, GuardedClient]:
    fetcher, client = build_fetcher(settings, resolver=resolver, observer=observer)
    poller = Poller(fetcher, emit, per_host_concurrency=settings.per_host_concurrency)
    return poller, client
