"""Offline Neo4j 5 dialect check of every Neo4j-dialect Cypher statement in the repository.

Production runs Neo4j 5, but the test suite runs on embedded FalkorDB, so nothing else would catch a
statement that only FalkorDB accepts. Every ``.cypher`` file under ``queries/`` and ``graph/cypher/``
except ``*.falkordb.cypher`` is linted by Neo4j's own language tooling (``@neo4j-cypher/language-support``,
driven by ``tools/cypher-lint.mjs`` in one Node process) against Neo4j 5's built-in functions and
procedures plus the vocabulary exported by ``gongjian.graph.model``.

A file holds one statement, or several separated by ``;`` at the end of a line; ``//`` comment lines are
allowed anywhere. Parameters (``$x``) are never declared and are not reported.

Needs Node.js and ``node_modules`` (``npm ci``; ``make test`` runs it). Without ``node`` the tests skip,
except under ``CI=true``, where they fail.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias

import pytest

REPO = Path(__file__).resolve().parents[1]
LINT_SCRIPT = REPO / "tools" / "cypher-lint.mjs"
LINTER_PACKAGE = "@neo4j-cypher/language-support"
CYPHER_ROOTS = (REPO / "queries", REPO / "graph" / "cypher")
FALKORDB_ONLY_SUFFIX = ".falkordb.cypher"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "cypher"

# Small explicit vocabulary for the self-test, so it does not depend on the model module.
FIXTURE_VOCABULARY: dict[str, list[str]] = {
    "labels": ["Unit", "Resource", "Area"],
    "relationshipTypes": ["OFFERS", "WITHIN"],
    "propertyKeys": ["id", "name", "location"],
}

# The boilerplate the package appends to every "not present" message; dropped from reports.
_BOILERPLATE = re.compile(r"\s*Make sure you didn't misspell it or that it is available when you run.*$")
_EXPECT = re.compile(r"^//\s*expect:\s*(?P<category>[\w-]+)\s*$", re.MULTILINE)

Diagnostic: TypeAlias = dict[str, Any]
Linter: TypeAlias = Callable[[Sequence["Statement"], dict[str, list[str]]], dict[str, list[Diagnostic]]]


@dataclass(frozen=True)
class Statement:
    """One Cypher statement: ``text`` starts at line ``line`` (1-based) of ``path``."""

    path: Path
    line: int
    text: str

    @property
    def id(self) -> str:
        return f"{_display(self.path)}:{self.line}"


def _display(path: Path) -> str:
    try:
        return path.relative_to(REPO).as_posix()
    except ValueError:
        return path.as_posix()


def _is_blank(text: str) -> bool:
    """True when ``text`` holds nothing but whitespace and comments."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)
    return all(not line.strip() or line.lstrip().startswith("//") for line in text.splitlines())


