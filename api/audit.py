"""Auditing the API (issue 7, docs/security.md "Audit"): every mutation and every personal value shown
unmasked is recorded as an audit ``Event`` — who, what, when and from where (graph/audit.py).

- :class:`AuditLog` (``info.context.audit``) collects what one request did: personal fields shown
  unmasked (:meth:`AuditLog.reveal`, called by :func:`gongjian.api.masking.personal`) and root mutation
  fields with the ids they acted on and their outcome (:meth:`AuditLog.mutation`).
- :class:`AuditTrail`, a schema extension, records each root mutation field as it resolves and, once the
  operation (or each result of a subscription) is complete and before the answer leaves, writes the
  request's audit events in one statement, off the event loop. A request that changed nothing and showed
  nothing unmasked writes nothing.
- When the write fails, the record (ids and names only) is logged at ERROR under an error id. An answer
  holding unmasked personal data is then withheld — no audit, no access — while a mutation's answer is
  kept: its change is committed and the log holds its record.

Only ids, field names and operation names are kept, never values or variables: an id given in an input
is kept only when it looks like an id (:func:`gongjian.graph.audit.as_subject`), as a phone number may be
typed into any field. On a websocket, operations share the connection's context: what one reveals is
recorded with whichever of them completes next.
"""

from __future__ import annotations

import inspect
import json
import logging
import uuid
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLResolveInfo,
    InlineFragmentNode,
    OperationType,
    SelectionSetNode,
)
from graphql.execution.values import VariableValues, get_argument_values, get_variable_values
from graphql.utilities import get_operation_ast
from starlette.concurrency import run_in_threadpool
from strawberry.extensions import SchemaExtension

from gongjian.graph import audit
from gongjian.graph.loop.clock import iso
from gongjian.graph.model import Label

from .errors import UserError, UserFacingError
from .internal_errors import trace

if TYPE_CHECKING:
    from .context import Context

log = logging.getLogger("gongjian.api.audit")

AUDIT_UNAVAILABLE = "AUDIT_UNAVAILABLE"


@dataclass(frozen=True)
class MutationRecord:
    key: str  # the response key (the alias, or the field's name)
    field: str
    subjects: tuple[str, ...]
    outcome: str


class AuditLog:
    """What one request (or one websocket connection) did that must be audited, until it is written."""

    def __init__(self) -> None:
        self._revealed: dict[str, set[str]] = {}  # node id → {"Member.phone", …}
        self._mutations: dict[str, MutationRecord] = {}

    def reveal(self, label: Label | str, node_id: str, field: str) -> None:
        """``field`` of the ``label`` node ``node_id`` was shown unmasked."""
        self._revealed.setdefault(str(node_id), set()).add(f"{label}.{field}")

    def mutation(self, key: str, field: str, subjects: Iterable[object], outcome: str) -> None:
        self._mutations[key] = MutationRecord(key, field, audit.subjects_of(subjects), outcome)

    def has_mutation(self, key: str) -> bool:
        return key in self._mutations

    def __bool__(self) -> bool:
        return bool(self._revealed or self._mutations)

    def drain(self, context: Context, operation: str) -> list[audit.AuditEvent]:
        """The audit events of what was collected (one per mutation, one for all personal data shown),
        and an empty log."""
        caller = context.caller
        common: dict[str, Any] = {
            "actor": caller.id,
            "at": iso(context.clock()),
            "caller_roles": tuple(sorted(caller.roles)),
            "origin": context.origin,
        }
        events = [
            audit.AuditEvent(
                action=audit.MUTATION, operation=m.field, subjects=m.subjects, outcome=m.outcome, **common
            )
            for m in self._mutations.values()
        ]
        if self._revealed:
            fields = sorted(set().union(*self._revealed.values()))
            events.append(
                audit.AuditEvent(
                    action=audit.PERSONAL,
                    operation=operation,
                    subjects=tuple(sorted(self._revealed)),
                    fields=tuple(fields),
                    **common,
                )
            )
        self._revealed, self._mutations = {}, {}
        return events


