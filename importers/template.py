"""``gongjian template KIND``: a workbook to fill in.

Sheet 1: the header row (required columns marked ``*``), one example row, drop-down lists for
enumerations and categories. Sheet 2 (填写说明): every column explained in Chinese. A filled template
imports cleanly.
"""

from __future__ import annotations

from pathlib import Path

from gongjian.graph.taxonomy import Taxonomy

from .kinds import KINDS
from .spec import Column

CATEGORY_FIELDS = {"category"}


def write_template(kind_name: str, target: Path, taxonomy: Taxonomy | None = None) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    spec = KINDS[kind_name].spec
    taxonomy = taxonomy or Taxonomy.load()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = spec.zh[:31]
    sheet.append([c.header for c in spec.columns])
    sheet.append([c.example or None for c in spec.columns])
    required_fill = PatternFill("solid", fgColor="FFF2CC")
    for index, column in enumerate(spec.columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True, color="C00000" if column.required else "000000")
        if column.required:
            cell.fill = required_fill
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(column.zh) * 2 + 4)

    lists = workbook.create_sheet("选项")
    for index, column in enumerate(spec.columns, start=1):
        choices = _choices(column, taxonomy)
        if not choices:
            continue
        letter = get_column_letter(index)
        lists.cell(row=1, column=index, value=column.zh)
        for offset, choice in enumerate(choices, start=2):
            lists.cell(row=offset, column=index, value=choice)
        validation = DataValidation(
            type="list",
            formula1=f"='选项'!${letter}$2:${letter}${len(choices) + 1}",
            allow_blank=not column.required,
            showErrorMessage=column.field not in CATEGORY_FIELDS,  # categories also accept synonyms
            errorTitle="不在可选范围内",
            error=f"{column.zh}请从下拉列表中选择",
        )
        validation.add(f"{letter}2:{letter}5000")
        sheet.add_data_validation(validation)
    lists.sheet_state = "hidden"

    guide = workbook.create_sheet("填写说明")
    guide.append(["列名", "是否必填", "英文列名", "可用的其他列名", "填写说明", "示例"])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for column in spec.columns:
        guide.append(
            [
                column.zh,
                "必填" if column.required else "选填",
                column.en,
                "、".join(column.aliases),
                column.help,
                column.example,
            ]
        )
    guide.append([])
    for note in (
        *spec.notes,
        "第2行是示例，可直接改写或删除；带*的列必须填写。",
        "导入：gongjian import "
        + kind_name
        + " 文件.xlsx；出错的行会写入 文件.errors.xlsx，改正后再导入该文件。",
    ):
        guide.append([note])
    for letter, width in zip("ABCDEF", (14, 10, 16, 24, 60, 24), strict=True):
        guide.column_dimensions[letter].width = width
    target.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(target)
    return target


def _choices(column: Column, taxonomy: Taxonomy) -> list[str]:
    if column.field in CATEGORY_FIELDS:
        return [c.name for c in taxonomy.categories]
    return list(column.choices)
