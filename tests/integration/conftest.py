"""Integration tests run against a real Kafka broker, started once per session.

Every test here is marked ``integration``. In CI (``CI=true``) a missing broker
is a failure, never a skip; outside CI the tests skip and say why.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.integration.kafka import Broker, BrokerUnavailable, find_broker


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def kafka() -> Iterator[Broker]:
    """The session's broker (``.bootstrap_servers``, ``.source``, ``.version``)."""
    try:
        with find_broker() as broker:
            yield broker
    except BrokerUnavailable as exc:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"CI needs a Kafka broker and none could be started: {exc}")
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def bootstrap_servers(kafka: Broker) -> str:
    return kafka.bootstrap_servers
