"""What every graph backend provides to the :class:`~gongjian.graph.facade.Graph` facade."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

Dialect = Literal["falkordb", "neo4j"]
Rows = list[dict[str, Any]]


class PlainList(list[Any]):
    """A parameter list that holds only text, integers, booleans, nulls, finite floats and lists of them
    (no maps). Whoever builds one vouches for that, as the importers do for rows made of validated
    values: FalkorDB's parameter text is then written without first inspecting every item."""


@dataclass(frozen=True)
class PreparedWrite:
    """A write statement whose parameters a backend may already have encoded (``encoded``), so that
    encoding can happen in one thread while another waits on the database."""

    query: str
    params: dict[str, Any] = field(default_factory=dict)
    encoded: str | None = None


class Transaction(Protocol):
    """Several statements that commit together, or not at all."""

    def read(self, query: str, params: dict[str, Any]) -> Rows: ...

    def write(self, query: str, params: dict[str, Any]) -> Rows: ...


class Backend(Protocol):
    kind: str
    dialect: Dialect
    description: str

    def read(self, query: str, params: dict[str, Any]) -> Rows: ...

    def write(self, query: str, params: dict[str, Any]) -> Rows: ...

    def transaction(self) -> AbstractContextManager[Transaction]: ...

    def ping(self) -> bool: ...

    def clear(self) -> None: ...

    def close(self) -> None: ...
