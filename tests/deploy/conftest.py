"""Deploy artifacts checked by the real tools (docker-compose, promtool, kustomize).

scripts/ci-deps installs the tools. In CI (``CI=true``) a missing tool is a
failure, never a skip; elsewhere the test skips and names the tool.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"

Run = Callable[..., subprocess.CompletedProcess[str]]


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def find_tool(*names: str) -> list[str]:
    """The first tool found, as an argv prefix (``kubectl kustomize`` counts as kustomize)."""
    for name in names:
        argv = name.split()
        if path := shutil.which(argv[0]):
            return [path, *argv[1:]]
    message = f"none of {', '.join(names)} is installed (scripts/ci-deps installs them)"
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


def run_tool(argv: Sequence[str], *, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(argv), cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture(scope="session")
def docker_compose() -> list[str]:
    return find_tool("docker-compose")


@pytest.fixture(scope="session")
def promtool() -> list[str]:
    return find_tool("promtool")


@pytest.fixture(scope="session")
def kustomize() -> list[str]:
    return find_tool("kustomize build", "kubectl kustomize")
