"""Errors of the graph layer. Each message names the thing, the value and the fix."""

from __future__ import annotations


class GraphError(Exception):
    """Base class of every error raised by the graph layer."""


class GraphUnavailable(GraphError):
    """The backend cannot be reached or did not start."""


class UnsupportedURI(GraphError):
    """``GONGJIAN_GRAPH_URI`` names a scheme no backend serves."""


class DataFolderInUse(GraphUnavailable):
    """Another live process already serves the embedded data folder."""


class ServerStartError(GraphUnavailable):
    """The embedded server failed to start; the message carries the tail of its log."""


class QueryError(GraphError):
    """The engine rejected a query (syntax, constraint, type or run-time error)."""


class ReadOnlyViolation(QueryError):
    """A statement that writes was sent through a read-only entry point."""


class DuplicateKey(QueryError):
    """A write would give a second node the same unique key (a unique constraint refused it); the
    statement wrote nothing."""


class QueryTimeout(QueryError):
    """A query ran longer than ``GONGJIAN_QUERY_TIMEOUT_MS``."""


class UnknownQuery(GraphError):
    """No ``.cypher`` file of that name exists for the active dialect."""


class UnstorableValue(GraphError):
    """A value the engine cannot hold, such as text with the NUL character (FalkorDB reads query text
    up to the first NUL). The message is meant for the person who sent the value."""