def split_statements(path: Path) -> list[Statement]:
    """Split a ``.cypher`` file at lines ending in ``;``, keeping each statement's first line number.

    Each chunk keeps its comment and blank lines, so a diagnostic's line inside the chunk maps straight
    back to the file; chunks holding only comments are dropped.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    statements: list[Statement] = []
    start = 0
    for index, line in enumerate(lines):
        is_last = index == len(lines) - 1
        if not (line.rstrip().endswith(";") or is_last):
            continue
        chunk = lines[start : index + 1]
        if line.rstrip().endswith(";"):
            chunk[-1] = line.rstrip()[:-1]
        text = "\n".join(chunk)
        if not _is_blank(text):
            statements.append(Statement(path=path, line=start + 1, text=text))
        start = index + 1
    return statements


def neo4j_dialect_files(roots: Iterable[Path] = CYPHER_ROOTS) -> list[Path]:
    """Every ``.cypher`` file under ``roots`` that must run on Neo4j 5 (all but ``*.falkordb.cypher``)."""
    files = {
        path
        for root in roots
        if root.is_dir()
        for path in root.rglob("*.cypher")
        if path.is_file() and not path.name.endswith(FALKORDB_ONLY_SUFFIX)
    }
    return sorted(files)


# Python modules whose inline Cypher must run on Neo4j 5 too: everything shipped, except the modules
# that only ever talk to FalkorDB.
INLINE_ROOTS = (REPO / "graph", REPO / "api", REPO / "importers", REPO / "gongjian", REPO / "queries")
FALKORDB_ONLY_MODULES = frozenset({"graph/backends/falkordb.py", "graph/backends/embedded.py"})
_CYPHER_START = re.compile(r"^(MATCH|OPTIONAL MATCH|CREATE|MERGE|UNWIND|WITH|RETURN|CALL|FOREACH)\b\s+\S")


def inline_statements(roots: Iterable[Path] = INLINE_ROOTS) -> list[Statement]:
    """String literals in shipped Python code that are Cypher statements (docstrings excluded)."""
    found: list[Statement] = []
    for root in roots:
        for path in sorted(root.rglob("*.py")) if root.is_dir() else []:
            if _display(path) in FALKORDB_ONLY_MODULES:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            docstrings = {
                id(node.body[0].value)
                for node in ast.walk(tree)
                if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                and node.body
                and isinstance(node.body[0], ast.Expr)
                and isinstance(node.body[0].value, ast.Constant)
            }
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Constant)
                    and isinstance(node.value, str)
                    and id(node) not in docstrings
                    and _CYPHER_START.match(node.value.strip())
                ):
                    found.append(Statement(path=path, line=node.lineno, text=node.value.strip()))
    return found


def is_failure(diagnostic: Diagnostic) -> bool:
    """Errors, and warnings about a label/type/property/function/procedure the schema does not know."""
    return diagnostic["severity"] == "error" or str(diagnostic["category"]).startswith("unknown-")


def describe(statement: Statement, diagnostic: Diagnostic) -> str:
    line = statement.line + int(diagnostic["line"]) - 1
    message = _BOILERPLATE.sub("", str(diagnostic["message"]))
    return (
        f"{_display(statement.path)}:{line}:{diagnostic['column']}: "
        f"{diagnostic['severity']} [{diagnostic['category']}] {message}"
    )


def _node_or_skip() -> str:
    node = shutil.which("node")
    if node is None:
        reason = "Node.js (`node`) is not on PATH: the Neo4j 5 Cypher lint (tools/cypher-lint.mjs) needs it"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"{reason}; CI must provide it")
        pytest.skip(reason)
    return node


def _check_node_modules() -> None:
    package_json = json.loads((REPO / "package.json").read_text(encoding="utf-8"))
    wanted = package_json["devDependencies"][LINTER_PACKAGE]
    manifest = REPO / "node_modules" / LINTER_PACKAGE / "package.json"
    if not manifest.is_file():
        pytest.fail(
            f"{LINTER_PACKAGE} is not installed: run `make test` (or `npm ci` in {REPO}) first",
            pytrace=False,
        )
    installed = json.loads(manifest.read_text(encoding="utf-8"))["version"]
    if installed != wanted:
        pytest.fail(
            f"node_modules has {LINTER_PACKAGE}@{installed} but package.json pins {wanted}: "
            f"run `npm ci` in {REPO}",
            pytrace=False,
        )


@pytest.fixture(scope="module")
def lint() -> Linter:
    """Lints statements in a single Node process; returns diagnostics by statement id."""
    node = _node_or_skip()
    _check_node_modules()

    def run(statements: Sequence[Statement], vocabulary: dict[str, list[str]]) -> dict[str, list[Diagnostic]]:
        payload = {
            "statements": [{"id": s.id, "text": s.text} for s in statements],
            "schema": vocabulary,
        }
        proc = subprocess.run(
            [node, str(LINT_SCRIPT)],
            input=json.dumps(payload),
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=REPO,
            timeout=300,
            check=False,
        )
        if proc.returncode != 0:
            pytest.fail(f"{_display(LINT_SCRIPT)} exited {proc.returncode}:\n{proc.stderr}", pytrace=False)
        results = json.loads(proc.stdout)["results"]
        by_id = {result["id"]: result["diagnostics"] for result in results}
        missing = [s.id for s in statements if s.id not in by_id]
        assert not missing, f"linter returned no result for {missing}"
        return by_id

    return run


def _report(statements: Sequence[Statement], results: dict[str, list[Diagnostic]]) -> list[str]:
    """Failing diagnostics as readable lines; other warnings go to pytest's warnings summary."""
    failures: list[str] = []
    for statement in statements:
        for diagnostic in results[statement.id]:
            if is_failure(diagnostic):
                failures.append(describe(statement, diagnostic))
            else:
                warnings.warn(f"Neo4j lint: {describe(statement, diagnostic)}", UserWarning, stacklevel=2)
    return failures