# ------------------------------------------------------------------------------------ what a mutation did
_NOT_SUBJECTS = frozenset({"client_mutation_id", "clientMutationId"})


def _id_values(name: str, value: object) -> list[object]:
    """The ids held by an attribute named like an id (``id``, ``demand_id``/``demandId``, ``…_ids``)."""
    if name in _NOT_SUBJECTS:
        return []
    if name.endswith(("_ids", "Ids")) and isinstance(value, list | tuple):
        return list(value)
    if name == "id" or name.endswith(("_id", "Id")):
        return [value]
    return []


def _attributes(obj: object) -> Iterable[tuple[str, object]]:
    if isinstance(obj, dict):
        return obj.items()
    return getattr(obj, "__dict__", {}).items()


def _is_node(value: object) -> bool:
    return hasattr(type(value), "__strawberry_definition__")


def input_ids(arguments: dict[str, Any]) -> list[object]:
    """The ids a mutation's arguments name: its ``input``'s ``demandId``, ``unitId``, ``participantIds`` …"""
    found: list[object] = []
    for name, value in arguments.items():
        if _is_node(value) or isinstance(value, dict):
            found += [v for k, held in _attributes(value) for v in _id_values(k, held)]
        else:
            found += _id_values(name, value)
    return found


def result_ids(result: object) -> list[object]:
    """The ids a mutation's answer names: the demand, project, event or resource it made or changed, or
    the one a refusal is about (``demandId`` of an ``IllegalTransitionError`` …)."""
    found: list[object] = []
    for name, value in _attributes(result):
        found += _id_values(name, value)
        if _is_node(value):
            found.append(getattr(value, "id", None))
    return found


def outcome_of(result: object) -> str:
    """``ok``, or ``refused:<type>`` for an expected refusal (a ``UserFacingError`` result type)."""
    if isinstance(result, UserFacingError):
        definition = getattr(type(result), "__strawberry_definition__", None)
        return f"refused:{definition.name if definition else type(result).__name__}"
    return audit.OK


def failure_of(exc: BaseException) -> str:
    """A raised refusal (``UserError``, a GraphQL error, a permission error) or an unexpected error."""
    if isinstance(exc, GraphQLError):
        if exc.original_error is not None and not isinstance(exc.original_error, GraphQLError):
            return failure_of(exc.original_error)
        code = (exc.extensions or {}).get("code")
        return f"refused:{code if isinstance(code, str) and code.isidentifier() else type(exc).__name__}"
    if isinstance(exc, UserError | PermissionError):
        return f"refused:{type(exc).__name__}"
    return f"error:{type(exc).__name__}"


# ------------------------------------------------------------------------------------ the operation
def _root_fields(selection_set: SelectionSetNode, fragments: dict[str, Any]) -> Iterator[FieldNode]:
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            yield selection
        elif isinstance(selection, InlineFragmentNode):
            yield from _root_fields(selection.selection_set, fragments)
        elif isinstance(selection, FragmentSpreadNode) and selection.name.value in fragments:
            yield from _root_fields(fragments[selection.name.value].selection_set, fragments)


def _withhold(result: Any, error_id: str) -> None:
    result.data = None
    result.errors = [
        GraphQLError(
            "个人信息的访问未能记入审计日志，答复已扣留 / the answer holds personal data whose access "
            "could not be recorded in the audit trail, so it is withheld. Any change the request made was "
            "kept: ask again (with the same clientMutationId, a change is not repeated), or without "
            f"personal fields (error id {error_id})",
            extensions={"code": AUDIT_UNAVAILABLE, "errorId": error_id},
        )
    ]


