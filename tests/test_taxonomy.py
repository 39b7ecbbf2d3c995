"""The shipped category tree: loading, validation, resolution of free text, suggestions."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from gongjian.graph.taxonomy import (
    Category,
    Taxonomy,
    TaxonomyError,
    UnknownCategory,
    category_rows,
    normalize,
)

REQUIRED_TOP = {
    "parking",
    "venue",
    "medical",
    "legal",
    "education",
    "elderly",
    "meals",
    "culture",
    "volunteer",
    "funding",
    "goods",
    "employment",
    "safety",
    "property",
    "childcare",
}


@pytest.fixture(scope="module")
def tax() -> Taxonomy:
    return Taxonomy.load()


# ---------------------------------------------------------------------- the shipped tree
def test_shipped_tree_shape(tax: Taxonomy) -> None:
    assert tax.version == 1
    top = tax.children(None)
    subs = [c for c in tax.categories if c.parent is not None]
    assert len(top) >= 14
    assert {c.code for c in top} >= REQUIRED_TOP
    assert len(subs) >= 50
    assert all(c.parent in tax for c in subs)


def test_synonyms_unique_across_tree(tax: Taxonomy) -> None:
    owner: dict[str, str] = {}
    for c in tax.categories:
        for term in c.terms:
            key = normalize(term)
            assert owner.setdefault(key, c.code) == c.code, f"{term!r}: {owner[key]} and {c.code}"


def test_radius_defaults_and_inheritance(tax: Taxonomy) -> None:
    assert tax.get("parking").radius_m == 1000
    assert tax.get("parking.offpeak").radius_m == 1000  # inherited
    assert tax.get("venue").radius_m == 2000
    assert tax.get("venue.meeting").radius_m == 2000
    assert tax.get("legal.consult").radius_m == 5000
    assert tax.get("childcare.afterschool").radius_m == 2000  # own override beats the parent's 5000
    for c in tax.categories:
        if c.parent is not None and c.code != "childcare.afterschool":
            assert c.radius_m == tax.get(c.parent).radius_m, c.code


def test_navigation(tax: Taxonomy) -> None:
    kids = [c.code for c in tax.children("parking")]
    assert "parking.offpeak" in kids and "parking.shared" in kids
    assert all(k.startswith("parking.") for k in kids)
    desc = [c.code for c in tax.descendants("parking")]
    assert desc[0] == "parking" and set(kids) <= set(desc)
    assert [c.code for c in tax.descendants("parking.offpeak")] == ["parking.offpeak"]
    assert tax.get(" PARKING ").code == "parking"
    with pytest.raises(UnknownCategory):
        tax.get("parkingg")


def test_category_rows(tax: Taxonomy) -> None:
    rows = category_rows(tax)
    assert len(rows) == len(tax)
    row = next(r for r in rows if r["code"] == "parking.offpeak")
    assert set(row) == {"code", "name", "nameEn", "synonyms", "parent", "radiusM", "version"}
    assert row["name"] == "错时停车"
    assert row["parent"] == "parking"
    assert row["radiusM"] == 1000
    assert row["version"] == 1
    assert isinstance(row["synonyms"], list) and "错峰停车" in row["synonyms"]


# ---------------------------------------------------------------------- resolution
@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("停车", "parking"),
        ("停车位", "parking"),
        ("车位", "parking"),
        ("错时停车", "parking.offpeak"),
        ("错峰停车", "parking.offpeak"),
        ("共享车位", "parking.shared"),
        ("义诊", "medical.clinic"),
        ("法律咨询", "legal.consult"),
        ("场地", "venue"),
        ("会议室", "venue.meeting"),
        ("党群服务中心", "venue.hall"),
        ("助餐", "meals"),
        ("老年助餐", "meals.elderly"),
        ("维修", "property.repair"),
        # codes and English names, in any case and spacing
        ("parking", "parking"),
        ("PARKING", "parking"),
        (" parking.offpeak ", "parking.offpeak"),
        ("Off-peak parking", "parking.offpeak"),
        # full-width and stray spaces
        ("ｐａｒｋｉｎｇ", "parking"),
        ("ＰＡＲＫＩＮＧ．ＯＦＦＰＥＡＫ", "parking.offpeak"),
        ("　停车位　", "parking"),
        ("停车 位", "parking"),
    ],
)
def test_resolve_exact(tax: Taxonomy, text: str, code: str) -> None:
    assert tax.resolve(text).code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("提供错时停车位", "parking.offpeak"),  # 错时停车 is more specific than 停车位
        ("停车难题", "parking"),
        ("开展义诊服务", "medical.clinic"),
        ("老年助餐服务", "meals.elderly"),  # 老年助餐 swallows 助餐
        ("广场舞队", "culture.troupe"),  # 广场舞 swallows 广场 (venue.outdoor)
        ("电动车充电桩", "parking.ebike"),  # one longest reading over an overlapping shorter one
        ("免费法律咨询（每月一次）", "legal.consult"),
    ],
)
def test_resolve_by_containment(tax: Taxonomy, text: str, code: str) -> None:
    assert tax.resolve(text).code == code


def test_unknown_term_raises_with_three_suggestions(tax: Taxonomy) -> None:
    with pytest.raises(UnknownCategory) as info:
        tax.resolve("卫生")
    err = info.value
    assert isinstance(err, ValueError)
    assert err.text == "卫生"
    assert len(err.suggestions) == 3
    assert all(isinstance(c, Category) for c in err.suggestions)
    assert {"medical", "environment"} <= {c.code for c in err.suggestions}
    message = str(err)
    assert message.startswith('未知类别 "卫生"：最接近的是 ')
    assert "Unknown category" in message
    for c in err.suggestions:
        assert f"{c.name} ({c.code})" in message


def test_unknown_parking_typo_suggests_parking(tax: Taxonomy) -> None:
    with pytest.raises(UnknownCategory) as info:
        tax.resolve("parkng")
    assert info.value.suggestions[0].code == "parking"


def test_ambiguous_text_raises_naming_both(tax: Taxonomy) -> None:
    with pytest.raises(UnknownCategory) as info:
        tax.resolve("义诊和法律咨询")
    err = info.value
    assert [c.code for c in err.matches] == ["medical.clinic", "legal.consult"]
    assert len(err.suggestions) == 3
    assert [c.code for c in err.suggestions[:2]] == ["medical.clinic", "legal.consult"]
    assert "类别不明确" in str(err) and "法律咨询 (legal.consult)" in str(err)


def test_unknown_category_pickles(tax: Taxonomy) -> None:
    with pytest.raises(UnknownCategory) as info:
        tax.resolve("卫生")
    copy = pickle.loads(pickle.dumps(info.value))
    assert str(copy) == str(info.value) and copy.suggestions == info.value.suggestions


def test_suggest_always_returns_n(tax: Taxonomy) -> None:
    assert len(tax.suggest("完全无关的词")) == 3
    assert len(tax.suggest("", n=5)) == 5
    assert tax.suggest("停车难", n=1)[0].code == "parking"


# ---------------------------------------------------------------------- validation
def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "taxonomy.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """
version: 2
categories:
  - {code: a, name: 甲, name_en: A, synonyms: [甲类], radius_m: 300}
  - {code: a.b, name: 乙, name_en: B, synonyms: [乙类]}
  - {code: c, name: 丙, name_en: C}
