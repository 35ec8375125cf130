"""Version of the packaged rules, tables and lexicon (part of ``enrichment_version``).

Bump it whenever a table, word list, rule or lexicon weight changes, so
consumers can tell events enriched by different rules apart.
"""

from __future__ import annotations

__all__ = ["RULES_VERSION"]

RULES_VERSION = "1.5.0"
