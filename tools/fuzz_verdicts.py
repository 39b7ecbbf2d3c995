"""What one GraphQL answer says about the API, for the fuzzing harness (tools/fuzz_graphql.py).

Every answer gets one :class:`Verdict` per problem it shows (none when it is plain data):

- ``server-error`` — HTTP 5xx. Fails the run.
- ``invalid-response`` — a body that is not a GraphQL JSON object (``data`` and/or ``errors``, each error an
  object with a ``message``). Fails the run.
- ``internal`` — an error masked by ``MaskInternalErrors`` ("Unexpected error." with an ``errorId``): a
  resolver raised something we did not mean to show. Fails the run; the server log has its trace.
- ``refusal`` — a documented refusal (design.md §8): the GraphQL limits of api/limits.py (cost, page size,
  depth, aliases, tokens, introspection), the argument errors of api/errors.py ``UserError``, whose
  message starts with the argument's name (``first: 500 is out of range …``), and the permission
  errors of api/permissions.py (code ``FORBIDDEN``). Expected.
- ``invalid-input`` — graphql-core refusing a document that schemathesis made invalid on purpose
  (negative mode): expected.
- ``http-refusal`` — a 4xx from the HTTP layer (401, 413, 429 …). Listed, not failed.
- ``unexpected`` — any other ``errors`` entry (including a query timeout, or a validation error on a
  document that should have been valid): listed for triage, fails only with ``--strict``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import graphql

FAILING = frozenset({"server-error", "invalid-response", "internal"})
EXPECTED = frozenset({"refusal", "invalid-input"})

# Refusals of api/limits.py and of the strawberry / graphql-core rules it installs, by message.
_LIMIT_MESSAGES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("limit: depth", re.compile(r"exceeds maximum operation depth of \d+")),
    ("limit: aliases", re.compile(r"^\d+ aliases found\. Allowed: \d+$")),
    ("limit: tokens", re.compile(r"^Syntax Error: Document contains more than \d+ tokens")),
    ("limit: introspection depth", re.compile(r"^Maximum introspection depth exceeded$")),
    ("limit: introspection off", re.compile(r"^GraphQL introspection has been disabled")),
    ("limit: nesting", re.compile(r"^The document nests too deeply to be analysed")),
    # graph/errors.py UnstorableValue: FalkorDB cannot hold text with NUL, refused by name
    ("argument: text with NUL", re.compile(r"text holding the NUL character \(U\+0000\)")),
)
_REFUSAL_CODES = {
    "COST_LIMIT": "limit: cost",
    "PAGE_SIZE": "limit: page size",
    "FORBIDDEN": "permission denied",  # api/permissions.py PermissionDenied: role or scope
}
_ARGUMENT_PREFIX = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*): ")


@dataclass(frozen=True)
class Verdict:
    kind: str
    label: str  # groups alike verdicts: "limit: cost", "argument: first", a message template …
    message: str
    error_id: str | None = None

    @property
    def fails(self) -> bool:
        return self.kind in FAILING


def template(message: str) -> str:
    """A message with its values blanked, so that alike errors group together."""
    message = re.sub(r'"[^"]*"', '"…"', message)
    message = re.sub(r"'[^']*'", "'…'", message)
    message = re.sub(r"\b[0-9a-f]{16}\b", "<id>", message)
    return re.sub(r"\d+", "N", message)[:200]


def argument_names(document: str) -> frozenset[str]:
    """Names of the arguments a document passes anywhere, and of the input object fields inside them
    (``filter: {area: …}`` gives ``filter`` and ``area``); empty when it does not parse."""
    try:
        ast = graphql.parse(document)
    except graphql.GraphQLError:
        return frozenset()
    names: set[str] = set()

    class Visitor(graphql.Visitor):
        def enter_argument(self, node: graphql.ArgumentNode, *_: Any) -> None:
            names.add(node.name.value)

        def enter_object_field(self, node: graphql.ObjectFieldNode, *_: Any) -> None:
            names.add(node.name.value)

    graphql.visit(ast, Visitor())
    return frozenset(names)


def judge(status: int, body: bytes, document: str, *, negative: bool) -> list[Verdict]:
    """The verdicts on one answer to ``document`` (``negative``: schemathesis made it invalid on purpose)."""
    if status >= 500:
        return [Verdict("server-error", f"HTTP {status}", body[:500].decode("utf-8", "replace"))]
    if status >= 400:
        return [Verdict("http-refusal", f"HTTP {status}", body[:500].decode("utf-8", "replace"))]
    try:
        payload = json.loads(body)
    except ValueError:
        return [Verdict("invalid-response", "not JSON", body[:500].decode("utf-8", "replace"))]
    shape = _shape_problem(payload)
    if shape:
        return [Verdict("invalid-response", shape, json.dumps(payload, ensure_ascii=False)[:500])]
    errors: list[dict[str, Any]] = payload.get("errors") or []
    return [_judge_error(error, document, negative) for error in errors]


def _shape_problem(payload: object) -> str | None:
    if not isinstance(payload, dict):
        return "not a JSON object"
    if "data" not in payload and "errors" not in payload:
        return "neither data nor errors"
    errors = payload.get("errors")
    well_formed = isinstance(errors, list) and all(
        isinstance(e, dict) and isinstance(e.get("message"), str) for e in errors
    )
    if errors is not None and not well_formed:
        return "errors is not a list of objects with a message"
    if payload.get("data") is not None and not isinstance(payload["data"], dict):
        return "data is not an object"
    return None


def _judge_error(error: dict[str, Any], document: str, negative: bool) -> Verdict:
    message: str = error["message"]
    extensions = error.get("extensions") if isinstance(error.get("extensions"), dict) else {}
    code = extensions.get("code")
    error_id = extensions.get("errorId")
    if code == "INTERNAL_SERVER_ERROR" or message == "Unexpected error.":
        return Verdict("internal", "Unexpected error.", message, error_id)
    if code == "QUERY_TIMEOUT":
        return Verdict("unexpected", "query timeout", message, error_id)
    if code in _REFUSAL_CODES:
        return Verdict("refusal", _REFUSAL_CODES[code], message)
    for label, pattern in _LIMIT_MESSAGES:
        if pattern.search(message):
            return Verdict("refusal", label, message)
    if "path" in error:
        # Raised while resolving: only api/errors.py UserError passes unmasked, naming its argument first.
        prefix = _ARGUMENT_PREFIX.match(message)
        if prefix and prefix.group(1) in argument_names(document):
            return Verdict("refusal", f"argument: {prefix.group(1)}", message)
        return Verdict("unexpected", template(message), message, error_id)
    # Refused before execution (parsing, validation, variable coercion).
    if negative:
        return Verdict("invalid-input", "invalid document", message)
    return Verdict("unexpected", template(message), message, error_id)


def failing(verdicts: Iterable[Verdict]) -> list[Verdict]:
    return [v for v in verdicts if v.fails]