"""


def test_load_from_path(tmp_path: Path) -> None:
    tax = Taxonomy.load(_write(tmp_path, GOOD))
    assert tax.version == 2
    assert tax.get("a.b").radius_m == 300
    assert tax.get("c").radius_m == 5000  # top level without a radius
    assert tax.resolve("乙类").code == "a.b"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "  - {code: a, name: 甲, name_en: A}\n  - {code: a, name: 乙, name_en: B}\n",
            "duplicate code 'a'",
        ),
        ("  - {code: a.b, name: 乙, name_en: B}\n", "parent 'a' is not defined"),
        (
            "  - {code: a.b, name: 乙, name_en: B}\n  - {code: a, name: 甲, name_en: A}\n",
            "parent 'a' is not defined",
        ),
        (
            "  - {code: a, name: 甲, name_en: A, synonyms: [车位]}\n"
            "  - {code: b, name: 乙, name_en: B, synonyms: [车位]}\n",
            'term "车位" already belongs to a',
        ),
        (
            "  - {code: a, name: 甲, name_en: A}\n  - {code: b, name: 乙, name_en: B, synonyms: [甲]}\n",
            'term "甲" already belongs to a',
        ),
        ("  - {code: a, name: 甲, name_en: A, synonyms: [甲类, 甲类]}\n", "listed twice"),
        ("  - {code: Parking, name: 停车, name_en: P}\n", "dotted lowercase ascii"),
        ("  - {code: a, name: '', name_en: A}\n", "name must be a non-empty string"),
        ("  - {code: a, name: 甲, name_en: A, radius_m: -5}\n", "radius_m -5"),
        ("  - {code: a, name: 甲, name_en: A, synonym: [甲类]}\n", "unknown key(s) synonym"),
        ("  - {code: a, name: 甲, name_en: A, synonyms: [yes]}\n", "synonyms must be a list"),
    ],
)
def test_validation_errors(tmp_path: Path, body: str, expected: str) -> None:
    path = _write(tmp_path, "version: 1\ncategories:\n" + body)
    with pytest.raises(TaxonomyError) as info:
        Taxonomy.load(path)
    assert expected in str(info.value)
    assert str(path) in str(info.value)


def test_validation_reports_every_problem(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "version: 0\ncategories:\n"
        "  - {code: a.b, name: 乙, name_en: B}\n"
        "  - {code: c, name: 丙, name_en: C, radius_m: fast}\n",
    )
    with pytest.raises(TaxonomyError) as info:
        Taxonomy.load(path)
    message = str(info.value)
    assert "version" in message and "parent 'a'" in message and "radius_m 'fast'" in message


@pytest.mark.parametrize(
    "text", ["", "version: 1\n", "- a\n- b\n", "version: 1\ncategories: [\n", "version: 1\ncategories: []\n"]
)
def test_malformed_documents(tmp_path: Path, text: str) -> None:
    with pytest.raises(TaxonomyError):
        Taxonomy.load(_write(tmp_path, text))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(TaxonomyError, match="cannot read"):
        Taxonomy.load(tmp_path / "nope.yaml")
