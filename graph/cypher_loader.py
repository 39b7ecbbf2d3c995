"""Named Cypher statements kept in ``.cypher`` files, loaded by name for the active dialect.

``name.cypher`` is the common subset; ``name.neo4j.cypher`` / ``name.falkordb.cypher`` are dialect
variants where the engines differ (design.md §3). Leading ``//`` lines are the file's header.
Files are package data, found with ``importlib.resources`` so an installed package finds them too.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

from .backends.base import Dialect
from .errors import UnknownQuery


def _find(root: Traversable, name: str, dialect: Dialect) -> Traversable | None:
    node = root
    *folders, stem = name.split("/")
    for folder in folders:
        node = node / folder
    for candidate in (f"{stem}.{dialect}.cypher", f"{stem}.cypher"):
        path = node / candidate
        if path.is_file():
            return path
    return None


@cache
def load(package: str, name: str, dialect: Dialect) -> str:
    """The text of ``name`` (``folder/stem``) in ``package`` for ``dialect``, header included."""
    found = _find(resources.files(package), name, dialect)
    if found is None:
        raise UnknownQuery(f'no Cypher file "{name}" for {dialect} in {package}')
    return found.read_text(encoding="utf-8")


def statements(text: str) -> list[str]:
    """Split a multi-statement file (schema) on ``;`` at line ends, dropping comment lines."""
    body = executable(text)
    return [part.strip() for part in body.split(";\n") if part.strip().rstrip(";").strip()]


@cache
def graph_query(name: str, dialect: Dialect) -> str:
    """A statement owned by the graph layer (``graph/cypher/``), as it is sent: without its comment
    lines, which FalkorDB would otherwise read through on every run (a tenth of a short query's time)."""
    return executable(load("gongjian.graph.cypher", name, dialect))


def executable(text: str) -> str:
    """``text`` without the lines that are only a ``//`` comment (the header, notes between clauses)."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
