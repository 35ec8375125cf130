"""``streams worker``: run the faust app (diff -> enrich -> entries.*) until stopped.

Configuration comes from the environment (see README, "Configuration");
the flags only cover what one usually changes per run.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any

__all__ = ["register"]

EXIT_OK, EXIT_CRASHED, EXIT_USAGE = 0, 1, 2
PROBE_TIMEOUT_S = 30.0  # the brokers' metadata at start; longer is a broker that is not there


def register(sub: Any) -> None:
    p = sub.add_parser(
        "worker",
        help="run the streaming worker: pages.snapshots -> entries.new|edited|removed",
        description=(
            "Consume snapshot envelopes from Kafka, diff each page against its state (a "
            "changelog-backed table), enrich, and publish entry events, exactly once by "
            "default. Bad snapshots go to the dead-letter topic with the reason. Settings: "
            "KAFKA_BOOTSTRAP_SERVERS, KAFKA_SECURITY_PROTOCOL..., LIVEDIFF_WORKER__*, "
            "LIVEDIFF_LIMITS__*, LIVEDIFF_ENRICH_ENGINE."
        ),
    )
    p.add_argument("--loglevel", default="info", help="debug, info, warning, error")
    p.add_argument("--web-port", type=int, help="HTTP port (default LIVEDIFF_WORKER__WEB_PORT)")
    p.add_argument(
        "--metrics-port",
        type=int,
        help="port of /metrics, /livez, /readyz (default LIVEDIFF_METRICS__PORT)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Settings, then the broker, then the app; a bad setup is one line on stderr, no traceback.

    Exit 2: a setting is invalid (nothing will change until it is fixed).
    Exit 1: the brokers cannot be reached at start, or the app crashed later.
    """
    from pydantic import ValidationError

    from streams.errors import ConfigError
    from streams.settings_errors import describe

    try:
        settings = _settings(args)
        from streams.worker.app import build_app

        services: list[Any] = []
        if settings.metrics.enabled:
            from streams.worker.monitoring import WorkerMonitoring

            monitoring = WorkerMonitoring(settings)
            bundle = build_app(settings, observer=monitoring.observer)
            services.append(monitoring.service(bundle))
        else:
            bundle = build_app(settings)
    except ValidationError as exc:
        return _fail(describe(exc), EXIT_USAGE)
    except ConfigError as exc:
        return _fail(str(exc), EXIT_USAGE)
    from streams.worker.startup import BrokerUnreachable, reach

    loop = asyncio.new_event_loop()  # not the current loop: faust makes its own
    try:
        loop.run_until_complete(reach(settings.kafka, PROBE_TIMEOUT_S))
    except BrokerUnreachable as exc:
        return _fail(str(exc), EXIT_CRASHED)
    finally:
        loop.close()
    return _serve(bundle, services, args.loglevel)


def _fail(message: str, code: int) -> int:
    print(f"streams worker: {message}", file=sys.stderr)
    return code


def _settings(args: argparse.Namespace) -> Any:
    from streams.settings import Settings
    from streams.worker.startup import bootstrap_hosts

    settings = Settings()
    bootstrap_hosts(settings.kafka.bootstrap_servers)
    if args.web_port is not None:
        worker = settings.worker.model_copy(update={"web_port": args.web_port})
        settings = settings.model_copy(update={"worker": worker})
    if args.metrics_port is not None:
        metrics = settings.metrics.model_copy(update={"port": args.metrics_port})
        settings = settings.model_copy(update={"metrics": metrics})
    return settings


def _serve(bundle: Any, services: list[Any], loglevel: str) -> int:
    import faust

    worker = faust.Worker(bundle.app, *services, loglevel=loglevel, redirect_stdouts=False)
    try:
        worker.execute_from_commandline()
    except SystemExit as exc:
        if exc.code not in (None, 0):
            return int(exc.code) if isinstance(exc.code, int) else EXIT_CRASHED
    # mode exits 0 even when the app crashed; a supervisor must see the failure.
    return EXIT_CRASHED if bundle.app._crash_reason is not None else EXIT_OK
