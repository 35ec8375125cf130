"""Text normalisation and hashing: what counts as "the same entry".

Two renderings of one entry that differ only in whitespace, Unicode
composition or non-breaking spaces normalise to the same text and hash, so
re-rendered page noise never becomes an ``entry.edited`` event.
"""

from __future__ import annotations

import hashlib
import unicodedata

__all__ = ["content_hash", "normalize_body", "normalize_line"]

_PARAGRAPH_BREAK = "\n\n"


def normalize_line(text: str) -> str:
    """One line: NFC, every run of whitespace (incl. NBSP, tabs, newlines) -> one space."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return " ".join(text.split())


def normalize_body(text: str) -> str:
    """Paragraphs (split on blank lines) normalised and re-joined by one blank line."""
    if not text:
        return ""
    lines = (normalize_line(p) for p in text.replace("\r\n", "\n").split(_PARAGRAPH_BREAK))
    return _PARAGRAPH_BREAK.join(line for line in lines if line)


def content_hash(title: str, body: str) -> str:
    """sha256 over the normalised title and body; the identity of a revision."""
    digest = hashlib.sha256()
    digest.update(title.encode("utf-8"))
    digest.update(b"\x1e")
    digest.update(body.encode("utf-8"))
    return digest.hexdigest()
