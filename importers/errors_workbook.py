"""The errors workbook: the rejected rows with their original columns plus 错误原因.

The coordinator fixes the rows in Excel and imports that file again (错误原因 is ignored on import).
By default it is written beside the input as ``<input stem>.errors.xlsx``.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from .problems import Problem
from .table import ERROR_COLUMN, Record

SUFFIX = ".errors"


def default_path(source: Path) -> Path:
    stem = source.stem.removesuffix(SUFFIX)
    target = source.with_name(f"{stem}{SUFFIX}.xlsx")
    if target.resolve() == source.resolve():  # re-importing an errors workbook: never overwrite it
        target = source.with_name(f"{stem}{SUFFIX}-2.xlsx")
    return target


def write_errors_workbook(
    target: Path, headers: list[str], records: list[Record], problems: list[Problem], title: str
) -> int:
    """Write the rejected rows; returns how many."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    reasons: dict[int, list[str]] = defaultdict(list)
    for problem in problems:
        if problem.severity == "error" and problem.row is not None:
            text = f"{problem.column}: {problem.message}" if problem.column else problem.message
            reasons[problem.row].append(f"{text}（{problem.fix}）" if problem.fix else text)
    rejected = [r for r in records if r.row in reasons]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    width = len(headers)
    sheet.append([*headers, ERROR_COLUMN])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.cell(row=1, column=width + 1).fill = PatternFill("solid", fgColor="FFC7CE")
    for record in rejected:
        cells = list(record.original[:width]) + [None] * (width - len(record.original))
        sheet.append([*cells, "；".join(reasons[record.row])])
        sheet.cell(row=sheet.max_row, column=width + 1).alignment = Alignment(wrap_text=True)
    sheet.column_dimensions[sheet.cell(row=1, column=width + 1).column_letter].width = 60
    sheet.freeze_panes = "A2"
    target.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(target)
    return len(rejected)
