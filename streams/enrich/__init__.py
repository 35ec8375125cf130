"""Enrichment: entities with canonical ids and IPTC Media Topics (issue 3).

Pure core: no faust, Kafka or HTTP. ``streams replay`` and the worker's enrich
step both call :func:`build_enricher` (or :func:`enrich_events` directly).

    base.py          Engine protocol, Enrichment, enrich_event(s)
    registry.py      engine by name, build_enricher
    statistical.py   spaCy NER + corrections;  spacy_model.py loads the model
    fast.py          no model: tables and capitalisation rules
    rules.py         model-free candidate names;  linking.py  dedup and linking
    gazetteer.py     countries, places, organisations with ids
    topics.py        IPTC classifier;  lexicon.py  its packaged vocabulary
    evaluate.py      P/R/F1 and topic accuracy on a labelled set
"""

from __future__ import annotations

from streams.enrich.base import Engine, Enrichment, enrich_event, enrich_events, entry_text
from streams.enrich.registry import ENGINE_NAMES, Enricher, build_enricher, get_engine

__all__ = [
    "ENGINE_NAMES",
    "Engine",
    "Enricher",
    "Enrichment",
    "build_enricher",
    "enrich_event",
    "enrich_events",
    "entry_text",
    "get_engine",
]
