"""livediff: news live blogs in, clean entry events out.

The package is split so that the pure core (``models``, ``parse``, ``diff``,
``enrich``, ``pipeline``) never imports Kafka, faust or HTTP code: the embedded
runner, the faust agents and the tests all call the same functions.
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
