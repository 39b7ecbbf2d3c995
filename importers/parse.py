"""Parse the cells of every data row with its column's parser; collect cell errors per row.

Work goes column by column: values repeat a lot in real lists (categories, schedules, streets), so
each column parses each distinct raw value once, and a failed value becomes one shared
:class:`_Failed` that every row holding it turns into its own problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .kinds.base import Parsed
from .masking import mask
from .problems import MISSING_CELL, CellError, Problem
from .spec import Column, KindSpec
from .table import Record
from .values import ParseContext, display, is_blank


@dataclass(frozen=True)
class _Failed:
    """Why a cell value cannot be read: a problem without its row number."""

    type: str
    message: str
    fix: str
    column: str
    value: str

    def at(self, row: int) -> Problem:
        return Problem(self.type, self.message, self.fix, row, self.column, self.value)


def parse_records(
    records: list[Record], spec: KindSpec, ctx: ParseContext, fields_at: dict[str, int]
) -> tuple[list[Parsed], list[Problem]]:
    """Parse ``records`` of a table whose field ``f`` is in cell ``fields_at[f]``."""
    columns = [c for c in spec.columns if c.field in fields_at]
    fields = [c.field for c in columns]
    parsed_columns: list[list[Any]] = []
    failing: set[int] = set()  # indexes of records with a cell that failed
    for column in columns:
        values, failed = _parse_column(column, records, fields_at[column.field], ctx)
        parsed_columns.append(values)
        failing.update(failed)
    rows = zip(*parsed_columns, strict=True) if columns else iter([()] * len(records))
    check_pairs = "longitude" in fields or "latitude" in fields
    parsed: list[Parsed] = []
    problems: list[Problem] = []
    for index, (record, cells) in enumerate(zip(records, rows, strict=True)):
        if index in failing:
            problems.extend(cell.at(record.row) for cell in cells if isinstance(cell, _Failed))
            continue
        values = dict(zip(fields, cells, strict=True))
        pairs = _pairs(values, record.row) if check_pairs else []
        if pairs:
            problems.extend(pairs)
        else:
            parsed.append(Parsed(record.row, values))
    return parsed, problems


def _parse_column(
    column: Column, records: list[Record], index: int, ctx: ParseContext
) -> tuple[list[Any], list[int]]:
    """The column's value (cell ``index``) in every record (None when blank) or a :class:`_Failed`,
    and the indexes of the records whose value failed."""
    raws = [cells[index] if index < len(cells) else None for cells in [r.original for r in records]]
    keys = [raw if type(raw) is str else (type(raw), raw) for raw in raws]  # 1, 1.0, True differ
    parsed = {key: _parse_cell(column, raw, ctx) for key, raw in dict(zip(keys, raws, strict=True)).items()}
    failed = {key for key, value in parsed.items() if isinstance(value, _Failed)}
    values = list(map(parsed.__getitem__, keys))
    return values, [i for i, key in enumerate(keys) if key in failed] if failed else []


def _parse_cell(column: Column, raw: Any, ctx: ParseContext) -> Any:
    if is_blank(raw):
        if column.required:
            return _Failed(MISSING_CELL, f"{column.zh}为必填项，不能为空", f"填写{column.zh}", column.zh, "")
        return None
    try:
        return column.parser(raw, ctx)
    except CellError as error:
        shown = mask(display(raw), column.personal)
        return _Failed(error.type, error.message, error.fix, column.zh, shown)


def _pairs(values: dict[str, Any], row: int) -> list[Problem]:
    """Columns that only make sense together: longitude with latitude."""
    has_lon, has_lat = values.get("longitude") is not None, values.get("latitude") is not None
    if has_lon != has_lat:
        missing = "纬度" if has_lon else "经度"
        return [
            Problem(
                MISSING_CELL,
                f"只填了{'经度' if has_lon else '纬度'}，缺少{missing}",
                "经度和纬度一起填写，或都留空",
                row,
                missing,
                "",
            )
        ]
    return []
