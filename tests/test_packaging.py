"""Files that set the project up: compose file, CI entry point, package data."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _compose_available() -> bool:
    if shutil.which("docker") is None:
        return False
    probe = subprocess.run(["docker", "compose", "version"], capture_output=True, text=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _compose_available(), reason="the docker compose command is not installed here")
def test_docker_compose_config_is_valid() -> None:
    result = subprocess.run(
        ["docker", "compose", "config", "--quiet"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NEO4J_PASSWORD": "test-only"},
    )
    assert result.returncode == 0, result.stderr


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in readme and "make run" in readme


def test_every_setting_is_documented_in_the_readme() -> None:
    from gongjian.settings import Settings

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [
        f"GONGJIAN_{name.upper()}"
        for name in Settings.model_fields
        if f"GONGJIAN_{name.upper()}" not in readme
    ]
    assert not missing, f"README lacks: {missing}"


def test_cypher_files_are_package_data() -> None:
    from importlib import resources

    files = {p.name for p in resources.files("gongjian.graph.cypher").iterdir()}
    assert "schema.neo4j.cypher" in files and "schema.falkordb.cypher" in files
