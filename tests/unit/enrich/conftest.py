"""Engines are built once per test session (the model and tables load once per process)."""

from __future__ import annotations

import pytest

from streams.enrich import Engine, get_engine


@pytest.fixture(scope="session")
def fast() -> Engine:
    return get_engine("fast")


@pytest.fixture(scope="session")
def statistical() -> Engine:
    return get_engine("statistical")


@pytest.fixture(scope="session", params=["statistical", "fast"])
def engine(request: pytest.FixtureRequest) -> Engine:
    return get_engine(request.param)
