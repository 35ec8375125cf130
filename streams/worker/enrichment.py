"""The seam between the worker and the enrichment engines (issue 3).

``streams replay`` and the worker must enrich with the same function, so both
ask for it by engine name. ``none`` means no enrichment; any other name is
looked up as ``streams.enrich.build_enricher(engine)``, which the enrichment
package provides. An unknown engine is a configuration error at start-up,
never a surprise in the middle of a stream.

A model-backed engine (``statistical``: spaCy NER, several ms per entry) runs
in a child process (:class:`EnrichProcess`): in the worker's own process it
would hold the GIL for most of each snapshot, starving faust's consumer thread
and the producer's sender, and the event loop could not fetch, send or commit
while it runs. The child runs the same function, so events are identical.
"""

from __future__ import annotations

import asyncio
import importlib
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

from streams.errors import ConfigError
from streams.models import EntryEvent

__all__ = ["OFFLOADED_ENGINES", "EnrichProcess", "Enricher", "load_enricher"]

Enricher = Callable[[tuple[EntryEvent, ...]], tuple[EntryEvent, ...]]
#: Engines slow enough that the worker runs them in a child process.
OFFLOADED_ENGINES = frozenset({"statistical"})


def load_enricher(engine: str) -> Enricher | None:
    """The enrichment function for ``engine``, or ``None`` for ``none``."""
    if engine in ("", "none"):
        return None
    try:
        module = importlib.import_module("streams.enrich")
    except ImportError as exc:
        raise ConfigError(f"enrichment engine {engine!r}: streams.enrich unavailable") from exc
    build = getattr(module, "build_enricher", None)
    if build is None:
        raise ConfigError(f"enrichment engine {engine!r}: streams.enrich has no build_enricher")
    try:
        enricher: Enricher = build(engine)
    except (KeyError, ValueError, LookupError) as exc:
        raise ConfigError(f"enrichment engine {engine!r}: {exc}") from exc
    return enricher


class EnrichProcess:
    """``await enrich(events)``: ``load_enricher(engine)`` run in one child process.

    The child is started with ``spawn`` (the worker has threads; forking it
    is unsafe) by :meth:`start`, which ``streams worker`` calls before serving
    so that a missing model is a start-up error here too (else the first call
    starts it). It exits when its parent does, even on SIGKILL.
    """

    def __init__(self, engine: str) -> None:
        self.engine = engine
        context = multiprocessing.get_context("spawn")
        self._pool = ProcessPoolExecutor(
            max_workers=1, mp_context=context, initializer=_watch_parent, initargs=(os.getpid(),)
        )

    def start(self) -> None:
        """Load the engine in the child now (raises ConfigError as ``load_enricher`` would)."""
        self._pool.submit(_load, self.engine).result()

    async def __call__(self, events: tuple[EntryEvent, ...]) -> tuple[EntryEvent, ...]:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, _enrich, self.engine, events)

    def close(self) -> None:
        """Stop the child (idle by now: the worker has stopped processing)."""
        self._pool.shutdown(wait=True, cancel_futures=True)


# --- in the child process -------------------------------------------------------------

_ENRICHERS: dict[str, Enricher | None] = {}


def _load(engine: str) -> None:
    if engine not in _ENRICHERS:
        _ENRICHERS[engine] = load_enricher(engine)


def _enrich(engine: str, events: tuple[EntryEvent, ...]) -> tuple[EntryEvent, ...]:
    _load(engine)
    enrich = _ENRICHERS[engine]
    return enrich(events) if enrich is not None and events else events


def _watch_parent(parent: int) -> None:
    """Exit when the worker is gone: a SIGKILLed parent closes nothing the child waits on."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
