"""Importers end to end on the embedded engine: messy files built in code, exact outcomes asserted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongjian.graph.backends.base import PreparedWrite
from gongjian.graph.facade import Graph
from gongjian.graph.identity import resource_id
from gongjian.graph.schema import stats
from gongjian.importers import ImportOptions, ImportReport, run_import
from gongjian.importers.report import COUNTS

from .fixtures.importkit import (
    count,
    errors_of,
    load,
    read_xlsx,
    seed,
    write_csv,
    write_xlsx,
)

# A resource list as exported from Excel in GBK: a title row, a blank row, decorated headers with
# aliases, full-width text, bad values, a duplicate, an unknown unit and trailing notes.
RESOURCES_GBK = [
    ["星城街道驻区单位资源清单（2025年）", "", "", "", "", ""],
    [],
    ["单位*", "资源类别★", "资源内容", "可提供数量（个）", "可用时间", "服务类型"],
    ["星城第一小学", "车位", "教职工停车场", "３０个", "工作日18:00-次日7:30；周末全天", "公共服务"],  # row 4
    ["星城第一小学", "会议室", "多功能厅", "若干", "", ""],  # row 5: 若干
    ["月湖医院", "义诊", "社区义诊", "2次", "每天9:00-17:00", "志愿服务"],  # row 6
    ["月湖医院", "义诊", "社区义诊", "2次", "每天9:00-17:00", "志愿服务"],  # row 7: duplicate of 6
    ["星城银行", "停车位子", "地面停车场", "20", "", ""],  # row 8: 停车位子 resolves to parking
    ["星城银行", "飞行器", "无人机", "1", "", ""],  # row 9: unknown category
    ["不存在的单位", "场地", "礼堂", "1", "", ""],  # row 10: unknown unit
    [],
    ["合计", "", "", "54", "", ""],
    ["填表说明：1. 带*为必填项", "", "", "", "", ""],
    ["2. 数量填写整数", "", "", "", "", ""],
]


@pytest.fixture
def seeded(schema_graph: Graph, tmp_path: Path) -> Graph:
    seed(schema_graph, tmp_path)
    return schema_graph


def test_gbk_csv_with_title_notes_and_bad_rows(seeded: Graph, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "资源清单.csv", RESOURCES_GBK, encoding="gbk")
    report = load(seeded, "resources", source)
    [file] = report.files
    assert (file.encoding, file.header_row) == ("gb18030", 3)
    assert file.columns["可提供数量（个）"] == "quantity" and file.columns["单位*"] == "unitName"
    assert (file.rows, file.valid, file.rejected, file.duplicates) == (7, 4, 3, 1)
    assert (file.created, file.updated, file.unchanged) == (3, 0, 0)
    assert [s["row"] for s in file.skipped_rows] == [12, 13, 14]
    assert errors_of(report) == [
        (5, "数量", "type-error"),
        (9, "资源类别", "unknown-category"),
        (10, "单位名称", "unknown-reference"),
    ]
    by_row = {p.row: p for p in file.problems}
    assert by_row[5].message == '"若干" 不是数字' and by_row[5].value == "若干"
    assert "最接近的是" in by_row[9].fix
    assert "先导入驻区单位名册" in by_row[10].fix
    assert by_row[7].type == "duplicate-row" and by_row[7].severity == "warning"

    rows = seeded.read(
        "MATCH (u:Unit)-[:OFFERS]->(r:Resource)-[:IN_CATEGORY]->(c:Category) "
        "RETURN u.name AS unit, r.name AS name, r.quantity AS q, r.unitOfMeasure AS uom, c.code AS cat, "
        "r.availability AS avail, r.serviceType AS st, r.location AS loc, r.status AS status ORDER BY q DESC"
    )
    assert [(r["unit"], r["name"], r["q"], r["uom"], r["cat"]) for r in rows] == [
        ("星城第一小学", "教职工停车场", 30, "个", "parking"),
        ("星城银行", "地面停车场", 20, None, "parking"),
        ("月湖医院", "社区义诊", 2, "次", "medical.clinic"),
    ]
    school = rows[0]
    assert school["avail"] == ["workday 18:00-07:30", "sat,sun 00:00-24:00"]
    assert school["st"] == "public" and school["status"] == "active"
    assert school["loc"]["latitude"] == pytest.approx(28.221, abs=1e-5)  # the unit's location
    assert rows[1]["loc"] is None  # the bank has no coordinates

    # the errors workbook keeps the original columns plus 错误原因, one row per rejected row
    workbook = read_xlsx(Path(file.errors_workbook or ""))
    assert Path(file.errors_workbook or "").name == "资源清单.errors.xlsx"
    assert workbook[0] == [*RESOURCES_GBK[2], "错误原因"]
    assert [r[0] for r in workbook[1:]] == ["星城第一小学", "星城银行", "不存在的单位"]
    assert workbook[1][-1].startswith('数量: "若干" 不是数字')


def test_reimport_is_idempotent_and_edits_update_the_same_node(seeded: Graph, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "r.csv", RESOURCES_GBK, encoding="gbk")
    load(seeded, "resources", source)
    before = stats(seeded)
    again = load(seeded, "resources", source)
    assert (again.total("created"), again.total("updated"), again.total("unchanged")) == (0, 0, 3)
    assert stats(seeded) == before

    edited = [list(r) for r in RESOURCES_GBK]
    edited[3][3] = "35个"
    report = load(seeded, "resources", write_csv(tmp_path / "r.csv", edited, encoding="gbk"))
    assert (report.total("created"), report.total("updated"), report.total("unchanged")) == (0, 1, 2)
    assert stats(seeded) == before
    unit = seeded.read("MATCH (u:Unit {name: '星城第一小学'}) RETURN u.id AS id")[0]["id"]
    rid = resource_id(unit, "parking", "教职工停车场")
    assert seeded.read("MATCH (r:Resource {id: $id}) RETURN r.quantity AS q", id=rid) == [{"q": 35}]


def test_missing_rows_are_reported_and_pruned_only_on_request(seeded: Graph, tmp_path: Path) -> None:
    good = [RESOURCES_GBK[2], RESOURCES_GBK[3], RESOURCES_GBK[5], RESOURCES_GBK[7]]
    load(seeded, "resources", write_csv(tmp_path / "r.csv", good))
    shorter = write_csv(tmp_path / "r2.csv", good[:2])  # only the school's parking is left
    report = load(seeded, "resources", shorter)
    [file] = report.files
    assert (file.unchanged, file.missing, file.pruned) == (1, 0, 0)  # other units are out of scope

    school_only = write_csv(
        tmp_path / "r3.csv", [good[0], good[1], ["星城第一小学", "会议室", "多功能厅", "1"]]
    )
    load(seeded, "resources", school_only)
    report = load(seeded, "resources", shorter)
    assert (report.total("missing"), report.total("pruned")) == (1, 0)
    assert report.files[0].missing_items[0]["label"] == "星城第一小学 / 多功能厅"
    assert count(seeded, "Resource") == 4

    with_error = write_csv(tmp_path / "r4.csv", [*good[:2], ["星城第一小学", "场地", "操场", "若干"]])
    refused = load(seeded, "resources", with_error, prune=True)
    assert refused.total("pruned") == 0 and "--prune skipped" in refused.note
    assert count(seeded, "Resource") == 4

    pruned = load(seeded, "resources", shorter, prune=True)
    assert (pruned.total("missing"), pruned.total("pruned")) == (1, 1)
    assert count(seeded, "Resource") == 3
    assert load(seeded, "resources", shorter).total("missing") == 0


def _outcome(graph: Graph, report: ImportReport) -> tuple[object, ...]:
    [file] = report.files
    problems = [(p.row, p.column, p.type, p.severity, p.message) for p in file.problems]
    counts = tuple(getattr(file, name) for name in COUNTS)
    stored = graph.read(
        "MATCH (u:Unit)-[:OFFERS]->(r:Resource) "
        "RETURN u.name AS u, r.name AS r, r.quantity AS q ORDER BY u, r"
    )
    return counts, problems, file.missing_items, stored


@pytest.mark.parametrize("batch_size", [1, 2, 3])
def test_chunked_validation_and_writing_give_the_same_outcome(
    seeded: Graph, tmp_path: Path, batch_size: int
) -> None:
    """Resources are validated and written chunk by chunk (one chunk per batch): duplicates and
    conflicts across chunks, rejected rows and missing rows come out as with one chunk."""
    rows = [
        *RESOURCES_GBK[:10],
        ["星城银行", "停车位子", "地面停车场", "25", "", ""],  # row 11: conflicts with row 8
        ["星城第一小学", "车位", "教职工停车场", "３０个", "工作日18:00-次日7:30；周末全天", "公共服务"],
    ]
    earlier = write_csv(tmp_path / "earlier.csv", [rows[2], ["星城银行", "场地", "礼堂", "1"]])
    source = write_csv(tmp_path / "r.csv", rows, encoding="gbk")
    outcomes = []
    for size in (10_000, batch_size):
        seeded.write("MATCH (r:Resource) DETACH DELETE r")
        load(seeded, "resources", earlier)
        outcomes.append(_outcome(seeded, load(seeded, "resources", source, batch_size=size)))
    assert outcomes[1] == outcomes[0]
    counts, problems, missing, stored = outcomes[0]
    assert [(p[0], p[2]) for p in problems if p[2] in ("duplicate-row", "conflicting-row")] == [
        (7, "duplicate-row"),
        (11, "conflicting-row"),
        (12, "duplicate-row"),
    ]
    assert [m["label"] for m in missing] == ["星城银行 / 礼堂"]
    assert len(stored) == 4 and counts[COUNTS.index("created")] == 3


def test_strict_validates_every_file_before_writing_any(seeded: Graph, tmp_path: Path) -> None:
    good = write_csv(tmp_path / "good.csv", [RESOURCES_GBK[2], RESOURCES_GBK[3]])
    bad = write_csv(tmp_path / "bad.csv", RESOURCES_GBK, encoding="gbk")
    report = run_import(seeded, "resources", [good, bad], ImportOptions(strict=True, batch_size=1))
    assert not report.written and report.total("created") == 4 and report.total("rejected") == 3
    assert count(seeded, "Resource") == 0
    report = run_import(seeded, "resources", [good, bad], ImportOptions(batch_size=1))
    assert report.written and count(seeded, "Resource") == 3  # the good file's row is also in the bad


def test_strict_and_dry_run_write_nothing(seeded: Graph, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "r.csv", RESOURCES_GBK, encoding="gbk")
    strict = load(seeded, "resources", source, strict=True)
    assert not strict.written and strict.note.startswith("strict")
    assert strict.total("created") == 3 and strict.total("rejected") == 3  # what it would have done
    dry = load(seeded, "resources", source, dry_run=True)
    assert not dry.written and dry.total("created") == 3
    assert count(seeded, "Resource") == 0
    good = write_csv(tmp_path / "good.csv", [RESOURCES_GBK[2], RESOURCES_GBK[3]])
    assert load(seeded, "resources", good, strict=True).total("created") == 1
    assert count(seeded, "Resource") == 1


def test_errors_workbook_round_trip(seeded: Graph, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "资源.csv", RESOURCES_GBK, encoding="gbk")
    first = load(seeded, "resources", source)
    errors_path = Path(first.files[0].errors_workbook or "")
    rows = read_xlsx(errors_path)
    rows[1][3] = "5"  # 若干 → 5
    rows[2][1] = "停车"  # 飞行器 → 停车
    rows[3][0] = "星城银行"  # unknown unit → an existing one
    from openpyxl import Workbook

    fixed = Workbook()
    for row in rows:
        fixed.active.append(row)
    fixed.save(errors_path)
    second = load(seeded, "resources", errors_path)
    assert second.ok, errors_of(second)
    assert (second.total("rows"), second.total("created")) == (3, 3)
    assert count(seeded, "Resource") == 6


def test_xlsx_with_merged_title_aliases_and_ambiguous_community(seeded: Graph, tmp_path: Path) -> None:
    rows = [
        ["社区", "街道", "类别", "标题", "数量", "时间段", "紧急程度", "提出日期", "联系人", "联系电话"],
        [
            "幸福社区",
            "",
            "停车",
            "夜间停车难",
            "20",
            "工作日18:00-次日7:30",
            "紧急",
            "2025年3月1日",
            "张三",
            "13800000003",
        ],
        ["幸福社区", "月湖街道", "停车", "夜间停车难", "", "", "", 45717, "", ""],
        ["星城第一社区", "", "义诊", "老人义诊", "若干人", "", "一般", "2025/3/2", "", ""],
        ["星城第一社区", "", "助老", "送餐", "", "", "很急", "", "", ""],
        ["月亮社区", "", "助老", "送餐", "", "", "", "", "", ""],
    ]
    source = write_xlsx(tmp_path / "需求清单.xlsx", rows, title="星城街道需求清单（2025年）", width=10)
    report = load(seeded, "demands", source)
    [file] = report.files
    assert (file.header_row, file.rows, file.rejected, file.created) == (3, 5, 4, 1)
    problems = {p.row: p for p in file.errors}
    assert problems[4].type == "ambiguous-reference" and problems[4].fix == "填写所属街道以区分"
    assert "星城街道" in problems[4].message and "月湖街道" in problems[4].message
    assert problems[6].column == "数量"
    assert problems[7].column == "紧急程度" and "一般、较急、紧急、特急" in problems[7].fix
    assert problems[8].type == "unknown-reference"
    [demand] = seeded.read(
        "MATCH (a:Area)-[:RAISED]->(d:Demand) RETURN a.path AS area, d.createdAt AS created, d.status AS s,"
        " d.quantity AS q, d.urgency AS u"
    )
    assert demand == {
        "area": "麒麟区/月湖街道/幸福社区",
        "created": "2025-03-01",
        "s": "open",
        "q": 1,
        "u": "normal",
    }


def test_crash_mid_import_then_rerun_completes_without_duplicates(
    seeded: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [["单位名称", "资源类别", "资源名称", "数量"]]
    rows += [["星城第一小学", "场地", f"教室{i}", "1"] for i in range(9)]
    source = write_csv(tmp_path / "r.csv", rows)
    real_send = seeded.send
    calls = {"n": 0}

    def flaky(prepared: PreparedWrite) -> list[dict[str, object]]:
        if "$rows" in prepared.query or "$units" in prepared.query:  # a batch of the list
            calls["n"] += 1
            if calls["n"] == 3:
                raise RuntimeError("power cut")
        return real_send(prepared)

    monkeypatch.setattr(seeded, "send", flaky)
    with pytest.raises(RuntimeError):
        load(seeded, "resources", source, batch_size=2)
    assert count(seeded, "Resource") == 4  # two whole batches, nothing of the third
    monkeypatch.undo()
    report = load(seeded, "resources", source, batch_size=2)
    assert (report.total("created"), report.total("unchanged")) == (5, 4)
    assert count(seeded, "Resource") == 9
    assert seeded.read("MATCH (:Unit)-[o:OFFERS]->(:Resource) RETURN count(o) AS n") == [{"n": 9}]


def test_a_batch_waiting_behind_a_failed_one_is_not_sent(
    seeded: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One batch may wait behind the one in flight; when the one in flight fails, the waiting one is
    dropped: the graph holds whole batches up to the failure and nothing after it."""
    import threading

    rows = [["单位名称", "资源类别", "资源名称", "数量"]]
    rows += [["星城第一小学", "场地", f"教室{i}", "1"] for i in range(9)]
    source = write_csv(tmp_path / "r.csv", rows)
    real_send, real_prepare = seeded.send, seeded.prepare_write
    calls, prepared_batches = {"n": 0}, {"n": 0}
    fourth_queued = threading.Event()

    def prepare(query: str, /, **params: object) -> PreparedWrite:
        prepared_batches["n"] += 1
        if prepared_batches["n"] == 5:  # encoded after the fourth batch was queued
            fourth_queued.set()
        return real_prepare(query, **params)

    def flaky(prepared: PreparedWrite) -> list[dict[str, object]]:
        calls["n"] += 1
        if calls["n"] == 3:  # fails once the fourth batch waits behind it
            assert fourth_queued.wait(10)
            raise RuntimeError("power cut")
        return real_send(prepared)

    monkeypatch.setattr(seeded, "send", flaky)
    monkeypatch.setattr(seeded, "prepare_write", prepare)
    with pytest.raises(RuntimeError, match="power cut"):
        load(seeded, "resources", source, batch_size=2)
    assert calls["n"] == 3  # nothing was sent after the failure
    assert count(seeded, "Resource") == 4


