"""FalkorDB backend: one named graph on a FalkorDB server, reached over a Unix socket or TCP.

Used by the embedded engine (a private server on a Unix socket) and for ``falkordb://host:port/graph``.

Transactions: FalkorDB runs each query atomically, but MULTI/EXEC does not roll back a block whose
second query fails. A transaction here therefore snapshots the graph (``GRAPH.COPY``) before its
first write and restores that snapshot when anything inside fails. The snapshot costs time in
proportion to the graph, so batched imports use one ``UNWIND`` statement per batch (atomic on its own)
and the closed loop writes each guarded transition as a single query. Writes of this process wait
while a transaction is open; with an external server, other clients' writes during a multi-write
transaction that then fails would be lost with the rollback, so keep multi-write transactions to the
embedded engine or to maintenance windows.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlparse

import orjson
import redis
from falkordb import FalkorDB
from falkordb.helpers import stringify_param_value

from ..errors import (
    DuplicateKey,
    GraphUnavailable,
    QueryError,
    QueryTimeout,
    ReadOnlyViolation,
    UnstorableValue,
)
from .base import Dialect, PlainList, PreparedWrite, Rows
from .falkordb_replies import plain_reply

_RO_REFUSAL = "is to be executed only on read-only queries"


class FalkorBackend:
    """A named FalkorDB graph."""

    dialect: Dialect = "falkordb"

    def __init__(
        self,
        client: FalkorDB,
        graph_name: str,
        *,
        kind: str,
        description: str,
        timeout_ms: int,
        on_close: Any = None,
    ) -> None:
        self.kind = kind
        self.description = description
        self.graph_name = graph_name
        self._client = client
        self._graph = client.select_graph(graph_name)
        # the query's own time limit, as the command's trailing arguments
        self._timeout = ("timeout", timeout_ms) if isinstance(timeout_ms, int) else ()
        self._write_lock = threading.RLock()
        self._on_close = on_close
        self._ensure_exists()

    def _ensure_exists(self) -> None:
        """Reads on a graph that was never written fail on FalkorDB ("empty key"); an empty graph
        answers them with no rows, as Neo4j does. A trivial query creates the graph key."""
        with self._write_lock:
            if not self._exists():
                self._graph.query("RETURN 1")

    # -- queries -------------------------------------------------------------------------------
    def read(self, query: str, params: dict[str, Any]) -> Rows:
        return self._run(query, params, read_only=True)

    def write(self, query: str, params: dict[str, Any]) -> Rows:
        with self._write_lock:
            return self._run(query, params, read_only=False)

    def prepare_write(self, query: str, params: dict[str, Any]) -> PreparedWrite:
        """The statement as the text FalkorDB receives (parameters in a ``CYPHER`` header)."""
        return PreparedWrite(query, encoded=params_header(params) + query)

    def send(self, prepared: PreparedWrite) -> Rows:
        if prepared.encoded is None:
            return self.write(prepared.query, prepared.params)
        with self._write_lock:
            return self._execute(prepared.encoded, prepared.query, read_only=False)

    def _run(self, query: str, params: dict[str, Any], *, read_only: bool) -> Rows:
        return self._execute(params_header(params) + query, query, read_only=read_only)

    def _execute(self, text: str, query: str, *, read_only: bool) -> Rows:
        command = "GRAPH.RO_QUERY" if read_only else "GRAPH.QUERY"
        try:
            response = self._graph.execute_command(
                command, self.graph_name, text, "--compact", *self._timeout
            )
            return plain_reply(response, self._graph)
        except redis.exceptions.ConnectionError as exc:
            raise GraphUnavailable(f"FalkorDB at {self.description} is not reachable: {exc}") from exc
        except redis.exceptions.ResponseError as exc:
            raise _query_error(exc, query) from exc

    # -- transactions --------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[_FalkorTransaction]:
        with self._write_lock:
            tx = _FalkorTransaction(self)
            try:
                yield tx
            except BaseException:
                tx.rollback()
                raise
            else:
                tx.commit()

    def _exists(self) -> bool:
        return bool(self._client.connection.exists(self.graph_name))

    def _copy_to(self, target: str) -> None:
        self._client.connection.execute_command("GRAPH.COPY", self.graph_name, target)

    def _restore_from(self, snapshot: str | None) -> None:
        connection = self._client.connection
        if self._exists():
            connection.execute_command("GRAPH.DELETE", self.graph_name)
        if snapshot is not None:
            connection.execute_command("GRAPH.COPY", snapshot, self.graph_name)
            connection.execute_command("GRAPH.DELETE", snapshot)
        self._ensure_exists()

    def _drop(self, name: str) -> None:
        if self._client.connection.exists(name):
            self._client.connection.execute_command("GRAPH.DELETE", name)

    # -- maintenance ---------------------------------------------------------------------------
    def ping(self) -> bool:
        try:
            return bool(self._client.connection.ping())
        except redis.exceptions.RedisError:
            return False

    def clear(self) -> None:
        """Delete the whole graph: data, indexes and constraints."""
        with self._write_lock:
            self._drop(self.graph_name)
            self._ensure_exists()

    def index_and_constraint_commands(self) -> Any:
        """The underlying FalkorDB graph, for schema commands that are not Cypher."""
        return self._graph

    def close(self) -> None:
        try:
            self._client.connection.close()
        finally:
            if self._on_close is not None:
                self._on_close()
                self._on_close = None


class _FalkorTransaction:
    """Writes run at once, so their rows come back; a snapshot taken before the first write restores
    the graph when the transaction fails. A transaction that only reads costs nothing."""

    def __init__(self, backend: FalkorBackend) -> None:
        self._backend = backend
        self._wrote = False
        self._snapshot: str | None = None

    def read(self, query: str, params: dict[str, Any]) -> Rows:
        return self._backend._run(query, params, read_only=True)

    def write(self, query: str, params: dict[str, Any]) -> Rows:
        if not self._wrote:
            self._snapshot = f"{self._backend.graph_name}__tx_{threading.get_ident()}_{id(self)}"
            self._backend._copy_to(self._snapshot)
        self._wrote = True
        return self._backend._run(query, params, read_only=False)

    def rollback(self) -> None:
        if self._wrote:
            self._backend._restore_from(self._snapshot)
            self._snapshot = None

    def commit(self) -> None:
        if self._snapshot is not None:
            self._backend._drop(self._snapshot)
            self._snapshot = None


def params_header(params: dict[str, Any] | None) -> str:
    """The ``CYPHER name=value …`` prefix that carries the parameters of one query.

    Means the same to FalkorDB as the client's own header (``Graph._build_params_header``) but is
    built by a compiled JSON encoder, which matters for batches of thousands of rows. See
    :func:`param_literal`.
    """
    if not params:
        return ""
    parts = []
    for key, value in params.items():
        if not key or "`" in key:
            raise ValueError(f"a Cypher parameter name cannot be empty or hold a backtick: {key!r}")
        parts.append(f"`{key}`={param_literal(value)} ")
    return "CYPHER " + "".join(parts)


# dates and dataclasses are types the standard library's JSON refuses: the client writes them
_AS_JSON_KNOWS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


def param_literal(value: Any) -> str:
    r"""One parameter as a Cypher literal, read by FalkorDB exactly as the client's own would be.

    JSON (written by orjson, several times faster than the standard library on import batches) is
    a Cypher literal except for map keys, which FalkorDB wants bare or backticked: each ``"key":``
    becomes `` `key`: `` as the client writes it (``"key":`` can only be a key: inside a JSON string
    a quote is always escaped). FalkorDB's lexer unescapes ``\\ \" \n \r \t \b \f`` like JSON, but
    not ``\uXXXX``, which JSON uses for other control characters. Anything unusual (such a character,
    a NaN or infinity, which orjson would quietly write as null, a type JSON does not know such as
    bytes, a key that is not plain text) goes through the client's stringifier, so the server always
    reads what the client would have sent.
    """
    keys: set[Any] = set()
    if type(value) is PlainList:
        data = orjson.dumps(value)  # vouched for: nothing to inspect but control characters
        return _client_literal(value) if b"\\u" in data else data.decode()
    if not _plain(value, keys):
        return _client_literal(value)
    try:
        data = orjson.dumps(value, option=_AS_JSON_KNOWS)
    except TypeError:  # orjson.JSONEncodeError: bytes, integers beyond 64 bits, lone surrogates
        return _client_literal(value)
    if b"\\u" in data:
        return _client_literal(value)
    if b'":' in data:  # replaced in UTF-8 bytes: fewer bytes to pass over than the decoded text
        for key in keys:
            encoded = key.encode()
            data = data.replace(b'"%s":' % encoded, b"`%s`:" % encoded)
        if b'":' in data:
            return _client_literal(value)
    return data.decode()


def _client_literal(value: Any) -> str:
    if _holds_nul(value):
        raise UnstorableValue(
            "文本中含有空字符 (U+0000)，无法保存或查询 / text holding the NUL character (U+0000) can be "
            "neither stored nor searched: remove it and send the text again"
        )
    return stringify_param_value(value)


def _plain(value: Any, keys: set[Any]) -> bool:
    """Collect every map key into ``keys``; False if a number is not finite or a key is not plain."""
    # Only containers go on the stack: an import batch holds millions of scalars and thousands of rows.
    stack = [[value]]
    isfinite = math.isfinite
    while stack:
        for item in stack.pop():
            kind = type(item)
            if kind is str or kind is int or kind is bool or item is None:
                continue
            if kind is float:
                if not isfinite(item):
                    return False
            elif kind is dict:
                keys.update(item)
                stack.append(item.values())  # type: ignore[arg-type]
            elif kind is list or kind is tuple:
                stack.append(item)
            elif isinstance(item, float) and not isfinite(item):
                return False
    # Each key's ``"key":`` must match nowhere but at that key. A key holding a quote or backslash is
    # escaped in JSON, so another key's text could match inside it; one starting with what follows a
    # closing quote (``, : } ]``) could match from the end of another string. An empty key the client
    # refuses; a backtick it cannot write.
    return all(
        type(key) is str
        and key
        and key[0] not in ",:}]"
        and '"' not in key
        and "\\" not in key
        and "`" not in key
        for key in keys
    )


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_holds_nul(item) for item in value)
    return False


def _query_error(exc: redis.exceptions.ResponseError, query: str) -> QueryError:
    message = str(exc)
    first_line = query.strip().splitlines()[0] if query.strip() else ""
    if _RO_REFUSAL in message:
        return ReadOnlyViolation(
            "read() only runs read-only queries, and this one writes "
            f"({first_line[:80]}…): send it through write() or a transaction"
        )
    if "unique constraint violation" in message:
        return DuplicateKey(f"FalkorDB refused the write: {message} (query starts: {first_line[:80]})")
    if "timed out" in message.lower() or "timeout" in message.lower():
        return QueryTimeout(f"query timed out ({message}); narrow it or raise GONGJIAN_QUERY_TIMEOUT_MS")
    return QueryError(f"FalkorDB rejected the query: {message} (query starts: {first_line[:80]})")


def open_external(uri: str, *, graph_name: str, timeout_ms: int) -> FalkorBackend:
    """``falkordb://[user:password@]host:port/graph`` — an external FalkorDB server."""
    parsed = urlparse(uri)
    name = parsed.path.strip("/") or graph_name
    client = FalkorDB(
        host=parsed.hostname or "localhost",
        port=parsed.port or 6379,
        username=parsed.username,
        password=parsed.password,
    )
    description = f"falkordb://{parsed.hostname}:{parsed.port or 6379}/{name}"
    backend = FalkorBackend(client, name, kind="falkordb", description=description, timeout_ms=timeout_ms)
    if not backend.ping():
        raise GraphUnavailable(
            f"no FalkorDB server answers at {description}: start it or fix GONGJIAN_GRAPH_URI"
        )
    return backend
