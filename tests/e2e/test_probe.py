"""`streams probe`: the container healthcheck, against a real endpoint."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import pytest

from streams.health import Endpoint
from tests.e2e.test_produce_cli import ROOT, env

pytestmark = pytest.mark.e2e


async def probe(*args: str) -> tuple[int, str]:
    proc = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "streams", "probe", *args),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=env(),
    )
    _, err = await asyncio.wait_for(proc.communicate(), timeout=60)
    return proc.returncode or 0, err.decode()


async def test_probe_exit_status_follows_readiness() -> None:
    ep = Endpoint.create("worker", host="127.0.0.1", port=0, conditions=("table_recovered",))
    async with ep.server:
        port = str(ep.server.port)
        assert await probe("livez", "--port", port) == (0, "")
        code, err = await probe("readyz", "--port", port)
        assert code == 1
        assert "503 not ready: table_recovered" in err
        ep.health.set("table_recovered")
        assert await probe("readyz", "--port", port) == (0, "")
    code, err = await probe("--port", port)  # livez; nothing listens any more
    assert code == 1
    assert "refused" in err.lower()
