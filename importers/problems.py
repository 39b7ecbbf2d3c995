"""Import problems shaped like frictionless-py's errors: a type, the row as Excel shows it, the column,
the cell value, the message and a suggested fix.

A problem with ``severity="error"`` rejects its row (or, without a row, the whole file); a
``warning`` is reported but the row is still written (a duplicate row, an ignored column).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]

# Error types (the ``type`` field), after frictionless's names where one exists.
ENCODING_ERROR = "encoding-error"  # the file is not UTF-8 / GB18030
SOURCE_ERROR = "source-error"  # unreadable file, unknown extension, missing sheet
HEADER_ERROR = "missing-header"  # no header row, or a required column is missing
EXTRA_HEADER = "extra-header"  # a column the importer does not know (ignored)
DUPLICATE_HEADER = "duplicate-header"  # two columns mean the same field (the first is used)
MISSING_CELL = "missing-cell"  # a required value is blank
TYPE_ERROR = "type-error"  # a value cannot be read as what the column holds
CONSTRAINT_ERROR = "constraint-error"  # readable but not allowed (range, check digit, enumeration)
UNKNOWN_CATEGORY = "unknown-category"  # not in the taxonomy; the fix names the closest categories
UNKNOWN_REFERENCE = "unknown-reference"  # names an area, unit or organisation that does not exist
AMBIGUOUS_REFERENCE = "ambiguous-reference"  # names several; the fix asks for the street or a code
DUPLICATE_ROW = "duplicate-row"  # the same entity twice with the same values: written once
CONFLICTING_ROW = "conflicting-row"  # the same entity twice with different values: the later is rejected


@dataclass(frozen=True)
class Problem:
    type: str
    message: str
    fix: str = ""
    row: int | None = None
    column: str | None = None
    value: str | None = None
    severity: Severity = "error"

    def describe(self) -> str:
        """``第14行 数量: "约20" 不是数字 → 填写整数`` (the value is already masked when personal)."""
        where = []
        if self.row is not None:
            where.append(f"第{self.row}行")
        if self.column:
            where.append(self.column)
        head = " ".join(where)
        text = f"{head}: {self.message}" if head else self.message
        return f"{text}（{self.fix}）" if self.fix else text

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class CellError(ValueError):
    """Raised by a value parser: what is wrong with the value and how to fix it."""

    def __init__(self, message: str, fix: str = "", type_: str = TYPE_ERROR) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix
        self.type = type_
