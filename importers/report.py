"""The import report: per file (and in total) created, updated, unchanged, rejected, missing; every
problem. Personal data is masked before it gets here (see :mod:`masking`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .problems import Problem

COUNTS = ("rows", "valid", "rejected", "duplicates", "created", "updated", "unchanged", "missing", "pruned")


@dataclass
class FileReport:
    path: str
    format: str | None = None
    encoding: str | None = None
    sheet: str | None = None
    header_row: int | None = None
    columns: dict[str, str] = field(default_factory=dict)  # header as written → field
    rows: int = 0  # data rows read (blank rows, titles and notes excluded)
    valid: int = 0
    rejected: int = 0
    duplicates: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    missing: int = 0
    pruned: int = 0
    written: bool = False
    skipped_rows: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    missing_items: list[dict[str, str]] = field(default_factory=list)
    errors_workbook: str | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def fatal(self) -> bool:
        """The file could not be read as a list at all (no row number on an error)."""
        return any(p.row is None or p.type == "missing-header" for p in self.errors)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "encoding": self.encoding,
            "sheet": self.sheet,
            "headerRow": self.header_row,
            "columns": self.columns,
            **{name: getattr(self, name) for name in COUNTS},
            "written": self.written,
            "skippedRows": self.skipped_rows,
            "errors": [p.as_dict() for p in self.errors],
            "warnings": [p.as_dict() for p in self.warnings],
            "missingItems": self.missing_items,
            "errorsWorkbook": self.errors_workbook,
        }


@dataclass
class ImportReport:
    kind: str
    dry_run: bool = False
    strict: bool = False
    prune: bool = False
    files: list[FileReport] = field(default_factory=list)
    written: bool = False
    note: str = ""  # why nothing was written (strict, dry run), or what --prune did not do

    def total(self, name: str) -> int:
        return sum(getattr(f, name) for f in self.files)

    @property
    def ok(self) -> bool:
        """True when every row of every file was valid."""
        return all(not f.errors for f in self.files)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "dryRun": self.dry_run,
            "strict": self.strict,
            "prune": self.prune,
            "written": self.written,
            "note": self.note,
            "totals": {name: self.total(name) for name in COUNTS},
            "files": [f.as_dict() for f in self.files],
        }
