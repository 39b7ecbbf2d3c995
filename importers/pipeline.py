"""``import KIND FILE…``: read → find the table → parse → build and resolve → diff → write → prune.

Every row is validated before it is written. Lists whose rows build independently (resources,
demands, members, agreements) go chunk by chunk: while one chunk is written, the next is validated,
so the engine and Python work at the same time. ``--strict`` and ``--dry-run`` validate every file
first and write (or not) afterwards.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Container, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gongjian.graph.facade import Graph
from gongjian.graph.taxonomy import Taxonomy
from gongjian.settings import get_settings

from .diff import Diff, diff
from .entity import Collector, Entity
from .errors_workbook import default_path, write_errors_workbook
from .kinds import KINDS
from .kinds.base import BuildContext, Kind
from .masking import mask_name
from .parse import parse_records
from .problems import Problem
from .reading import SourceProblem, read_sheet
from .report import FileReport, ImportReport
from .table import Record, Table, find_table
from .values import ParseContext
from .writer import BatchWriter, Progress

log = logging.getLogger("gongjian.importers")


FIRST_CHUNK = 500  # rows validated before the first write of a streaming list


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
class _File:
    """One file on its way through the import: its table, what its rows became, what is left to write."""

    path: Path
    report: FileReport
    table: Table | None = None
    collector: Collector = field(default_factory=Collector)
    problems: list[Problem] = field(default_factory=list)
    scope: dict[str, None] = field(default_factory=dict)
    present: set[str] = field(default_factory=set)  # ids of every entity the file's rows became
    # What the graph held within the scope before this import wrote to it: candidates for "missing".
    in_scope: list[dict[str, str]] = field(default_factory=list)
    stored: dict[str, dict[str, Any]] = field(default_factory=dict)  # ``in_scope`` by id
    held: Diff = field(default_factory=Diff)  # validated but not yet written (strict, dry run)
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
    """Validate and write chunk by chunk; with --strict or --dry-run, validate every file first."""
    ctx, pctx = BuildContext(graph, taxonomy), ParseContext(taxonomy)
    ctx.prefetch(kind.reads)
    report = ImportReport(kind.spec.kind, options.dry_run, options.strict, options.prune)
    files = [_open(kind, path, options) for path in paths]
    report.files = [f.report for f in files]
    hold = options.dry_run or options.strict
    batch_size = options.batch_size or get_settings().batch_size
    total = sum(f.table.estimate for f in files if f.table is not None)
    with BatchWriter(graph, batch_size, total, options.progress) as writer:
        for file in files:
            if file.table is None:
                continue
            # The first chunk is smaller, so the engine starts writing after a few hundred rows.
            for records in file.table.chunks(
                min(FIRST_CHUNK, batch_size), batch_size if kind.streams else None
            ):
                changes = _validate(graph, kind, file, records, ctx, pctx)
                if hold:
                    file.held.created += changes.created
                    file.held.updated += changes.updated
                else:
                    _write(writer, kind, changes)
                writer.credit(len(records))
            writer.total -= file.table.estimate - len(file.table.records)  # now it is known
            _finish(kind, file, options)
            if not hold:
                _written(writer, graph, kind, file, report, options)
        if options.dry_run:
            report.note = "dry run: nothing written"
        elif options.strict and not report.ok:
            report.note = "strict: nothing written because some rows are invalid"
        elif options.strict:
            for file in files:
                if file.table is not None:
                    _write(writer, kind, file.held)
                    _written(writer, graph, kind, file, report, options)
    report.written = any(f.written for f in report.files)
    return report


def _open(kind: Kind, path: Path, options: ImportOptions) -> _File:
    """Read the file and find its table; a file that cannot be read as a list gets no table."""
    file = _File(path, FileReport(path=str(path)))
    report = file.report
    try:
        sheet = read_sheet(path, options.sheet)
    except SourceProblem as exc:
        report.problems.append(Problem(exc.type, exc.message, exc.fix))
        return file
    report.format, report.encoding, report.sheet = sheet.format, sheet.encoding, sheet.sheet
    table = find_table(sheet, kind.spec)
    report.problems.extend(table.problems)
    if table.fatal:
        return file
    file.table = table
    report.header_row = table.header_row
    report.columns = {table.headers[i]: column.field for i, column in sorted(table.columns.items())}
    return file


def _validate(
    graph: Graph, kind: Kind, file: _File, records: list[Record], ctx: BuildContext, pctx: ParseContext
) -> Diff:
    """Parse and build a chunk of the file's rows, and compare what they became with the graph."""
    assert file.table is not None
    parsed, problems = parse_records(records, kind.spec, pctx, file.table.fields)
    built = kind.build(parsed, ctx, file.collector)
    file.problems += problems
    file.problems += built.problems
    new_scope = [key for key in dict.fromkeys(built.scope) if key not in file.scope]
    if new_scope:
        # Before this chunk is written, so a new list finds nothing; whatever the import writes is
        # in ``present``, so reading earlier or later finds the same missing rows.
        found = graph.read(graph.named(kind.scope_query), scope=new_scope)
        file.in_scope += found
        file.stored.update((row["id"], row) for row in found)
        file.scope.update(dict.fromkeys(new_scope))
    file.present.update(entity.id for entity in built.entities)
    changes = diff(graph, kind, built.entities, file.stored if kind.scope_finds_all else None)
    file.report.created += len(changes.created)
    file.report.updated += len(changes.updated)
    file.report.unchanged += len(changes.unchanged)
    return changes


