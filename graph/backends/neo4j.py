"""Neo4j backend over Bolt: the official driver, routed reads and writes, transient errors retried.

``bolt://host:7687``, ``neo4j://host:7687`` (routing, for clusters) or ``neo4j+s://…``; a path names
the database (``neo4j://host:7687/gongjian``), else ``GONGJIAN_NEO4J_DATABASE``, else the server's
default. Credentials come from the URI's user info or the ``GONGJIAN_NEO4J_*`` settings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlparse, urlunparse

import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import ClientError, Neo4jError, ServiceUnavailable

from ..errors import DuplicateKey, GraphUnavailable, QueryError, QueryTimeout, ReadOnlyViolation
from ..values import plain
from .base import Dialect, Rows

_ACCESS_MODE_CODES = ("Neo.ClientError.Statement.AccessMode", "Neo.ClientError.Request.Invalid")


def _rows(result: neo4j.Result) -> Rows:
    return [{key: plain(value) for key, value in record.items()} for record in result]


class Neo4jBackend:
    kind = "neo4j"
    dialect: Dialect = "neo4j"

    def __init__(self, driver: neo4j.Driver, *, database: str | None, description: str, timeout_ms: int):
        self._driver = driver
        self._database = database or None
        self.description = description
        self._timeout_s = timeout_ms / 1000

    def _session(self, mode: str) -> neo4j.Session:
        return self._driver.session(database=self._database, default_access_mode=mode)

    def _work(self, query: str, params: dict[str, Any]) -> Callable[[neo4j.ManagedTransaction], Rows]:
        @neo4j.unit_of_work(timeout=self._timeout_s)
        def work(tx: neo4j.ManagedTransaction) -> Rows:
            return _rows(tx.run(query, params))

        return work

    def read(self, query: str, params: dict[str, Any]) -> Rows:
        with _translated(query), self._session(neo4j.READ_ACCESS) as session:
            return session.execute_read(self._work(query, params))

    def write(self, query: str, params: dict[str, Any]) -> Rows:
        with _translated(query), self._session(neo4j.WRITE_ACCESS) as session:
            return session.execute_write(self._work(query, params))

    def write_unit(self, steps: Sequence[tuple[str, dict[str, Any]]]) -> Rows:
        """Several statements in one write transaction, retried as a whole on transient errors."""

        @neo4j.unit_of_work(timeout=self._timeout_s)
        def work(tx: neo4j.ManagedTransaction) -> Rows:
            rows: Rows = []
            for query, params in steps:
                rows = _rows(tx.run(query, params))
            return rows

        with _translated(steps[-1][0]), self._session(neo4j.WRITE_ACCESS) as session:
            return session.execute_write(work)

    @contextmanager
    def transaction(self) -> Iterator[_Neo4jTransaction]:
        with _translated(""), self._session(neo4j.WRITE_ACCESS) as session:
            tx = session.begin_transaction(timeout=self._timeout_s)
            try:
                yield _Neo4jTransaction(tx)
            except BaseException:
                tx.rollback()
                raise
            else:
                tx.commit()

    def ping(self) -> bool:
        try:
            self._driver.verify_connectivity()
        except (Neo4jError, ServiceUnavailable, OSError):
            return False
        return True

    def clear(self) -> None:
        """Delete every node and relationship in batches (constraints and indexes stay)."""
        while self.write("MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS deleted", {})[0][
            "deleted"
        ]:
            pass

    def close(self) -> None:
        self._driver.close()


class _Neo4jTransaction:
    def __init__(self, tx: neo4j.Transaction) -> None:
        self._tx = tx

    def read(self, query: str, params: dict[str, Any]) -> Rows:
        with _translated(query):
            return _rows(self._tx.run(query, params))

    def write(self, query: str, params: dict[str, Any]) -> Rows:
        with _translated(query):
            return _rows(self._tx.run(query, params))


@contextmanager
def _translated(query: str) -> Iterator[None]:
    first_line = query.strip().splitlines()[0][:80] if query.strip() else ""
    try:
        yield
    except ServiceUnavailable as exc:
        raise GraphUnavailable(f"Neo4j is not reachable: {exc}") from exc
    except ClientError as exc:
        if exc.code in _ACCESS_MODE_CODES and "write" in (exc.message or "").lower():
            raise ReadOnlyViolation(
                f"read() only runs read-only queries, and this one writes ({first_line}…): "
                "send it through write() or a transaction"
            ) from exc
        if exc.code == "Neo.ClientError.Schema.ConstraintValidationFailed":
            raise DuplicateKey(
                f"Neo4j refused the write: {exc.message} (query starts: {first_line})"
            ) from exc
        if exc.code and "TransactionTimedOut" in exc.code:
            raise QueryTimeout(f"query timed out: {exc.message}; raise GONGJIAN_QUERY_TIMEOUT_MS") from exc
        raise QueryError(f"Neo4j rejected the query: {exc.message} (query starts: {first_line})") from exc
    except Neo4jError as exc:
        raise QueryError(f"Neo4j failed: {exc.message} (query starts: {first_line})") from exc


def open_neo4j(uri: str, *, user: str, password: str, database: str, timeout_ms: int) -> Neo4jBackend:
    parsed = urlparse(uri)
    database = parsed.path.strip("/") or database
    user = parsed.username or user
    password = parsed.password or password
    netloc = parsed.hostname or "localhost"
    if parsed.port:
        netloc += f":{parsed.port}"
    bare_uri = urlunparse((parsed.scheme, netloc, "", "", parsed.query, ""))
    auth = (user, password) if password else None
    driver = GraphDatabase.driver(bare_uri, auth=auth)
    description = f"{bare_uri} (database {database or 'default'})"
    backend = Neo4jBackend(driver, database=database, description=description, timeout_ms=timeout_ms)
    if not backend.ping():
        driver.close()
        raise GraphUnavailable(
            f"no Neo4j answers at {description}: start it (docker compose up) or fix GONGJIAN_GRAPH_URI "
            "and the GONGJIAN_NEO4J_USER / GONGJIAN_NEO4J_PASSWORD settings"
        )
    return backend
