"""The fuzzing harness (tools/fuzz_graphql.py, `make fuzz`): a short run per caller on the tiny demo, and
the verdicts it gives to answers."""

from __future__ import annotations

import json

import pytest

from gongjian.api.schema import build_schema
from gongjian.graph.facade import Graph
from tools.fuzz_graphql import fuzz
from tools.fuzz_report import summary, where
from tools.fuzz_verdicts import judge

EXAMPLES = 4  # per operation: about 200 requests, a few seconds per caller


def _root_fields() -> set[str]:
    schema = build_schema()._schema
    roots = [root for root in (schema.query_type, schema.mutation_type) if root is not None]
    return {f"{root.name}.{name}" for root in roots for name in root.fields}


@pytest.mark.parametrize("role", ["admin", "anonymous"])
def test_fuzzing_finds_no_server_error(graph: Graph, role: str) -> None:
    report = fuzz(graph, role, examples=EXAMPLES, seed=7, max_time=60)
    assert report.operations == _root_fields()  # every root query and mutation was called
    assert report.kinds["data"] > 0 and report.kinds["refusal"] + report.kinds["invalid-input"] > 0
    assert not report.failed(), summary([report])
    assert all(status < 500 for status in report.statuses)


def _answer(body: dict[str, object]) -> bytes:
    return json.dumps(body).encode()


def test_a_masked_internal_error_fails() -> None:
    error = {"message": "Unexpected error.", "path": ["areas"], "extensions": {"errorId": "0123456789abcdef"}}
    body = _answer({"data": None, "errors": [error]})
    [verdict] = judge(200, body, "{ areas { totalCount } }", negative=False)
    assert verdict.fails and verdict.kind == "internal" and verdict.error_id == "0123456789abcdef"


def test_server_errors_and_non_graphql_bodies_fail() -> None:
    assert judge(500, b"Internal Server Error", "{ health }", negative=False)[0].kind == "server-error"
    assert judge(200, b"<html>", "{ health }", negative=False)[0].kind == "invalid-response"
    assert judge(200, b"[]", "{ health }", negative=False)[0].kind == "invalid-response"
    assert judge(200, _answer({"errors": ["x"]}), "{ health }", negative=False)[0].fails


def test_documented_refusals_are_expected() -> None:
    document = '{ areas(first: 500, after: "x") { totalCount } }'
    cursor = {"message": 'after: "x" is not a cursor of this list', "path": ["areas"]}
    page = {"message": "first: 500 is out of range", "extensions": {"code": "PAGE_SIZE"}}
    depth = {"message": "'q' exceeds maximum operation depth of 12"}
    denied = {"message": "permission denied", "path": ["areas"], "extensions": {"code": "FORBIDDEN"}}
    nul = {"message": "text holding the NUL character (U+0000) cannot be stored", "path": ["a"]}
    body = _answer({"data": None, "errors": [cursor, page, depth, denied, nul]})
    assert [(v.kind, v.label) for v in judge(200, body, document, negative=False)] == [
        ("refusal", "argument: after"),
        ("refusal", "limit: page size"),
        ("refusal", "limit: depth"),
        ("refusal", "permission denied"),
        ("refusal", "argument: text with NUL"),
    ]


def test_an_input_field_is_named_like_an_argument() -> None:
    document = '{ members(filter: {area: "x"}) { totalCount } }'
    refusal = {"message": 'area: no area has the id "x"', "path": ["members"]}
    [verdict] = judge(200, _answer({"data": None, "errors": [refusal]}), document, negative=False)
    assert (verdict.kind, verdict.label) == ("refusal", "argument: area")


def test_other_errors_are_listed_for_triage() -> None:
    # An argument the document does not pass, and a validation error on a document meant to be valid.
    stray = {"message": "area: no area has the id", "path": ["demands"]}
    invalid = {"message": "Cannot query field 'x' on type 'Query'."}
    verdicts = judge(200, _answer({"data": None, "errors": [stray, invalid]}), "{ demands }", negative=False)
    assert [v.kind for v in verdicts] == ["unexpected", "unexpected"]
    assert not any(v.fails for v in verdicts)
    # The same validation error on a document made invalid on purpose is expected.
    assert judge(200, _answer({"errors": [invalid]}), "{ x }", negative=True)[0].kind == "invalid-input"


def test_an_internal_error_is_located_in_our_code() -> None:
    trace = (
        "internal error, error id 0123456789abcdef, operation (anonymous):\n"
        "builtins.KeyError\n"
        '  File "/x/site-packages/graphql/execution/executor.py", line 1, in execute\n'
        '  File "/work/main/api/types/entities.py", line 42, in resolve_area\n'
        '  File "/x/site-packages/strawberry/utils.py", line 9, in helper\n'
    )
    assert where(trace) == "KeyError at entities.py:42 resolve_area"
