"""``gongjian match`` on a small constructed graph: table, --json, and exit code 2 on refusals."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongjian import settings as settings_module
from gongjian.cli import app
from gongjian.graph.facade import Graph

from . import matchkit as k
from .conftest import TEST_GRAPH_URI


@pytest.fixture
def cli_graph(graph: Graph, graph_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Graph]:
    k.base(graph)
    k.unit(graph, "u1", "星城小学", metres=320)
    k.co_builds(graph, "u1", "c1", "2021-05-01")
    k.resource(graph, "u1", "r1", name="星城小学停车场", quantity=40, availability=["workday 18:00-07:30"])
    uri = TEST_GRAPH_URI or f"embedded://{graph_home}?graph={graph.backend.graph_name}"  # type: ignore[attr-defined]
    monkeypatch.setenv("GONGJIAN_GRAPH_URI", uri)
    settings_module.get_settings.cache_clear()
    yield graph
    settings_module.get_settings.cache_clear()


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200", **os.environ})
    return result.exit_code, result.stdout, result.stderr


def test_json_lists_candidates(cli_graph: Graph) -> None:
    code, out, _ = run("match", "南宁街道/星城社区", "停车位", "--quantity", "5", "--json")
    assert code == 0, out
    rows = json.loads(out)
    assert [r["resourceId"] for r in rows] == ["r1"]
    row = rows[0]
    assert {
        "unitId",
        "unitName",
        "resourceId",
        "resourceName",
        "remaining",
        "distanceMeters",
        "score",
        "reasons",
    } <= set(row)
    assert row["unitName"] == "星城小学" and row["remaining"] == 40
    assert row["reasons"][0] == "共建单位（协议2021年起）"


def test_table_shows_unit_resource_and_reasons(cli_graph: Graph) -> None:
    code, out, _ = run("match", "c1", "parking", "--window", "mon-fri 19:00-07:00", "--limit", "3")
    assert code == 0, out
    assert "星城小学停车场" in out and "共建单位（协议2021年起）" in out and "开放时间覆盖所需时段" in out


@pytest.mark.parametrize(
    ("community", "need", "message"),
    [
        ("不存在社区", "parking", "未找到社区"),
        ("c1", "宇宙飞船", "未知类别"),
        ("星城社区", "parking", "names several"),
    ],
)
def test_refusals_exit_2_with_a_message_on_stderr(
    cli_graph: Graph, community: str, need: str, message: str
) -> None:
    code, out, err = run("match", community, need)
    assert code == 2
    assert message in err and out == ""


def test_no_candidate_is_not_an_error(cli_graph: Graph) -> None:
    code, out, _ = run("match", "c3", "parking", "--json")
    assert code == 0 and json.loads(out) == []
