"""Checks before the faust app starts, so a bad setup fails in one clear line.

faust accepts a malformed ``KAFKA_BOOTSTRAP_SERVERS`` and fails deep inside
its URL parsing, or starts, cannot reach the broker, and logs a traceback
from its service tree. These checks run first: :func:`bootstrap_hosts`
rejects what can never work (a usage error, exit 2); :func:`reach` asks the
brokers for their metadata once, with the worker's credentials, and says
which address failed and why (exit 1: a broker that is down may come back).
"""

from __future__ import annotations

import asyncio
import logging
import re

from streams.errors import ConfigError, LivediffError
from streams.settings import KafkaSettings

__all__ = ["BrokerUnreachable", "bootstrap_hosts", "reach"]

_HOST_PORT = re.compile(r"^(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+):(?P<port>[0-9]{1,5})$")


class BrokerUnreachable(LivediffError):
    """No bootstrap server answered (down, wrong address, refused credentials)."""


def bootstrap_hosts(servers: str) -> list[str]:
    """``host1:9092,host2:9092`` -> ``["host1:9092", "host2:9092"]``, or ConfigError.

    Every entry must be ``host:port`` (as Kafka's own clients require), with no
    scheme: ``kafka://`` is added for faust, never taken from the user.
    """
    hosts = [h.strip() for h in servers.split(",") if h.strip()]
    if not hosts:
        raise ConfigError("invalid setting KAFKA_BOOTSTRAP_SERVERS: empty (want host:port,...)")
    for host in hosts:
        match = _HOST_PORT.match(host)
        if match is None or not 0 < int(match["port"]) < 65536:
            raise ConfigError(
                f"invalid setting KAFKA_BOOTSTRAP_SERVERS: {host[:100]!r} is not host:port "
                "(port 1-65535)"
            )
    return hosts


async def reach(kafka: KafkaSettings, timeout_s: float) -> None:
    """Fetch cluster metadata once, or raise :class:`BrokerUnreachable` saying why."""
    from aiokafka.admin import AIOKafkaAdminClient

    timeout_ms = int(timeout_s * 1000)
    admin = AIOKafkaAdminClient(
        **kafka.client_kwargs(), client_id="livediff-worker-probe", request_timeout_ms=timeout_ms
    )
    # aiokafka logs each refused address and raises a generic "Unable to bootstrap": keep
    # its log off stderr but keep its last error, the one that says why (e.g. bad credentials).
    quiet, heard = logging.getLogger("aiokafka"), _LastError()
    quiet.addHandler(heard)
    quiet.propagate = False
    try:
        await asyncio.wait_for(admin.start(), timeout_s)
    except Exception as exc:  # aiokafka raises KafkaError, OSError, ssl errors, timeouts
        detail = " ".join(str(exc).split())
        if not detail.startswith(type(exc).__name__):
            detail = f"{type(exc).__name__}: {detail}".rstrip(": ")
        if heard.message:
            detail = f"{detail[:200]}; last error: {heard.message[:300]}"
        raise BrokerUnreachable(
            f"cannot reach Kafka at {kafka.bootstrap_servers} ({kafka.security_protocol}): {detail}"
        ) from None
    finally:
        await admin.close()
        quiet.removeHandler(heard)
        quiet.propagate = True


class _LastError(logging.Handler):
    """Remembers the last ERROR aiokafka logged (one line)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.message = ""

    def emit(self, record: logging.LogRecord) -> None:
        self.message = " ".join(record.getMessage().split())
