"""Bytes to text the way a browser would, without guessing wildly.

Order: byte-order mark, then the ``charset`` of Content-Type, then a
``<meta charset>`` / ``http-equiv`` or XML declaration in the first 2 KB,
then UTF-8. Labels follow the WHATWG mapping where Python differs (a page
that says ``iso-8859-1`` is decoded as windows-1252, like every browser).
Undecodable bytes become U+FFFD: a snapshot is never lost to one bad byte.
"""

from __future__ import annotations

import codecs
import re

__all__ = ["charset_of", "decode_body"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_WHATWG = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "tis-620": "cp874",
    "x-user-defined": "cp1252",
}
_PARAM = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.IGNORECASE)
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.IGNORECASE)
_XML = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:\-]+)""")


def _normalise(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    label = _WHATWG.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def charset_of(body: bytes, content_type: str | None) -> str:
    """The codec to decode ``body`` with (always a valid Python codec name)."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name
    if content_type:
        match = _PARAM.search(content_type)
        found = _normalise(match.group(1)) if match else None
        if found:
            return found
    head = body[:2048]
    declared = _META.search(head) or _XML.search(head)
    found = _normalise(declared.group(1).decode("ascii")) if declared else None
    # A UTF-16 label found by an ASCII scan cannot be true (WHATWG: use UTF-8).
    if found and not found.startswith("utf-16"):
        return found
    return "utf-8"


def decode_body(body: bytes, content_type: str | None) -> str:
    name = charset_of(body, content_type)
    text = body.decode(name, errors="replace")
    return text[1:] if text.startswith("\ufeff") else text
