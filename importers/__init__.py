"""Spreadsheet importers: the lists people actually keep (CSV/XLSX), validated, resolved and written
to the graph in batches — safely and repeatably. See ``docs/importing.md``.

    report = run_import(graph, "resources", [Path("资源清单.xlsx")], ImportOptions(dry_run=True))
"""

from __future__ import annotations

from .kinds import KINDS
from .pipeline import ImportOptions, ImportUsageError, run_import
from .report import FileReport, ImportReport
from .template import write_template

__all__ = [
    "KINDS",
    "FileReport",
    "ImportOptions",
    "ImportReport",
    "ImportUsageError",
    "run_import",
    "write_template",
]
