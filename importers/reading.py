"""Read a ``.xlsx`` sheet or a ``.csv`` file into rows of raw cells, numbered as Excel shows them.

CSV encodings are detected, not asked for: UTF-8 (with or without BOM), then GB18030 (a superset of
GBK and GB2312), each decoded strictly; anything else is an :class:`SourceProblem`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .problems import ENCODING_ERROR, SOURCE_ERROR

ENCODINGS = ("utf-8-sig", "gb18030")


class SourceProblem(Exception):
    """The file cannot be read at all; carries the problem type and a fix."""

    def __init__(self, type_: str, message: str, fix: str) -> None:
        super().__init__(message)
        self.type = type_
        self.message = message
        self.fix = fix


@dataclass
class Sheet:
    """Raw rows: ``(excel_row_number, cells)``; blank rows included, trailing blank cells not. The rows
    are produced as they are asked for, once, so an import starts writing before the file is read."""

    path: Path
    rows: Iterator[tuple[int, list[Any]]]
    size: int  # rows in the sheet (lines of a CSV file): an upper bound, for progress
    format: str  # "csv" or "xlsx"
    encoding: str | None = None
    sheet: str | None = None
    merged_title: list[str] = field(default_factory=list)


def read_sheet(path: Path, sheet: str | None = None) -> Sheet:
    suffix = path.suffix.lower()
    if not path.is_file():
        raise SourceProblem(SOURCE_ERROR, f"文件不存在：{path}", "检查文件路径")
    if suffix == ".csv":
        return _read_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet)
    if suffix == ".xls":
        raise SourceProblem(
            SOURCE_ERROR, f"不支持旧版 .xls 文件：{path.name}", "在 Excel 中另存为 .xlsx 后再导入"
        )
    raise SourceProblem(SOURCE_ERROR, f"不支持的文件类型：{path.name}", "导入 .xlsx 或 .csv 文件")


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read with (``utf-8-sig`` when a BOM is present)."""
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8-sig":
            return text, "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
        return text, encoding
    raise SourceProblem(
        ENCODING_ERROR,
        "文件编码无法识别（不是 UTF-8，也不是 GBK/GB18030）",
        "在 Excel 中另存为“CSV UTF-8（逗号分隔）”或 .xlsx 后再导入",
    )


def _read_csv(path: Path) -> Sheet:
    text, encoding = decode(path.read_bytes())
    rows = ((number, _trim(cells)) for number, cells in enumerate(csv.reader(io.StringIO(text)), start=1))
    return Sheet(path=path, rows=rows, size=text.count("\n") + 1, format="csv", encoding=encoding)


def _read_xlsx(path: Path, sheet: str | None) -> Sheet:
    """Read with calamine (Rust; ~10x faster than openpyxl), then give the cells the types openpyxl
    gives them, which the rest of the importer expects: blank cells are ``None``, whole numbers are
    ``int``, dates are ``datetime``."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except (CalamineError, OSError, ValueError) as exc:
        raise SourceProblem(
            SOURCE_ERROR, f"无法打开 Excel 文件 {path.name}：{exc}", "确认文件是 .xlsx 格式且未损坏"
        ) from None
    try:
        if sheet is None:
            name = workbook.sheet_names[0]
        elif sheet in workbook.sheet_names:
            name = sheet
        else:
            names = "、".join(workbook.sheet_names)
            raise SourceProblem(SOURCE_ERROR, f'没有名为 "{sheet}" 的工作表', f"可选工作表：{names}")
        cells = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    finally:
        workbook.close()
    rows = ((number, _trim(_cells(row))) for number, row in enumerate(cells, start=1))
    return Sheet(path=path, rows=rows, size=len(cells), format="xlsx", sheet=name)


def _cells(row: list[Any]) -> list[Any]:
    """:func:`_cell` of every value; text, the common case, is passed through without a call."""
    return [value if type(value) is str and value else _cell(value) for value in row]


def _cell(value: Any) -> Any:
    if value == "":
        return None
    if type(value) is float and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if type(value) is dt.date:
        return dt.datetime(value.year, value.month, value.day)
    return value


def _trim(cells: list[Any]) -> list[Any]:
    """The cells without the blank ones at the end."""
    if cells and type(last := cells[-1]) is str and last and not last[-1].isspace():
        return cells  # most rows end with a value: nothing to look at or copy
    end = len(cells)
    while end and (
        cells[end - 1] is None or (isinstance(cells[end - 1], str) and not cells[end - 1].strip())
    ):
        end -= 1
    return cells[:end]