class AuditTrail(SchemaExtension):
    """Records mutations as they resolve and writes the request's audit events when it is complete.

    Keep it last among the schema's extensions: its ``resolve`` is then the outermost middleware and sees
    every root mutation field, whatever refuses it further in.
    """

    def resolve(
        self, _next: Callable[..., Any], root: Any, info: GraphQLResolveInfo, *args: Any, **kwargs: Any
    ) -> Any:
        if (
            info.path.prev is not None
            or info.operation.operation is not OperationType.MUTATION
            or not isinstance(getattr(info.context, "audit", None), AuditLog)
        ):
            return _next(root, info, *args, **kwargs)
        return self._mutation(_next, root, info, *args, **kwargs)

    async def _mutation(
        self, _next: Callable[..., Any], root: Any, info: GraphQLResolveInfo, *args: Any, **kwargs: Any
    ) -> Any:
        trail: AuditLog = info.context.audit
        key, given = str(info.path.key), input_ids(kwargs)
        try:
            result = _next(root, info, *args, **kwargs)
            if inspect.isawaitable(result):
                result = await result
        except Exception as exc:
            trail.mutation(key, info.field_name, given, failure_of(exc))
            raise
        trail.mutation(key, info.field_name, given + result_ids(result), outcome_of(result))
        return result

    async def on_operation(self) -> AsyncIterator[None]:
        yield
        await self._write(self.execution_context.result)

    async def on_stream_result(self, result: Any) -> AsyncIterator[None]:
        # Subscriptions: each result is audited before it is sent (queries and mutations sent over a
        # stream too; on_operation then finds nothing left to write).
        await self._write(result)
        yield

    async def _write(self, result: Any) -> None:
        context = self.execution_context.context
        trail = getattr(context, "audit", None)
        if not isinstance(trail, AuditLog):
            return
        self._unreached_mutations(trail, result)
        if not trail:
            return
        events = trail.drain(context, ",".join(dict.fromkeys(self._operation_fields())) or "(none)")
        try:
            await run_in_threadpool(audit.record, context.graph, events)
        except Exception as exc:
            error_id = uuid.uuid4().hex[:16]
            rows = json.dumps([e.row() for e in events], ensure_ascii=False)
            log.error("audit not written, error id %s, record %s:\n%s", error_id, rows, trace(exc))
            if result is not None and any(e.action == audit.PERSONAL for e in events):
                _withhold(result, error_id)

    def _operation(self) -> tuple[Any, dict[str, Any]]:
        ec = self.execution_context
        if ec.graphql_document is None:
            return None, {}
        operation = get_operation_ast(ec.graphql_document, ec.operation_name)
        definitions = ec.graphql_document.definitions
        fragments = {d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)}
        return operation, fragments

    def _operation_fields(self) -> Iterator[str]:
        operation, fragments = self._operation()
        if operation is not None:
            for node in _root_fields(operation.selection_set, fragments):
                if not node.name.value.startswith("__"):
                    yield node.name.value

    def _unreached_mutations(self, trail: AuditLog, result: Any) -> None:
        """Root mutation fields refused before :meth:`resolve` saw them (by a layer further out): recorded
        from their error, with the ids of their arguments."""
        errors = [e for e in getattr(result, "errors", None) or () if e.path and len(e.path) == 1]
        operation, fragments = self._operation()
        if not errors or operation is None or operation.operation is not OperationType.MUTATION:
            return
        nodes = {(n.alias or n.name).value: n for n in _root_fields(operation.selection_set, fragments)}
        schema = getattr(self.execution_context.schema, "_schema", None)
        mutation_type = schema.mutation_type if schema is not None else None
        for error in errors:
            key = str(error.path[0])
            node = nodes.get(key)
            if trail.has_mutation(key) or node is None:
                continue
            definition = mutation_type.fields.get(node.name.value) if mutation_type else None
            ids = self._argument_ids(schema, operation, definition, node)
            trail.mutation(key, node.name.value, ids, failure_of(error))

    def _argument_ids(self, schema: Any, operation: Any, definition: Any, node: FieldNode) -> list[object]:
        if schema is None or definition is None:
            return []
        try:
            variables = get_variable_values(
                schema, operation.variable_definitions or (), self.execution_context.variables or {}
            )
            if not isinstance(variables, VariableValues):
                return []  # variables the caller got wrong: the refusal is recorded without ids
            return input_ids(get_argument_values(definition, node, variables))
        except Exception:  # a record without ids is better than none
            return []
