"""faust's Kafka transport with a short fetch long-poll (``fetch_max_wait_ms``).

faust-streaming 0.15 builds its aiokafka consumer with ``fetch_max_wait_ms=1500``
and no setting to change it. aiokafka keeps at most one fetch in flight per
broker, asking only for partitions whose buffered records were all consumed.
When that fetch names partitions with nothing new (a partition at its end,
the page-state changelog), the broker holds it for the full wait, and every
other partition drained meanwhile waits behind it: measured on the local
broker, one worker over a preloaded topic ran at 0.45 of a core and half the
snapshots/s it reaches with a short wait. Kafka's own default is 500 ms;
``FETCH_MAX_WAIT_MS`` bounds the stall at the cost of a few more (empty)
fetches per second while idle.

This module is the only one that reaches into the consumer's construction.
"""

from __future__ import annotations

from typing import Any

from faust.transport.drivers import aiokafka as driver

__all__ = ["FETCH_MAX_WAIT_MS", "Transport", "install"]

FETCH_MAX_WAIT_MS = 100


class _ConsumerThread(driver.AIOKafkaConsumerThread):
    def _create_worker_consumer(self, transport: Any) -> Any:
        consumer = super()._create_worker_consumer(transport)
        # Read by AIOKafkaConsumer.start() when it builds its Fetcher (aiokafka 0.8-0.14).
        consumer._fetch_max_wait_ms = FETCH_MAX_WAIT_MS
        return consumer


class _Consumer(driver.Consumer):
    def _new_consumer_thread(self) -> Any:
        return _ConsumerThread(self, loop=self.loop, beacon=self.beacon)


class Transport(driver.Transport):
    """faust's aiokafka transport, with the consumer above."""

    Consumer = _Consumer


def install(app: Any) -> None:
    """Make ``app`` consume through :class:`Transport` (before any topic is declared)."""
    app.transport = Transport(app.conf.broker_consumer, app)
