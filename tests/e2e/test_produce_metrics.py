"""`streams produce` (polling) serves /metrics, /livez and /readyz over real HTTP."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.e2e.test_produce_cli import ROOT, env
from tests.ports import free_port
from tests.unit.producer.conftest import serve

pytestmark = pytest.mark.e2e


async def get(session: aiohttp.ClientSession, url: str) -> tuple[int, str]:
    try:
        async with session.get(url) as resp:
            return resp.status, await resp.text()
    except aiohttp.ClientConnectionError:
        return 0, ""


def fetches(text: str) -> dict[str, float]:
    for family in text_string_to_metric_families(text):
        if family.name == "livediff_producer_fetches":
            return {s.labels["status_class"]: s.value for s in family.samples}
    raise AssertionError("livediff_producer_fetches missing")


async def test_polling_producer_counts_fetches_by_status_class() -> None:
    port = free_port()
    async with serve() as server:
        proc = await asyncio.create_subprocess_exec(
            *(sys.executable, "-m", "streams", "produce", "--stdout", "--metrics-port", str(port)),
            *("--url", server.url("/page"), "--url", server.url("/missing")),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env=env()
            | {"LIVEDIFF_PRODUCER__INTERVAL_S": "0.2", "LIVEDIFF_METRICS__HOST": "127.0.0.1"},
        )
        seen: dict[str, float] = {}
        try:
            base = f"http://127.0.0.1:{port}"
            async with aiohttp.ClientSession() as session:
                for _ in range(300):  # the 304 needs a second poll of /page
                    status, text = await get(session, f"{base}/metrics")
                    if status == 200:
                        seen = fetches(text)
                        if seen["200"] >= 1 and seen["304"] >= 1 and seen["4xx"] >= 1:
                            break
                    await asyncio.sleep(0.1)
                assert await get(session, f"{base}/livez") == (200, "ok\n")
                assert await get(session, f"{base}/readyz") == (200, "ok\n")
        finally:
            proc.send_signal(signal.SIGTERM)
            _, err = await asyncio.wait_for(proc.communicate(), timeout=60)
    assert seen["200"] >= 1, seen
    assert seen["304"] >= 1, seen
    assert seen["4xx"] >= 1, seen
    assert seen["5xx"] == 0
    assert proc.returncode == 0, err.decode()
