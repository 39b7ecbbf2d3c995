"""Find the header row of a sheet, map its cells to columns, and cut the data rows out.

Title rows above the header (often merged: "星城街道驻区单位资源清单（2025年）"), blank rows and trailing
notes (填表说明…, 合计…) are skipped. The header is the row among the first :data:`SCAN_ROWS` that
matches the most known columns.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import Any

from .problems import DUPLICATE_HEADER, EXTRA_HEADER, HEADER_ERROR, Problem
from .reading import Sheet
from .spec import Column, KindSpec, header_key
from .values import display, is_blank

SCAN_ROWS = 30
ERROR_COLUMN = "错误原因"  # added by the errors workbook; ignored when that file is imported again
_TOTAL = re.compile(r"^(合计|总计|小计|共计)")
_NOTE = re.compile(
    r"^(填表说明|填报说明|说明|注意事项|注|备注|填表人|填报人|制表人|制表|审核人|审核|填报单位|填报日期)\s*[:：]"
)
_NOTES_START = re.compile(r"^(填表说明|填报说明|注意事项)")
_SKIP_STARTS = frozenset("合总小共填说注备制审")  # the first characters the three patterns can match


@dataclass(slots=True)
class Record:
    """One data row: the Excel row number and its cells as the file holds them (the columns a row
    leaves blank at its end may be missing). :attr:`Table.fields` says which cell holds which field."""

    row: int
    original: list[Any]


@dataclass
class Table:
    """The header and the data rows of a sheet. The rows are read from the sheet as :meth:`chunks`
    asks for them (and kept); :attr:`records` and :attr:`skipped` are complete once all are read."""

    header_row: int
    headers: list[str]  # the header cells as written, in file order
    columns: dict[int, Column]  # file column index → column
    source: Iterator[Record] = field(default_factory=lambda: iter(()), repr=False)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (row, reason): notes, totals
    problems: list[Problem] = field(default_factory=list)
    estimate: int = 0  # rows below the header: an upper bound of the records, for progress
    _read: list[Record] = field(default_factory=list, repr=False)

    @property
    def fatal(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    @property
    def records(self) -> list[Record]:
        """Every data row (reading what is left of the sheet)."""
        self._read.extend(self.source)
        return self._read

    def chunks(self, first: int, size: int | None) -> Iterator[list[Record]]:
        """The data rows in chunks: ``first`` rows, then ``size`` at a time; all at once without a size."""
        if size is None:
            yield self.records
            return
        want = first
        while chunk := list(islice(self.source, want)):
            self._read.extend(chunk)
            yield chunk
            want = size

    @property
    def fields(self) -> dict[str, int]:
        """Each recognised field and the index of its cell in a record."""
        return {column.field: index for index, column in self.columns.items()}


def find_table(sheet: Sheet, spec: KindSpec) -> Table:
    lookup = spec.lookup()
    rows = iter(sheet.rows)
    head = list(islice(rows, SCAN_ROWS))
    header_row, header_cells = _header(head, lookup)
    if header_row is None:
        wanted = "、".join(c.zh for c in spec.required)
        problem = Problem(
            HEADER_ERROR,
            f"在前{SCAN_ROWS}行找不到{spec.zh}的表头",
            f"表头须包含必填列：{wanted}；可用 gongjian template {spec.kind} 生成模板",
        )
        return Table(0, [], {}, problems=[problem])

    columns: dict[int, Column] = {}
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    headers = [display(cell) if not is_blank(cell) else "" for cell in header_cells]
    for index, cell in enumerate(headers):
        if not cell or header_key(cell) == header_key(ERROR_COLUMN):
            continue
        column = lookup.get(header_key(cell))
        if column is None:
            problems.append(
                Problem(
                    EXTRA_HEADER,
                    f'未知列 "{cell}"，已忽略',
                    _extra_fix(spec),
                    header_row,
                    cell,
                    severity="warning",
                )
            )
        elif column.field in seen:
            first = headers[seen[column.field]]
            problems.append(
                Problem(
                    DUPLICATE_HEADER,
                    f'列 "{cell}" 与 "{first}" 表示同一项，只读取前一列',
                    "删除重复的列",
                    header_row,
                    cell,
                    severity="warning",
                )
            )
        else:
            seen[column.field] = index
            columns[index] = column
    for column in spec.required:
        if column.field not in seen:
            accepted = "、".join(dict.fromkeys((column.zh, column.en, *column.aliases)))
            problems.append(
                Problem(
                    HEADER_ERROR,
                    f"缺少必填列 {column.zh}（第{header_row}行被识别为表头）",
                    f"添加列 {column.zh}；可用的列名：{accepted}",
                    header_row,
                    column.zh,
                )
            )

    skipped: list[tuple[int, str]] = []
    source = _data_rows(chain(head, rows), header_row, skipped)
    return Table(header_row, headers, columns, source, skipped, problems, max(0, sheet.size - header_row))


def _data_rows(
    rows: Iterable[tuple[int, list[Any]]], header_row: int, skipped: list[tuple[int, str]]
) -> Iterator[Record]:
    """The records below the header; blank rows dropped, notes and totals skipped (added to ``skipped``)."""
    in_notes = False
    for number, cells in rows:
        if number <= header_row:
            continue
        first = _first_filled(cells)
        if first is None:
            continue
        reason = "填表说明" if in_notes else _skip_reason(first, cells)
        if reason is not None:
            in_notes = in_notes or reason == "填表说明"
            skipped.append((number, reason))
            continue
        yield Record(number, cells)


def _first_filled(cells: list[Any]) -> Any:
    for cell in cells:
        if not is_blank(cell):
            return cell
    return None


def _skip_reason(first: Any, cells: list[Any]) -> str | None:
    """Why a row whose first filled cell is ``first`` is not data: notes from here on, a total, a note."""
    text = display(first)
    if unicodedata.is_normalized("NFKC", text) and text[:1] not in _SKIP_STARTS:
        return None  # cannot start any of the patterns below (the common case, decided cheaply)
    plain = _plain(first)
    if _NOTES_START.match(plain):
        return "填表说明"
    if _TOTAL.match(plain):
        return "合计行"
    if _NOTE.match(plain) and sum(1 for c in cells if not is_blank(c)) == 1:
        return "说明"
    return None


def _header(head: list[tuple[int, list[Any]]], lookup: dict[str, Column]) -> tuple[int | None, list[Any]]:
    best: tuple[int, int, list[Any]] | None = None
    for number, cells in head:
        fields = {
            lookup[key].field for key in (header_key(c) for c in cells if not is_blank(c)) if key in lookup
        }
        if len(fields) >= 2 and (best is None or len(fields) > best[0]):
            best = (len(fields), number, cells)
    return (best[1], best[2]) if best else (None, [])


def _plain(value: Any) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", display(value)))


def _extra_fix(spec: KindSpec) -> str:
    return f"可用的列：{'、'.join(c.zh for c in spec.columns)}"