def test_a_resource_created_meanwhile_is_merged_not_duplicated(
    seeded: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """New rows are CREATEd; if one appeared between the comparison and the write (someone else made
    it), the unique constraint refuses that batch, which is then sent with the MERGE statement."""
    import gongjian.importers.pipeline as pipeline
    from gongjian.importers.diff import Diff

    rows = [["单位名称", "资源类别", "资源名称", "数量"], ["星城第一小学", "场地", "教室1", "1"]]
    load(seeded, "resources", write_csv(tmp_path / "r.csv", rows))
    rows[1][3] = "2"
    monkeypatch.setattr(pipeline, "diff", lambda graph, kind, entities, _: Diff(created=list(entities)))
    report = load(seeded, "resources", write_csv(tmp_path / "r.csv", rows))
    monkeypatch.undo()
    assert report.ok and report.files[0].written
    assert seeded.read("MATCH (:Unit)-[:OFFERS]->(r:Resource) RETURN r.quantity AS q") == [{"q": 2}]
    assert load(seeded, "resources", tmp_path / "r.csv").total("unchanged") == 1


def test_a_resource_left_without_its_unit_is_linked_again_not_duplicated(
    seeded: Graph, tmp_path: Path
) -> None:
    """The comparison takes a resource its unit does not offer for new (its id says whose it is);
    one left behind without the link is found by the unique constraint and MERGEd back."""
    source = write_csv(
        tmp_path / "r.csv",
        [
            ["单位名称", "资源类别", "资源名称", "数量"],
            ["星城第一小学", "场地", "教室1", "1"],
            ["星城第一小学", "场地", "教室2", "1"],
        ],
    )
    load(seeded, "resources", source)
    seeded.write("MATCH (:Unit)-[o:OFFERS]->(r:Resource {name: '教室1'}) DELETE o")
    report = load(seeded, "resources", source)
    assert (report.total("created"), report.total("unchanged")) == (1, 1)
    assert count(seeded, "Resource") == 2
    assert seeded.read("MATCH (:Unit)-[o:OFFERS]->(:Resource) RETURN count(o) AS n") == [{"n": 2}]
    assert load(seeded, "resources", source).total("unchanged") == 2


def test_areas_hierarchy_codes_and_centroids(schema_graph: Graph, tmp_path: Path) -> None:
    rows = [
        ["街道", "社区", "网格", "行政区划代码", "经度", "纬度", "人口（人）"],
        ["东风镇", "桃源村", "一组", "", "113.0", "28.0", "300"],
        ["东风镇", "桃源村", "二组", "", "113.2", "28.2", "400"],
        ["东风镇", "柳林社区", "", "430100001", "", "", "5000"],
        ["东风镇", "柳林社区", "", "430100001", "", "", "5000"],
    ]
    report = load(schema_graph, "areas", write_csv(tmp_path / "a.csv", rows))
    assert (report.total("created"), report.total("duplicates")) == (5, 1)
    got = {
        r["name"]: r
        for r in schema_graph.read(
            "MATCH (a:Area) OPTIONAL MATCH (a)-[:WITHIN]->(p:Area) RETURN a.name AS name, a.level AS level,"
            " a.code AS code, a.location AS loc, p.name AS parent, a.population AS pop"
        )
    }
    assert got["东风镇"]["level"] == "town" and got["东风镇"]["parent"] is None
    assert got["桃源村"]["level"] == "village" and got["一组"]["level"] == "grid"
    assert got["桃源村"]["loc"]["longitude"] == pytest.approx(113.1, abs=1e-4)  # centroid of its grids
    assert got["柳林社区"]["code"] == "430100001" and got["柳林社区"]["pop"] == 5000
    assert load(schema_graph, "areas", write_csv(tmp_path / "a.csv", rows)).total("unchanged") == 5


def test_orgs_members_agreements_and_masking(seeded: Graph, tmp_path: Path) -> None:
    orgs = [
        ["党组织名称", "类型", "上级党组织", "所在区域", "书记"],
        ["星城第一社区党委", "社区党委", "星城街道党工委", "星城街道/星城第一社区", "赵书记"],
        ["星城街道党工委", "街道党工委", "", "星城街道", "钱书记"],
        ["第一网格党支部", "网格党支部", "星城第一社区党委", "", ""],
    ]
    report = load(seeded, "orgs", write_csv(tmp_path / "o.csv", orgs))
    assert report.ok and report.total("created") == 3
    assert seeded.read(
        "MATCH (g:Org {name: '第一网格党支部'})-[:UNDER]->(c:Org)-[:UNDER]->(s:Org) RETURN s.kind AS k"
    ) == [{"k": "street_committee"}]

    members = [
        [
            "姓名",
            "手机号",
            "所在党组织",
            "身份",
            "工作单位",
            "居住社区",
            "报到社区",
            "报到日期",
            "专长",
            "角色",
        ],
        [
            "张三丰",
            "138-0000-0003",
            "第一网格党支部",
            "在职",
            "星城第一小学",
            "星城街道/幸福社区",
            "星城第一社区",
            "2024-03-01",
            "义诊；法律咨询",
            "志愿者、楼栋长",
        ],
        ["李四", "1380000", "第一网格党支部", "", "", "", "", "", "", ""],
        ["王五", "13900000005", "第一网格党支部", "退休", "", "幸福社区", "", "", "", ""],
    ]
    report = load(seeded, "members", write_csv(tmp_path / "m.csv", members))
    assert errors_of(report) == [(3, "手机号", "type-error"), (4, "居住社区", "ambiguous-reference")]
    text = json.dumps(report.as_dict(), ensure_ascii=False)
    for secret in ("1380000", "李四", "张三丰", "13800000003"):
        assert secret not in text
    [member] = seeded.read(
        "MATCH (m:Member)-[:BELONGS_TO]->(o:Org), (m)-[r:REPORTED_TO]->(c:Area), (m)-[:LIVES_IN]->(h:Area)"
        " RETURN m.phone AS phone, m.skills AS skills, m.roles AS roles, r.date AS date, h.path AS home"
    )
    assert member == {
        "phone": "13800000003",
        "skills": ["medical.clinic", "legal.consult"],
        "roles": ["volunteer", "building_head"],
        "date": "2024-03-01",
        "home": "麒麟区/星城街道/幸福社区",
    }
    # a member missing from the next list is reported with a masked name
    load(seeded, "members", write_csv(tmp_path / "m2.csv", [members[0], [*members[3][:3], "退休"]]))
    report = load(seeded, "members", write_csv(tmp_path / "m3.csv", [members[0], [*members[3][:3], "退休"]]))
    assert report.total("unchanged") == 1
    report = load(seeded, "members", write_csv(tmp_path / "m4.csv", [members[0], members[3][:3]]))
    assert report.total("updated") == 1

    agreements = [
        ["单位名称", "社区名称", "所属街道", "协议编号", "签订日期", "到期日期", "类型"],
        ["星城银行", "星城第一社区", "", "XC-001", "2025-01-01", "2027-12-31", "共建协议"],
        ["星城第一小学", "星城第一社区", "", "", "2025-02-01", "", "大党委成员单位"],
        ["月湖医院", "幸福社区", "月湖街道", "", "2024-05-04", "", "双报到"],
        ["月湖医院", "幸福社区", "", "", "", "", ""],
    ]
    report = load(seeded, "agreements", write_csv(tmp_path / "g.csv", agreements))
    assert errors_of(report) == [(5, "社区名称", "ambiguous-reference")]
    assert report.total("created") == 3
    rels = seeded.read(
        "MATCH (u:Unit)-[r:CO_BUILDS|SEATED_ON|REPORTED_TO]->(x)"
        " WHERE r.since IS NOT NULL OR r.date IS NOT NULL"
        " RETURN u.name AS u, type(r) AS t, x.name AS x, coalesce(r.since, r.date) AS d ORDER BY u, t"
    )
    assert rels == [
        {"u": "星城第一小学", "t": "SEATED_ON", "x": "星城第一社区党委", "d": "2025-02-01"},
        {"u": "星城银行", "t": "CO_BUILDS", "x": "星城第一社区", "d": "2025-01-01"},
        {"u": "月湖医院", "t": "REPORTED_TO", "x": "幸福社区", "d": "2024-05-04"},
    ]
    again = load(seeded, "agreements", write_csv(tmp_path / "g.csv", agreements[:4]))
    # the 共建社区 links that the unit register made are agreements of these units too
    assert (again.total("unchanged"), again.total("missing")) == (3, 3)


def test_units_reimport_moves_the_unit_and_keeps_its_id(seeded: Graph, tmp_path: Path) -> None:
    before = seeded.read("MATCH (u:Unit {name: '星城银行'}) RETURN u.id AS id")
    rows = [
        ["单位名称", "类型", "街道", "社区", "联系电话"],
        ["星城银行", "银行", "星城街道", "幸福社区", "13800000009"],
        ["新单位", "不知道", "星城街道", "", ""],
    ]
    report = load(seeded, "units", write_csv(tmp_path / "u.csv", rows))
    assert errors_of(report) == [(3, "单位类型", "constraint-error")]
    assert (report.total("updated"), report.total("missing")) == (1, 1)  # 星城第一小学 not listed
    after = seeded.read(
        "MATCH (u:Unit {name: '星城银行'})-[:LOCATED_IN]->(a:Area) RETURN u.id AS id, a.path AS area"
    )
    assert after == [{"id": before[0]["id"], "area": "麒麟区/星城街道/幸福社区"}]


@pytest.mark.parametrize("kind", ["areas", "orgs", "units", "members", "resources", "demands", "agreements"])
def test_template_has_markers_dropdowns_and_guide(kind: str, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from gongjian.importers import KINDS, write_template

    path = write_template(kind, tmp_path / f"{kind}.xlsx")
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    spec = KINDS[kind].spec
    assert [c.value for c in sheet[1]] == [c.header for c in spec.columns]
    assert any(str(c.value).endswith("*") for c in sheet[1])
    assert workbook["填写说明"].max_row >= len(spec.columns) + 1
    if any(c.choices or c.field == "category" for c in spec.columns):
        assert sheet.data_validations.dataValidation


def test_filled_templates_import_cleanly(schema_graph: Graph, tmp_path: Path) -> None:
    from gongjian.importers import write_template

    for kind in ("areas", "orgs", "units", "members", "resources", "demands", "agreements"):
        path = write_template(kind, tmp_path / f"{kind}.xlsx")
        report = load(schema_graph, kind, path)
        assert report.ok, (kind, [p.describe() for f in report.files for p in f.problems])
        assert report.total("rows") == 1, kind
        assert report.total("created") + report.total("updated") >= 1, kind  # units made the CO_BUILDS
        assert not [p for f in report.files for p in f.warnings], kind


def test_unreadable_files_become_report_problems(schema_graph: Graph, tmp_path: Path) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes("单位名称,资源类别\n".encode("utf-16"))
    assert errors_of(load(schema_graph, "resources", latin)) == [(None, None, "encoding-error")]
    headless = write_csv(tmp_path / "h.csv", [["随便", "什么"], ["1", "2"]])
    assert errors_of(load(schema_graph, "resources", headless)) == [(None, None, "missing-header")]
    partial = write_csv(tmp_path / "p.csv", [["单位名称", "资源类别", "数量"], ["a", "停车", "1"]])
    [problem] = load(schema_graph, "resources", partial).files[0].errors
    assert problem.message.startswith("缺少必填列 资源名称") and "资源内容" in problem.fix
    assert not load(schema_graph, "resources", tmp_path / "nope.xlsx").ok
