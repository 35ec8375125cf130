"""JSON-LD script text -> Python objects, and the walk that finds live blogs in them.

Shared by the full parse (``jsonld``) and the re-read of a changed script
against its previous fetch (``ldreread``), so that both decode, bound and
recognise exactly alike.
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

from streams.settings import Limits

__all__ = ["CONTAINERS", "Skip", "load", "strip_wrappers", "types_of", "walk"]

CONTAINERS = frozenset({dict, list})
_WRAPPERS = (("<!--", "-->"), ("//<![CDATA[", "//]]>"), ("<![CDATA[", "]]>"))


class Skip(Exception):
    """One script that cannot be used; the message says why."""


def strip_wrappers(text: str) -> str:
    text = text.strip()
    for head, tail in _WRAPPERS:
        if text.startswith(head):
            text = text[len(head) :]
            text = text.removesuffix(tail) if text.rstrip().endswith(tail) else text
            text = text.strip().removesuffix(tail).strip()
    return text


# A lone UTF-16 surrogate escape: orjson refuses it, and json would build a str
# that no encoder takes (the diff's hash raised UnicodeEncodeError, found by the
# parser fuzz). It becomes U+FFFD, as a browser shows it.
_LONE_SURROGATE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)
# A raw lone surrogate (only a hand-built str has one: the gate refuses such a
# body before any parser runs, but parsers are also called directly).
_RAW_SURROGATE = re.compile("[\ud800-\udfff]")


def load(text: str, limits: Limits) -> Any:
    if (
        len(text) > limits.max_jsonld_bytes // 4
        and len(text.encode("utf-8", "surrogatepass")) > limits.max_jsonld_bytes
    ):
        raise Skip(f"larger than max_jsonld_bytes={limits.max_jsonld_bytes}")
    text = strip_wrappers(text)
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        first = exc
    if "\\u" in text:
        text = _LONE_SURROGATE.sub(r"\\ufffd", text)
    text = _RAW_SURROGATE.sub("\ufffd", text)
    try:  # raw newlines inside strings: invalid JSON that browsers' consumers accept
        return json.loads(text, strict=False)
    except (ValueError, RecursionError):
        raise Skip(f"invalid JSON ({first})") from None


def types_of(node: dict[str, Any]) -> set[str]:
    raw = node.get("@type")
    names = raw if isinstance(raw, list) else [raw]
    return {n.rsplit("/", 1)[-1].rsplit(":", 1)[-1] for n in names if isinstance(n, str)}


def walk(doc: Any, limits: Limits) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """Breadth-first over every object: the live blogs, and an ``@id`` index.

    Also the depth check: level by level, so a hostile nesting cannot
    recurse. (Decoders only build ``dict``/``list``; most update objects hold
    only strings, which one C-level ``map(type, ...)`` tells.)
    """
    blogs: list[dict[str, Any]] = []
    index: dict[str, dict[str, Any]] = {}
    level: list[Any] = [doc] if doc.__class__ in CONTAINERS else []
    depth = 1
    while level:
        if depth > limits.max_json_depth:
            raise Skip(f"nested deeper than max_json_depth={limits.max_json_depth}")
        below: list[Any] = []
        for node in level:
            if node.__class__ is dict:
                ident = node.get("@id")
                if ident.__class__ is str:
                    index.setdefault(ident, node)
                if node.get("liveBlogUpdate") and "LiveBlogPosting" in types_of(node):
                    blogs.append(node)
                children = node.values()
            else:
                children = node
            if not CONTAINERS.isdisjoint(map(type, children)):
                below.extend([c for c in children if c.__class__ in CONTAINERS])
        level = below
        depth += 1
    return blogs, index
