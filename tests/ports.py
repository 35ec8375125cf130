"""Free TCP ports for the servers tests start (workers' web and metrics ports, Prometheus).

A port from ``bind(0)`` comes from the kernel's ephemeral range, the same range
every outgoing connection takes its local port from: between the test
releasing it and the server binding it, a Kafka client's connection can take
it ("address already in use", seen in CI). These ports are drawn below that
range instead, where no outgoing connection lands, and checked free.
"""

from __future__ import annotations

import random
import socket
from pathlib import Path

__all__ = ["free_port"]

_LOWEST = 15000
_RANGE_FILE = Path("/proc/sys/net/ipv4/ip_local_port_range")


def _ephemeral_start() -> int:
    try:
        return int(_RANGE_FILE.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768  # Linux's default


def free_port() -> int:
    """A port nothing listens on now, outside the ephemeral range where possible."""
    top = _ephemeral_start()
    rng = random.SystemRandom()
    for _ in range(500 if top - _LOWEST > 1000 else 0):
        port = rng.randrange(_LOWEST, top)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    with socket.socket() as s:  # no room below the ephemeral range: the kernel's choice
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
