"""``gongjian import`` / ``gongjian template`` through typer, and the value parsers."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongjian.graph.taxonomy import Taxonomy
from gongjian.importers import values as v
from gongjian.importers.problems import CellError
from gongjian.importers.reading import decode
from gongjian.importers.spec import header_key

from .conftest import TEST_GRAPH_URI
from .fixtures.importkit import AREAS, UNITS, write_csv

CTX = v.ParseContext(Taxonomy.load())


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("20", (20, None)),
        ("２０个", (20, "个")),
        ("30 车位", (30, "车位")),
        ("1,000", (1000, None)),
        (12.0, (12, None)),
    ],
)
def test_quantities(raw: object, expected: tuple[int, str | None]) -> None:
    assert v.quantity(raw, CTX) == expected


@pytest.mark.parametrize("raw", ["若干", "约20", "2.5", "0", "-3"])
def test_quantities_that_are_not(raw: str) -> None:
    with pytest.raises(CellError):
        v.quantity(raw, CTX)


@pytest.mark.parametrize("raw", ["2024年3月1日", "2024/3/1", "2024-03-01", "２０２４.3.1", 45352, "20240301"])
def test_dates(raw: object) -> None:
    assert v.date(raw, CTX) == "2024-03-01"


def test_headers_phones_encodings_and_categories() -> None:
    assert header_key("数量（个）") == header_key("*数量") == header_key(" 数 量 ★") == "数量"
    assert header_key("Unit_Name") == header_key("unitName")
    assert v.phone("+86 138-0000-0003", CTX) == "13800000003"
    assert v.phone("0731-88886666", CTX) == "073188886666"
    with pytest.raises(CellError):
        v.mobile("1380000", CTX)
    assert decode("单位".encode("gbk")) == ("单位", "gb18030")
    assert decode("\ufeff单位".encode()) == ("单位", "utf-8-sig")
    with pytest.raises(CellError) as caught:
        v.category("飞行器", CTX)
    assert caught.value.type == "unknown-category" and caught.value.fix.count("、") == 2
    with pytest.raises(CellError) as swapped:
        v.longitude("28.2", CTX)
    assert swapped.value.fix == "经纬度可能填反了"


def test_cli_import_template_and_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, graph_home: Path
) -> None:
    from gongjian.cli import app
    from gongjian.graph.facade import Graph
    from gongjian.settings import get_settings

    uri = TEST_GRAPH_URI or f"embedded://{graph_home}?graph=cli{uuid.uuid4().hex[:10]}"
    monkeypatch.setenv("GONGJIAN_GRAPH_URI", uri)
    get_settings.cache_clear()
    runner = CliRunner()
    try:
        template = tmp_path / "units.xlsx"
        result = runner.invoke(app, ["template", "units", "-o", str(template)])
        assert result.exit_code == 0 and template.exists()

        areas = write_csv(tmp_path / "areas.csv", AREAS, encoding="gbk")
        assert runner.invoke(app, ["import", "areas", str(areas)]).exit_code == 0
        bad_units = [*UNITS, ["星城药店", "药店", "星城街道", "", "", "", "", "", "周大福", "139 0000 0009"]]
        units = write_csv(tmp_path / "units.csv", bad_units)
        report = tmp_path / "report.json"
        result = runner.invoke(app, ["import", "units", str(units), "--report", str(report)])
        assert result.exit_code == 1, result.output
        data = json.loads(report.read_text(encoding="utf-8"))
        assert data["totals"]["created"] == 3 and data["totals"]["rejected"] == 1
        assert data["files"][0]["errors"][0]["row"] == 5
        assert "周大福" not in result.output and "13900000009" not in report.read_text(encoding="utf-8")
        assert (tmp_path / "units.errors.xlsx").exists()

        dry = runner.invoke(app, ["import", "units", str(units), "--dry-run", "--json"])
        assert json.loads(dry.stdout)["totals"]["unchanged"] == 3
        assert runner.invoke(app, ["import", "nothing", str(units)]).exit_code == 2
    finally:
        get_settings.cache_clear()
        with Graph.open(uri) as graph:
            graph.clear()
