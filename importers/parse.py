"""Parse the cells of every data row with its column's parser; collect cell errors per row.

Values repeat a lot in real lists (categories, schedules, streets), so each column parses each distinct
raw value once.
"""

from __future__ import annotations

from typing import Any

from .kinds.base import Parsed
from .masking import mask
from .problems import MISSING_CELL, CellError, Problem
from .spec import Column, KindSpec
from .table import Record
from .values import ParseContext, display, is_blank

_FAILED = object()


def parse_records(
    records: list[Record], spec: KindSpec, ctx: ParseContext
) -> tuple[list[Parsed], list[Problem]]:
    columns = [c for c in spec.columns if records and c.field in records[0].cells]
    caches: dict[str, dict[Any, Any]] = {c.field: {} for c in columns}
    errors: dict[str, dict[Any, CellError]] = {c.field: {} for c in columns}
    parsed: list[Parsed] = []
    problems: list[Problem] = []
    for record in records:
        values: dict[str, Any] = {}
        row_problems: list[Problem] = []
        for column in columns:
            raw = record.cells.get(column.field)
            if is_blank(raw):
                values[column.field] = None
                if column.required:
                    row_problems.append(
                        Problem(
                            MISSING_CELL,
                            f"{column.zh}为必填项，不能为空",
                            f"填写{column.zh}",
                            record.row,
                            column.zh,
                            "",
                        )
                    )
                continue
            cache, failed = caches[column.field], errors[column.field]
            key = (type(raw), raw)
            value = cache.get(key, _FAILED)
            if value is _FAILED:
                error = failed.get(key)
                if error is None:
                    try:
                        value = column.parser(raw, ctx)
                        cache[key] = value
                    except CellError as exc:
                        failed[key] = error = exc
                if error is not None:
                    row_problems.append(_cell_problem(error, record.row, column, raw))
                    continue
            values[column.field] = value
        if not row_problems:
            row_problems.extend(_pairs(values, record.row))
        if row_problems:
            problems.extend(row_problems)
        else:
            parsed.append(Parsed(record.row, values))
    return parsed, problems


def _cell_problem(error: CellError, row: int, column: Column, raw: Any) -> Problem:
    shown = mask(display(raw), column.personal)
    return Problem(error.type, error.message, error.fix, row, column.zh, shown)


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
