"""The ``Graph`` facade: the one way the rest of Gongjian talks to a graph database.

    with Graph.open() as graph:                      # GONGJIAN_GRAPH_URI picks the backend
        graph.write("MERGE (a:Area {id: $id})", id="area-1")
        rows = graph.read("MATCH (a:Area) RETURN a.id AS id")
        with graph.transaction() as tx:              # commit together, or not at all
            tx.write(...)
            tx.write(...)

``read`` goes through read-only entry points (FalkorDB ``GRAPH.RO_QUERY``, Neo4j read transactions),
so a write sent through it fails with :class:`ReadOnlyViolation`. Every value arrives as a parameter;
rows come back as plain dicts whatever the backend.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import Any

from gongjian.settings import Settings, get_settings

from . import cypher_loader
from .backends import open_backend
from .backends.base import Backend, Dialect, PreparedWrite, Rows, Transaction


class GraphTransaction:
    """Statements inside ``with graph.transaction() as tx`` commit together or not at all."""

    def __init__(self, inner: Transaction) -> None:
        self._inner = inner

    def read(self, query: str, /, **params: Any) -> Rows:
        return self._inner.read(query, params)

    def write(self, query: str, /, **params: Any) -> Rows:
        return self._inner.write(query, params)


class Graph:
    def __init__(self, backend: Backend) -> None:
        self._backend = backend

    @classmethod
    def open(cls, uri: str | None = None, settings: Settings | None = None) -> Graph:
        """Open the graph named by ``uri``, else by ``GONGJIAN_GRAPH_URI`` (embedded by default)."""
        settings = settings or get_settings()
        return cls(open_backend(uri or settings.resolved_graph_uri(), settings))

    # -- identity ------------------------------------------------------------------------------
    @property
    def kind(self) -> str:
        """``embedded``, ``falkordb`` or ``neo4j``."""
        return self._backend.kind

    @property
    def dialect(self) -> Dialect:
        return self._backend.dialect

    @property
    def description(self) -> str:
        """Where the data lives, without credentials."""
        return self._backend.description

    @property
    def backend(self) -> Backend:
        return self._backend

    # -- queries -------------------------------------------------------------------------------
    def read(self, query: str, /, **params: Any) -> Rows:
        return self._backend.read(query, params)

    def write(self, query: str, /, **params: Any) -> Rows:
        return self._backend.write(query, params)

    def prepare_write(self, query: str, /, **params: Any) -> PreparedWrite:
        """A write to run later with :meth:`send`, its parameters encoded now where the backend
        allows: a producer encodes its next batch while the database still runs the previous one."""
        prepare = getattr(self._backend, "prepare_write", None)
        return prepare(query, params) if prepare is not None else PreparedWrite(query, params)

    def send(self, prepared: PreparedWrite) -> Rows:
        """Run a write made by :meth:`prepare_write`."""
        send = getattr(self._backend, "send", None)
        return send(prepared) if send is not None else self.write(prepared.query, **prepared.params)

    def write_unit(self, steps: Sequence[tuple[str, dict[str, Any]]]) -> Rows:
        """Statements that commit together; the last one's rows. On Neo4j one write unit of work (retried
        on transient errors such as deadlocks); on FalkorDB one statement is atomic by itself, several
        run in :meth:`transaction`."""
        if len(steps) == 1:
            return self.write(steps[0][0], **steps[0][1])
        write_unit = getattr(self._backend, "write_unit", None)
        if write_unit is not None:
            return write_unit(steps)
        rows: Rows = []
        with self.transaction() as tx:
            for query, params in steps:
                rows = tx.write(query, **params)
        return rows

    @contextmanager
    def transaction(self) -> Iterator[GraphTransaction]:
        with self._backend.transaction() as inner:
            yield GraphTransaction(inner)

    def named(self, name: str) -> str:
        """The text of a graph-layer statement (``graph/cypher/NAME[.dialect].cypher``)."""
        return cypher_loader.graph_query(name, self.dialect)

    # -- maintenance ---------------------------------------------------------------------------
    def ping(self) -> bool:
        return self._backend.ping()

    def clear(self) -> None:
        """Delete all data. For tests and ``demo load --replace``; never called implicitly."""
        self._backend.clear()

    def close(self) -> None:
        self._backend.close()

    def __enter__(self) -> Graph:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
