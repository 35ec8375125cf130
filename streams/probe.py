"""``streams probe``: ask this container's own endpoint whether it is live or ready.

For Docker ``HEALTHCHECK`` and Compose healthchecks: the slim image has no
curl or wget, and the port comes from the same settings the server uses
(``LIVEDIFF_METRICS__PORT``), so the check cannot drift from the server.
Standard library only: it runs every few seconds and must start fast.
"""

from __future__ import annotations

import argparse
import sys
import urllib.error
import urllib.request
from typing import Any

__all__ = ["register"]

EXIT_OK, EXIT_FAILED = 0, 1


def register(sub: Any) -> None:
    p = sub.add_parser(
        "probe",
        help="check this process's /livez or /readyz (exit 0 when it answers 200)",
        description=(
            "GET http://127.0.0.1:<LIVEDIFF_METRICS__PORT>/<check> and exit 0 on HTTP 200, "
            "1 otherwise (the reason goes to stderr). Used by the container healthchecks."
        ),
    )
    p.add_argument("check", nargs="?", default="livez", choices=("livez", "readyz"))
    p.add_argument("--port", type=int, help="default LIVEDIFF_METRICS__PORT")
    p.add_argument("--timeout", type=float, default=3.0, help="seconds (default 3)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from streams.settings import Settings

    metrics = Settings().metrics
    host = metrics.host if metrics.host not in ("", "0.0.0.0", "::") else "127.0.0.1"
    port = args.port if args.port is not None else metrics.port
    url = f"http://{host}:{port}/{args.check}"
    try:
        with urllib.request.urlopen(url, timeout=args.timeout) as resp:
            return EXIT_OK if resp.status == 200 else EXIT_FAILED
    except urllib.error.HTTPError as exc:
        print(
            f"streams probe: {url}: {exc.code} {exc.read().decode(errors='replace').strip()}",
            file=sys.stderr,
        )
    except (urllib.error.URLError, OSError) as exc:
        print(f"streams probe: {url}: {exc}", file=sys.stderr)
    return EXIT_FAILED
