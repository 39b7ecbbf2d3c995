"""The catalogue through its interfaces: ``gongjian query list|run``, ``gongjian cypher`` and GraphQL
``analyses`` / ``analysis(name, params)`` — on the constructed graph of tests/test_analysis.py."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from gongjian import settings as settings_module
from gongjian.cli import app
from gongjian.graph.facade import Graph
from gongjian.queries import catalogue

from .conftest import TEST_GRAPH_URI
from .test_analysis import AS_OF, build_scene
from .test_api_entities import data, gql


@pytest.fixture
def cli_graph(graph: Graph, graph_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Graph]:
    build_scene(graph)
    uri = TEST_GRAPH_URI or f"embedded://{graph_home}?graph={graph.backend.graph_name}"  # type: ignore[attr-defined]
    monkeypatch.setenv("GONGJIAN_GRAPH_URI", uri)
    settings_module.get_settings.cache_clear()
    yield graph
    settings_module.get_settings.cache_clear()


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "220", **os.environ})
    return result.exit_code, result.stdout, result.stderr


# ------------------------------------------------------------------------------------ CLI
def test_query_list_shows_every_analysis() -> None:
    code, out, _ = run("query", "list", "--json")
    assert code == 0
    listed = json.loads(out)
    assert [a["name"] for a in listed] == list(catalogue.ANALYSES)
    small = next(a for a in listed if a["name"] == "coverage/small_orgs")
    assert small["params"][0] == {"name": "minMembers", "type": "int", "default": 3, "required": False}
    code, out, _ = run("query", "list")
    assert code == 0 and "coverage/small_orgs" in out and "minMembers: int = 3" in out


def test_query_run_as_json_csv_table_and_xlsx(cli_graph: Graph, tmp_path: Path) -> None:
    code, out, _ = run("query", "run", "loop/overdue_demands", "-p", f"asOf={AS_OF}", "--format", "json")
    assert code == 0, out
    assert [(r["demandId"], r["daysOverdue"]) for r in json.loads(out)] == [("d2", 90), ("d4", 10)]

    code, out, _ = run("query", "run", "network/street_bridges", "-p", f"asOf={AS_OF}", "-f", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows == [
        ["unit", "unitId", "type", "homeStreet", "otherStreet", "communities"],
        ["甲公司", "u1", "enterprise", "甲街道", "乙街道", '["三村"]'],
    ]

    code, out, _ = run("query", "run", "coverage/grids_without_branch")
    assert code == 0 and "二网格" in out and "g2" in out

    target = tmp_path / "small.xlsx"
    code, _, _ = run("query", "run", "coverage/small_orgs", "-f", "xlsx", "-o", str(target))
    assert code == 0
    sheet = load_workbook(target).active
    assert [c.value for c in sheet[1]] == ["org", "orgId", "kind", "place", "members"]
    assert [c.value for c in sheet[2]] == ["三网格党总支", "og3", "general_branch", "三网格", 1]

    target = tmp_path / "gap.csv"
    code, _, _ = run("query", "run", "resources/parking_balance", "-f", "csv", "-o", str(target))
    assert (
        code == 0
        and target.read_text(encoding="utf-8-sig").splitlines()[1] == "甲街道,一社区,2,26,26,1,30,-4"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["coverage/nothing"], 'no analysis "coverage/nothing"'),
        (
            ["coverage/small_orgs", "-p", "minMembers=three"],
            'parameter "minMembers": "three" is not an integer',
        ),
        (["coverage/small_orgs", "-p", "size=3"], 'has no parameter "size"'),
        (["loop/overdue_demands", "-p", "asOf=2026-6-1"], 'parameter "asOf": "2026-6-1" is not a date'),
        (["coverage/small_orgs", "-p", "minMembers"], "write parameters as key=value"),
        (["coverage/small_orgs", "-f", "xlsx"], "--format xlsx needs -o FILE.xlsx"),
    ],
)
def test_query_run_refusals_exit_2_with_a_clear_message(
    cli_graph: Graph, args: list[str], message: str
) -> None:
    code, _, err = run("query", "run", *args)
    assert code == 2
    assert message in " ".join(err.split()), err


def test_cypher_reads_and_refuses_writes_without_the_flag(cli_graph: Graph) -> None:
    code, out, _ = run("cypher", "MATCH (u:Unit) RETURN u.id AS id ORDER BY id", "-f", "json")
    assert code == 0 and [r["id"] for r in json.loads(out)] == ["u1", "u2", "u3", "u4"]
    code, out, _ = run("cypher", "MATCH (u:Unit {id: $id}) RETURN u.name AS name", "-p", "id=u3")
    assert code == 0 and "丙局" in out
    statement = "MATCH (u:Unit {id: 'u4'}) SET u.name = '丁商店' RETURN u.name AS name"
    code, _, err = run("cypher", statement)
    assert code == 2 and "--write" in err
    assert cli_graph.read("MATCH (u:Unit {id: 'u4'}) RETURN u.name AS name") == [{"name": "丁店"}]
    code, out, _ = run("cypher", statement, "--write", "--timeout", "5")
    assert code == 0 and "丁商店" in out
    code, _, err = run("cypher", "MATCH (u:Unit RETURN u")
    assert code == 1 and "error" in err
    code, _, err = run("cypher", "RETURN 1 AS one", "--timeout", "0")
    assert code == 2 and "--timeout" in err


# ------------------------------------------------------------------------------------ GraphQL
ANALYSES = """
query ($group: String) {
  analyses(group: $group) { name group titleZh titleEn columns params { name type required default } }
}
"""
RUN = """
query ($name: String!, $params: JSON) {
  analysis(name: $name, params: $params) {
    __typename
    ... on AnalysisTable { columns rows rowCount params analysis { name titleZh } }
    ... on NotFoundError { message kind value }
    ... on InvalidArgumentError { message argument }
  }
}
"""


@pytest.fixture
def client(admin_client: httpx.AsyncClient) -> httpx.AsyncClient:
    """Analyses need the analyst or admin role (api/permissions.py)."""
    return admin_client


async def test_graphql_catalogue(client: httpx.AsyncClient) -> None:
    listed = data(await gql(client, ANALYSES))["analyses"]
    assert [a["name"] for a in listed] == list(catalogue.ANALYSES)
    loop = data(await gql(client, ANALYSES, group="loop"))["analyses"]
    assert {a["group"] for a in loop} == {"loop"} and len(loop) == 6
    overdue = next(a for a in loop if a["name"] == "loop/overdue_demands")
    assert overdue["params"][0] == {"name": "asOf", "type": "date", "required": False, "default": "today"}


async def test_graphql_analysis_returns_columns_and_rows(client: httpx.AsyncClient, graph: Graph) -> None:
    build_scene(graph)
    answer = data(await gql(client, RUN, name="network/street_bridges", params={"asOf": AS_OF}))["analysis"]
    assert answer["__typename"] == "AnalysisTable"
    assert answer["columns"] == ["unit", "unitId", "type", "homeStreet", "otherStreet", "communities"]
    assert answer["rows"] == [["甲公司", "u1", "enterprise", "甲街道", "乙街道", ["三村"]]]
    assert answer["rowCount"] == 1 and answer["params"] == {"asOf": AS_OF}
    answer = data(await gql(client, RUN, name="coverage/small_orgs", params={"minMembers": 2}))["analysis"]
    assert answer["rows"] == [
        ["三网格党总支", "og3", "general_branch", "三网格", 1],
        ["甲公司党支部", "ou1", "unit_org", "甲公司", 1],
    ]


@pytest.mark.parametrize(
    ("name", "params", "typename", "field", "expected"),
    [
        ("coverage/nothing", None, "NotFoundError", "value", "coverage/nothing"),
        ("coverage/small_orgs", {"minMembers": "x"}, "InvalidArgumentError", "argument", "minMembers"),
        ("coverage/small_orgs", {"bogus": 1}, "InvalidArgumentError", "argument", "bogus"),
        ("coverage/small_orgs", [1, 2], "InvalidArgumentError", "argument", "params"),
    ],
)
async def test_graphql_refusals_are_data(
    client: httpx.AsyncClient, name: str, params: object, typename: str, field: str, expected: str
) -> None:
    body = await gql(client, RUN, name=name, params=params)
    answer = data(body)["analysis"]
    assert answer["__typename"] == typename and answer[field] == expected
    assert answer["message"]
