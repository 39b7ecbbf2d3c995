"""Unexpected errors: masked for the caller, logged for the operators under an error id.

The caller gets "Unexpected error." and an ``errorId`` in the error's ``extensions``; the log gets the same
id, the operation name, the exception types and their stack frames. Exception messages and variables
stay out of the log: either can carry personal data (a phone number in a variable, a name in a
message). A graph query that ran past ``GONGJIAN_QUERY_TIMEOUT_MS`` is the caller's to fix, so it is
answered with a clear message (and an id too).

Strawberry logs every error with its message and traceback by default (``Schema.process_errors``);
:class:`Schema` leaves that to this module.
"""

from __future__ import annotations

import logging
import traceback
import uuid
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors
from strawberry.types import ExecutionContext

from gongjian.graph.errors import QueryTimeout
from gongjian.settings import Settings

from .errors import should_mask

log = logging.getLogger("gongjian.api")


class Schema(strawberry.Schema):
    """The strawberry schema without strawberry's own error log (see the module's docstring)."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        return None


def causes(error: BaseException | None) -> list[BaseException]:
    """The exception and what caused it, outermost first."""
    chain: list[BaseException] = []
    while error is not None and all(error is not seen for seen in chain):
        chain.append(error)
        error = error.__cause__ or error.__context__
    return chain


def trace(error: BaseException | None) -> str:
    """Types and stack frames of an exception chain, without the messages."""
    parts = []
    for exc in causes(error):
        kind = type(exc)
        frames = "".join(traceback.format_tb(exc.__traceback__))
        parts.append(f"{kind.__module__}.{kind.__qualname__}\n{frames}")
    return "caused by ".join(parts) or "(no exception)"


def _should_mask(error: GraphQLError) -> bool:
    # graphql-core wraps its own refusals of the caller's input (a variable that is not an Int …) in
    # another GraphQLError: those are the caller's to fix, not internal errors.
    return should_mask(error) and not isinstance(error.original_error, GraphQLError)


class MaskInternalErrors(MaskErrors):
    """``MaskErrors`` whose masked errors carry an error id that is also in the log."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(should_mask_error=_should_mask)
        self.timeout_ms = settings.query_timeout_ms

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        error_id = uuid.uuid4().hex[:16]
        operation = self._operation_name()
        chain = causes(error.original_error)
        if any(isinstance(exc, QueryTimeout) for exc in chain):
            log.warning("query timeout, error id %s, operation %s", error_id, operation)
            message = (
                f"The query ran longer than {self.timeout_ms} ms and was stopped: ask for less (a smaller "
                f"first/limit, fewer nested lists, a narrower filter) / 查询超时，请缩小查询范围 "
                f"(error id {error_id})"
            )
            extensions: dict[str, Any] = {"code": "QUERY_TIMEOUT", "errorId": error_id}
        else:
            log.error(
                "internal error, error id %s, operation %s:\n%s",
                error_id,
                operation,
                trace(error.original_error),
            )
            message = self.error_message  # "Unexpected error."; the id is in the extensions
            extensions = {"code": "INTERNAL_SERVER_ERROR", "errorId": error_id}
        return GraphQLError(
            message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions=extensions,
        )

    def _operation_name(self) -> str:
        try:
            name = self.execution_context.operation_name
        except (AttributeError, RuntimeError):
            name = None
        return repr(name[:100]) if name else "(anonymous)"
