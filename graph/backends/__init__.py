"""Graph backends, one per file, picked by the scheme of ``GONGJIAN_GRAPH_URI`` (design.md §3).

Each backend reads its own settings; nothing outside ``graph/`` imports a database driver.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlparse

from gongjian.settings import Settings

from ..errors import UnsupportedURI
from .base import Backend


def _embedded(uri: str, settings: Settings) -> Backend:
    from .embedded import open_embedded

    return open_embedded(
        uri,
        graph_name=settings.graph_name,
        appendfsync=settings.appendfsync,
        start_timeout_s=settings.server_start_timeout_s,
        timeout_ms=settings.query_timeout_ms,
    )


def _neo4j(uri: str, settings: Settings) -> Backend:
    from .neo4j import open_neo4j

    return open_neo4j(
        uri,
        user=settings.neo4j_user,
        password=settings.neo4j_password,
        database=settings.neo4j_database,
        timeout_ms=settings.query_timeout_ms,
    )


def _falkordb(uri: str, settings: Settings) -> Backend:
    from .falkordb import open_external

    return open_external(uri, graph_name=settings.graph_name, timeout_ms=settings.query_timeout_ms)


REGISTRY: dict[str, Callable[[str, Settings], Backend]] = {
    "embedded": _embedded,
    "bolt": _neo4j,
    "bolt+s": _neo4j,
    "bolt+ssc": _neo4j,
    "neo4j": _neo4j,
    "neo4j+s": _neo4j,
    "neo4j+ssc": _neo4j,
    "falkordb": _falkordb,
}


def _redacted(uri: str) -> str:
    parsed = urlparse(uri)
    return uri.replace(f":{parsed.password}@", ":***@", 1) if parsed.password else uri


def open_backend(uri: str, settings: Settings) -> Backend:
    scheme = urlparse(uri).scheme
    try:
        factory = REGISTRY[scheme]
    except KeyError:
        raise UnsupportedURI(
            f'GONGJIAN_GRAPH_URI "{_redacted(uri)}" has the scheme "{scheme}", which no backend serves; '
            "use one of " + ", ".join(f"{s}://" for s in REGISTRY)
        ) from None
    return factory(uri, settings)