def _write(writer: BatchWriter, kind: Kind, changes: Diff) -> None:
    merge = (kind.write_query, _merge_params)
    if kind.create_params is None:
        writer.write(*merge, changes.created)
    else:
        writer.write(kind.create_query, kind.create_params, changes.created, fallback=merge)
    writer.write(*merge, changes.updated)


def _merge_params(entities: Sequence[Entity]) -> dict[str, Any]:
    """A batch as every kind's MERGE statement takes it: ``$rows``, one map per entity."""
    return {"rows": [entity.params() for entity in entities]}


def _written(
    writer: BatchWriter, graph: Graph, kind: Kind, file: _File, report: ImportReport, options: ImportOptions
) -> None:
    """Once the file's batches are written: mark it so, then prune what it lacks if asked to."""
    writer.flush()
    file.report.written = True
    if options.prune:
        _prune(graph, kind, file, report)


def _finish(kind: Kind, file: _File, options: ImportOptions) -> None:
    """The file's problems in row order, its counts, its missing rows and its errors workbook."""
    report, problems = file.report, file.problems
    assert file.table is not None
    report.rows = len(file.table.records)  # every row has been read by now
    report.skipped_rows = [{"row": row, "reason": reason} for row, reason in file.table.skipped]
    problems.sort(key=lambda p: (p.row or 0, p.severity))
    report.problems.extend(problems)
    rejected = {p.row for p in problems if p.severity == "error" and p.row is not None}
    report.rejected = len(rejected)
    report.valid = report.rows - report.rejected
    report.duplicates = sum(1 for p in problems if p.type == "duplicate-row")
    missing = _missing(file.in_scope, file.present)
    report.missing = len(missing)
    report.missing_items = [
        {"id": row["id"], "label": _mask_label(row["label"]) if kind.personal_label else str(row["label"])}
        for row in missing
    ]
    file.missing_ids = [row["id"] for row in missing]
    if rejected and options.errors_workbook:
        target = options.errors_path or default_path(file.path)
        write_errors_workbook(target, file.table.headers, file.table.records, problems, kind.spec.zh)
        report.errors_workbook = str(target)


def validated(graph: Graph, kind_name: str, path: Path, taxonomy: Taxonomy | None = None) -> Diff:
    """What the rows of ``path`` would write, without writing (for benchmarks and tools)."""
    kind, taxonomy = KINDS[kind_name], taxonomy or Taxonomy.load()
    file = _open(kind, path, ImportOptions())
    if file.table is None:
        return Diff()
    return _validate(
        graph, kind, file, file.table.records, BuildContext(graph, taxonomy), ParseContext(taxonomy)
    )


def _missing(in_scope: list[dict[str, str]], present: Container[str]) -> list[dict[str, str]]:
    """What the graph held within the list's scope (its units, communities…) that the file lacks."""
    seen: set[str] = set()
    found = []
    for row in in_scope:
        if row["id"] not in present and row["id"] not in seen:
            seen.add(row["id"])
            found.append(row)
    return sorted(found, key=lambda r: str(r["label"]))


def _prune(graph: Graph, kind: Kind, item: _File, report: ImportReport) -> None:
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
