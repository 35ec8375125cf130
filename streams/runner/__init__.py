"""The embedded runner: the pipeline in one process, no broker."""

from __future__ import annotations

from streams.runner.replay import Replayer, ReplayStats
from streams.runner.state_file import load_states, save_states

__all__ = ["ReplayStats", "Replayer", "load_states", "save_states"]
