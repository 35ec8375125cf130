"""What one fuzz input runs: the pipeline over a page's fetches, and every parser directly.

Shared by benchmarks/fuzz_parsers.py (hypothesis) and benchmarks/fuzz_atheris.py.
A parser called directly gets what the pipeline would give it: an HTML tree
is only built once ``check_markup`` accepted the page (building it first is
exactly the slow path the guard exists to refuse).
"""

from __future__ import annotations

import functools
import time
import traceback
from collections.abc import Callable
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from streams.errors import RejectedSnapshot
from streams.models import PageState, ParsedPage, Snapshot
from streams.parse.dwtext import parse_dw_text
from streams.parse.guard import check_markup
from streams.parse.htmltext import PARSE_OPTIONS, marked_ancestors, paragraphs
from streams.parse.jsonld import parse_jsonld, parse_jsonld_texts
from streams.parse.ldscan import ld_script_texts
from streams.parse.profile_parser import HtmlPage, parse_with_profile
from streams.parse.profiles import bundled_profiles
from streams.pipeline import process_snapshot
from streams.settings import Limits
from tests.fuzzing import REASONS

__all__ = ["Result", "run_case"]

LIMITS = Limits()
# pipeline seconds, seconds with the direct calls, outcome, error (a traceback) or None
Result = tuple[float, float, str, str | None]


class _Bad(Exception):
    """A result that breaks a contract (not an exception from the code under test)."""


def _check_rejection(exc: RejectedSnapshot) -> None:
    if exc.reason not in REASONS or not exc.message.strip():
        raise _Bad(f"rejection without a known reason or message: {exc.reason!r} {exc.message!r}")


def _check_page(page: object, limits: Limits) -> None:
    if page is None:
        return
    if not isinstance(page, ParsedPage) or len(page.entries) > limits.max_entries:
        raise _Bad(f"bad page: {type(page).__name__}")
    for entry in page.entries:
        if not (isinstance(entry.entry_id, str) and entry.entry_id):
            raise _Bad(f"entry without an id: {entry!r}")


def _guarded(fn: Callable[..., Any], *args: Any) -> Any:
    try:
        return fn(*args)
    except RejectedSnapshot as exc:
        _check_rejection(exc)
        return None


def _direct(snap: Snapshot, limits: Limits) -> None:
    """Every parser on the body, as the pipeline would call it."""
    notes: list[str] = []
    _check_page(_guarded(parse_dw_text, snap.body, snap.url, limits, notes), limits)
    if "html" not in snap.content_type:
        return
    scripts = _guarded(ld_script_texts, snap.body, limits)
    if scripts is not None:
        _check_page(_guarded(parse_jsonld_texts, scripts, snap.url, limits, notes), limits)
    try:
        check_markup(snap.body, limits)
    except RejectedSnapshot as exc:
        _check_rejection(exc)
        return
    tree = LexborHTMLParser(snap.body, options=PARSE_OPTIONS)
    _check_page(_guarded(parse_jsonld, tree, snap.url, limits, notes), limits)
    marked = functools.cache(lambda: marked_ancestors(tree))  # as the pipeline: once per page
    page = HtmlPage(tree, snap.url, marked)
    for profile in bundled_profiles().profiles:
        _check_page(_guarded(parse_with_profile, page, profile, limits, notes), limits)
    if tree.body is not None:
        paragraphs(tree.body, marked_ancestors(tree))


def _pipeline(state: PageState | None, snap: Snapshot, limits: Limits) -> tuple[Any, str]:
    try:
        outcome = process_snapshot(state, snap, limits=limits)
    except RejectedSnapshot as exc:
        _check_rejection(exc)
        return state, f"rejected:{exc.reason}"
    if outcome.state.page_url != snap.url:
        raise _Bad("state of another page")
    return outcome.state, f"{outcome.status}:{outcome.parser or '-'}"


def run_case(snaps: list[Snapshot], limits: Limits = LIMITS) -> list[Result]:
    """One fetch after another (state carried over), then each parser directly.

    A failure stops the case.
    """
    results: list[Result] = []
    state: PageState | None = None
    for snap in snaps:
        started = time.perf_counter()
        piped = 0.0
        try:
            state, outcome = _pipeline(state, snap, limits)
            piped = time.perf_counter() - started
            _direct(snap, limits)
        except Exception:  # the point: anything else escaping is a finding
            spent = time.perf_counter() - started
            results.append((piped or spent, spent, "error", traceback.format_exc()))
            return results
        results.append((piped, time.perf_counter() - started, outcome, None))
    return results
