"""Suite-wide test settings.

Hypothesis explores with a fresh random seed on developers' machines (and the
long fuzz runs in ``benchmarks/fuzz_parsers.py`` go further); in CI it runs
derandomized, so a red CI run is about the change under test and reproduces
exactly on a rerun, rather than a new example found by chance on someone
else's commit. Findings from the random runs are kept as plain regression
tests next to the property that found them.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
