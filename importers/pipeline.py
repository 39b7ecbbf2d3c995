"""``import KIND FILE…``: read → find the table → parse → build and resolve → diff → write → prune.

Every file is validated before anything is written, so ``--strict`` can refuse the whole import.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from gongjian.graph.facade import Graph
from gongjian.graph.taxonomy import Taxonomy
from gongjian.settings import get_settings

from .diff import Diff, diff
from .entity import Entity
from .errors_workbook import default_path, write_errors_workbook
from .kinds import KINDS
from .kinds.base import BuildContext, Kind
from .masking import mask_name
from .parse import parse_records
from .problems import Problem
from .reading import SourceProblem, read_sheet
from .report import FileReport, ImportReport
from .table import Table, find_table
from .values import ParseContext
from .writer import Progress, write_batches

log = logging.getLogger("gongjian.importers")


class ImportUsageError(ValueError):
    """The command was asked something it cannot do (unknown kind, --errors with several files)."""


@dataclass
class ImportOptions:
    dry_run: bool = False
    strict: bool = False
    prune: bool = False
    batch_size: int | None = None  # default: GONGJIAN_BATCH_SIZE
    sheet: str | None = None
    errors_path: Path | None = None  # default: beside the input
    errors_workbook: bool = True  # write the errors workbook when rows are rejected
    progress: Progress | None = None


@dataclass
class _Prepared:
    report: FileReport
    diff: Diff = field(default_factory=Diff)
    missing_ids: list[str] = field(default_factory=list)


def run_import(
    graph: Graph,
    kind_name: str,
    paths: list[Path],
    options: ImportOptions | None = None,
    taxonomy: Taxonomy | None = None,
) -> ImportReport:
    options = options or ImportOptions()
    kind = KINDS.get(kind_name)
    if kind is None:
        raise ImportUsageError(f'unknown kind "{kind_name}"; use one of {", ".join(KINDS)}')
    if options.errors_path is not None and len(paths) > 1:
        raise ImportUsageError(
            "--errors names one workbook; with several files leave it out (each gets its own)"
        )
    with _collector_paused():
        report = _run(graph, kind, [Path(path) for path in paths], options, taxonomy or Taxonomy.load())
    log.info(
        "import %s: %d rows, %d created, %d updated, %d unchanged, %d rejected, %d missing",
        kind_name,
        report.total("rows"),
        report.total("created"),
        report.total("updated"),
        report.total("unchanged"),
        report.total("rejected"),
        report.total("missing"),
    )
    return report


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector: an import allocates millions of small, acyclic
    objects, and the collector's passes over them cost a quarter of the run. Plain reference
    counting still frees everything; the collector resumes (if it was on) when the import ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _run(
    graph: Graph, kind: Kind, paths: list[Path], options: ImportOptions, taxonomy: Taxonomy
) -> ImportReport:
    kind_name = kind.spec.kind
    ctx = BuildContext(graph, taxonomy)
    report = ImportReport(kind_name, options.dry_run, options.strict, options.prune)
    prepared = [_prepare(graph, kind, path, ctx, ParseContext(taxonomy), options) for path in paths]
    report.files = [p.report for p in prepared]

    if options.dry_run:
        report.note = "dry run: nothing written"
    elif options.strict and not report.ok:
        report.note = "strict: nothing written because some rows are invalid"
    else:
        batch_size = options.batch_size or get_settings().batch_size
        for item in prepared:
            if item.report.fatal:
                continue
            write_batches(
                graph, kind.write_query, item.diff.to_write, batch_size, options.progress, Entity.params
            )
            item.report.written = True
            if options.prune:
                _prune(graph, kind, item, report)
        report.written = any(f.written for f in report.files)
    return report


def _prepare(
    graph: Graph, kind: Kind, path: Path, ctx: BuildContext, pctx: ParseContext, options: ImportOptions
) -> _Prepared:
    report = FileReport(path=str(path))
    try:
        sheet = read_sheet(path, options.sheet)
    except SourceProblem as exc:
        report.problems.append(Problem(exc.type, exc.message, exc.fix))
        return _Prepared(report)
    report.format, report.encoding, report.sheet = sheet.format, sheet.encoding, sheet.sheet
    table = find_table(sheet, kind.spec)
    report.problems.extend(table.problems)
    if table.fatal:
        return _Prepared(report)
    report.header_row = table.header_row
    report.columns = {table.headers[i]: column.field for i, column in sorted(table.columns.items())}
    report.skipped_rows = [{"row": row, "reason": reason} for row, reason in table.skipped]
    report.rows = len(table.records)

    parsed, problems = parse_records(table.records, kind.spec, pctx)
    built = kind.build(parsed, ctx)
    problems.extend(built.problems)
    problems.sort(key=lambda p: (p.row or 0, p.severity))
    report.problems.extend(problems)
    rejected = {p.row for p in problems if p.severity == "error" and p.row is not None}
    report.rejected = len(rejected)
    report.valid = report.rows - report.rejected
    report.duplicates = sum(1 for p in problems if p.type == "duplicate-row")

    changes = diff(graph, kind, built.entities)
    report.created, report.updated, report.unchanged = (
        len(changes.created),
        len(changes.updated),
        len(changes.unchanged),
    )
    missing = _missing(graph, kind, built.scope, built.entities)
    report.missing = len(missing)
    report.missing_items = [
        {"id": row["id"], "label": _mask_label(row["label"]) if kind.personal_label else str(row["label"])}
        for row in missing
    ]
    if rejected and options.errors_workbook:
        target = options.errors_path or default_path(path)
        write_errors_workbook(target, table.headers, table.records, problems, kind.spec.zh)
        report.errors_workbook = str(target)
    return _Prepared(report, changes, [row["id"] for row in missing])


def _missing(graph: Graph, kind: Kind, scope: list[str], entities: list[Entity]) -> list[dict[str, str]]:
    if not scope:
        return []
    present = {e.id for e in entities}
    rows = graph.read(graph.named(kind.scope_query), scope=scope)
    seen: set[str] = set()
    found = []
    for row in rows:
        if row["id"] not in present and row["id"] not in seen:
            seen.add(row["id"])
            found.append(row)
    return sorted(found, key=lambda r: str(r["label"]))


def _prune(graph: Graph, kind: Kind, item: _Prepared, report: ImportReport) -> None:
    if not item.missing_ids:
        return
    if item.report.errors:
        report.note = (
            "--prune skipped: some rows were rejected; fix them so that nothing is deleted by mistake"
        )
        return
    rows = graph.write(graph.named(kind.prune_query), ids=item.missing_ids)
    item.report.pruned = int(rows[0]["deleted"]) if rows else 0


def _mask_label(label: str) -> str:
    return " / ".join(mask_name(part) for part in str(label).split(" / "))


def table_of(path: Path, kind_name: str, sheet: str | None = None) -> Table:
    """The table of a file as the importer sees it (for tests and the template round trip)."""
    return find_table(read_sheet(path, sheet), KINDS[kind_name].spec)
