"""``streams produce``: poll pages into ``pages.snapshots`` (or replay a file)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from streams.errors import ConfigError

__all__ = ["register"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
PROG = "streams produce"
_LIBRARIES = ("aiokafka", "aiohttp")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "produce",
        help="poll live-blog pages and publish snapshot envelopes to Kafka",
        description=(
            "Poll the pages of a URL list (--config) and/or --url flags with conditional GETs "
            "and publish each changed page as a snapshot envelope to the snapshots topic, keyed "
            "by URL. --file replays envelopes from JSON lines instead of polling. --stdout "
            "writes envelopes as JSON lines instead of Kafka (pipe into `streams replay -`). "
            "Private, loopback and metadata addresses are refused unless allowed "
            "(LIVEDIFF_PRODUCER__ALLOW_NETWORKS, or allow_private per page)."
        ),
    )
    p.add_argument("--config", type=Path, help="URL list: .toml with [[pages]], or one URL a line")
    p.add_argument("--url", action="append", default=[], help="a page to poll (repeatable)")
    p.add_argument("--file", metavar="FILE|-", help="replay envelopes from JSON lines, no polling")
    p.add_argument("--once", action="store_true", help="poll every page once, then exit")
    p.add_argument("--stdout", action="store_true", help="write JSON lines to stdout, not Kafka")
    p.add_argument("--topic", help="snapshot topic (default: LIVEDIFF_PRODUCER__TOPIC)")
    p.add_argument(
        "--metrics-port",
        type=int,
        help="port of /metrics, /livez, /readyz while polling (default LIVEDIFF_METRICS__PORT)",
    )
    p.add_argument("-v", "--verbose", action="count", default=0, help="more logging (-vv: debug)")
    p.set_defaults(func=run)


def _setup_logging(verbosity: int) -> None:
    from streams.producer.redact import RedactingFilter

    # A filter on the handler (not the logger) also sees records of child loggers.
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter(f"{PROG}: %(levelname)s %(name)s: %(message)s"))
    ours = logging.getLogger("streams.producer")
    ours.setLevel([logging.WARNING, logging.INFO, logging.DEBUG][min(verbosity, 2)])
    # aiokafka and aiohttp log connection details on their own loggers: scrub those too.
    for name, logger in (("ours", ours), *((n, logging.getLogger(n)) for n in _LIBRARIES)):
        logger.handlers[:] = [handler]
        logger.propagate = False
        if name != "ours":
            logger.setLevel(logging.WARNING)


def run(args: argparse.Namespace) -> int:
    from streams.producer.redact import secrets
    from streams.settings import Settings

    _setup_logging(args.verbose)
    try:
        settings = Settings()
    except ValidationError as exc:
        # Never echo the input: it may hold the SASL password.
        for error in exc.errors(include_input=False, include_url=False):
            where = ".".join(str(p) for p in error["loc"]) or exc.title
            print(f"{PROG}: invalid setting {where}: {error['msg']}", file=sys.stderr)
        return EXIT_USAGE
    if settings.kafka.sasl_password is not None:
        secrets.add(settings.kafka.sasl_password.get_secret_value())
    producer = settings.producer
    if args.topic:
        producer = producer.model_copy(update={"topic": args.topic})
    try:
        if args.file:
            if args.config or args.url:
                raise ConfigError("--file replays envelopes; it takes no --config/--url")
            return asyncio.run(_replay(args, settings, producer))
        pages = _pages(args, producer)
        return asyncio.run(_poll(args, settings, producer, pages))
    except ConfigError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_OK


def _pages(args: argparse.Namespace, producer: Any) -> list[Any]:
    from streams.producer.config import check_unique, load_pages, pages_from_urls

    pages = load_pages(args.config, producer) if args.config else []
    pages += pages_from_urls(args.url, producer)
    if not pages:
        raise ConfigError("nothing to poll: give --config FILE and/or --url URL (or --file)")
    check_unique(pages)
    return pages


def _sink(args: argparse.Namespace, settings: Any, producer: Any) -> Any:
    from streams.producer.publish import KafkaSink, StdoutSink

    return StdoutSink(sys.stdout.buffer) if args.stdout else KafkaSink(settings.kafka, producer)


def _file_lines(name: str) -> Iterator[tuple[str, bytes]]:
    label = "<stdin>" if name == "-" else name
    fh = sys.stdin.buffer if name == "-" else open(name, "rb")  # noqa: SIM115
    try:
        for lineno, line in enumerate(fh, 1):
            yield f"{label}:{lineno}", line
    finally:
        if fh is not sys.stdin.buffer:
            fh.close()


async def _replay(args: argparse.Namespace, settings: Any, producer: Any) -> int:
    from streams.producer.publish import PublishError, replay_lines

    def report(message: str) -> None:
        print(f"{PROG}: rejected {message}", file=sys.stderr, flush=True)

    sink = _sink(args, settings, producer)
    try:
        await sink.start()
        sent, rejected = await replay_lines(
            _file_lines(args.file), sink, report, max_bytes=producer.max_request_bytes
        )
    except OSError as exc:
        raise ConfigError(f"cannot read {args.file}: {exc.strerror}") from None
    except PublishError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        await sink.stop()
    print(f"{PROG}: replayed {sent} envelope(s), rejected {rejected}", file=sys.stderr)
    return EXIT_FAILED if rejected else EXIT_OK


def _endpoint(args: argparse.Namespace, settings: Any) -> Any:
    """Metrics and health while polling forever (``--once`` and ``--file`` runs are too
    short to scrape); ``None`` when LIVEDIFF_METRICS__ENABLED is false."""
    from streams.health import Endpoint

    if not settings.metrics.enabled:
        return None
    port = settings.metrics.port if args.metrics_port is None else args.metrics_port
    # No readiness conditions: the sink is started before the endpoint, so serving is ready.
    return Endpoint.create("producer", host=settings.metrics.host, port=port)


async def _poll(args: argparse.Namespace, settings: Any, producer: Any, pages: list[Any]) -> int:
    from streams.producer.publish import PublishError
    from streams.producer.service import build_poller

    sink = _sink(args, settings, producer)
    try:
        await sink.start()
    except PublishError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    endpoint = None if args.once else _endpoint(args, settings)
    poller, client = build_poller(
        producer, sink.send, observer=endpoint.metrics.observe_fetch_record if endpoint else None
    )
    try:
        if args.once:
            stats = await poller.run_once(pages)
        else:
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, stop.set)
            if endpoint is not None:
                await endpoint.start()
            await poller.run_forever(pages, stop)
            stats = poller.stats
    finally:
        await client.close()
        await sink.stop()
        if endpoint is not None:
            await endpoint.stop()
    summary = ", ".join(f"{k} {v}" for k, v in sorted(stats.items())) or "nothing"
    print(f"{PROG}: {summary}", file=sys.stderr)
    failed = sum(v for k, v in stats.items() if k not in ("emitted", "not_modified"))
    return EXIT_FAILED if args.once and failed else EXIT_OK