def model_vocabulary() -> dict[str, list[str]]:
    from gongjian.graph import model  # imported here: the model is developed alongside this test

    return {
        "labels": sorted(str(label.value) for label in model.Label),
        "relationshipTypes": sorted(str(rel.value) for rel in model.Rel),
        "propertyKeys": sorted(model.property_keys()),
    }


# Canaries travel in the same Node call as the repository's statements, so the test proves it really
# linted against the model's vocabulary even while queries/ and graph/cypher/ are still empty.
_CANARY_PATH = REPO / "<canary>"
_CANARY_CLEAN = Statement(_CANARY_PATH, 1, "RETURN point.distance(point({x: 0, y: 0}), $p) AS d")
_CANARY_FLAGGED = Statement(_CANARY_PATH, 2, "MATCH (n:`NotInTheGongjianModel`) RETURN n")


def test_repository_cypher_is_valid_neo4j5(lint: Linter) -> None:
    vocabulary = model_vocabulary()
    assert vocabulary["labels"] and vocabulary["relationshipTypes"] and vocabulary["propertyKeys"]
    statements = [s for path in neo4j_dialect_files() for s in split_statements(path)]
    statements += inline_statements()

    results = lint([*statements, _CANARY_CLEAN, _CANARY_FLAGGED], vocabulary)

    assert results[_CANARY_CLEAN.id] == [], f"linter canary flagged: {results[_CANARY_CLEAN.id]}"
    assert any(d["category"] == "unknown-label" for d in results[_CANARY_FLAGGED.id]), (
        f"linter did not flag a label outside the model: {results[_CANARY_FLAGGED.id]}"
    )
    failures = _report(statements, results)
    assert not failures, (
        f"{len(failures)} problem(s) in Neo4j-dialect Cypher (production runs Neo4j 5; put FalkorDB-only "
        "statements in *.falkordb.cypher):\n" + "\n".join(failures)
    )


def test_inline_cypher_in_python_is_found() -> None:
    ids = {statement.id for statement in inline_statements()}
    assert any(i.startswith("graph/backends/neo4j.py:") for i in ids), ids


def _fixture_files() -> list[Path]:
    return sorted(FIXTURES.glob("*.cypher"))


@pytest.fixture(scope="module")
def fixture_results(lint: Linter) -> dict[str, list[Diagnostic]]:
    statements = [s for path in _fixture_files() for s in split_statements(path)]
    assert statements, f"no Cypher statements in {FIXTURES}"
    return lint(statements, FIXTURE_VOCABULARY)


@pytest.mark.parametrize("path", _fixture_files(), ids=lambda p: p.name)
def test_linter_self_test(path: Path, fixture_results: dict[str, list[Diagnostic]]) -> None:
    statements = split_statements(path)
    assert statements, f"{path.name} holds no statement"
    if path.name.startswith("bad_"):
        expected = _EXPECT.search(path.read_text(encoding="utf-8"))
        assert expected, f"{path.name} needs a `// expect: <category>` header line"
        found = [d for s in statements for d in fixture_results[s.id] if is_failure(d)]
        assert any(d["category"] == expected["category"] for d in found), (
            f"{path.name} should be flagged as {expected['category']}, got: "
            + ("; ".join(f"[{d['category']}] {d['message']}" for d in found) or "nothing")
        )
    else:
        reported = [describe(s, d) for s in statements for d in fixture_results[s.id]]
        assert not reported, f"{path.name} should lint clean:\n" + "\n".join(reported)


def test_fixture_set_is_complete() -> None:
    names = {path.name for path in _fixture_files()}
    assert "good.cypher" in names
    assert {
        "bad_falkordb_distance.cypher",
        "bad_falkordb_procedure.cypher",
        "bad_schema_property.cypher",
        "bad_syntax.cypher",
        "bad_unknown_label.cypher",
        "bad_unknown_property.cypher",
        "bad_unknown_relationship.cypher",
    } <= names
