"""``gongjian import KIND FILE…`` and ``gongjian template KIND -o FILE.xlsx``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from gongjian.importers.report import ImportReport

console = Console()
err = Console(stderr=True)

KIND_HELP = "areas, orgs, units, members, resources, demands or agreements"


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)
    app.command("template")(template_command)


def import_command(
    kind: Annotated[str, typer.Argument(help=KIND_HELP)],
    files: Annotated[list[Path], typer.Argument(help=".xlsx or .csv (UTF-8, UTF-8 BOM, GBK, GB18030)")],
    sheet: Annotated[str | None, typer.Option(help="Worksheet name (default: the first).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Validate and report; write nothing.")] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Write nothing unless every row is valid.")
    ] = False,
    prune: Annotated[
        bool,
        typer.Option("--prune", help="Delete entities of the list's scope that are missing from the file."),
    ] = False,
    errors: Annotated[
        Path | None,
        typer.Option("--errors", help="Errors workbook (default: <input>.errors.xlsx beside it)."),
    ] = None,
    report: Annotated[Path | None, typer.Option("--report", help="Write the JSON report here.")] = None,
    batch_size: Annotated[
        int | None, typer.Option(min=1, help="Rows per write (GONGJIAN_BATCH_SIZE).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON report instead of tables.")] = False,
) -> None:
    """Import a list (资源清单, 需求清单, 驻区单位名册 …): validate every row, write the valid ones."""
    from gongjian.cli import open_graph
    from gongjian.graph.schema import init_schema
    from gongjian.importers import KINDS, ImportOptions, ImportUsageError, run_import

    if kind not in KINDS:
        err.print(f'[bold red]error:[/] unknown kind "{kind}"; use one of {", ".join(KINDS)}')
        raise typer.Exit(2)
    with open_graph() as graph, _progress(as_json) as progress:
        task = progress.add_task(f"import {kind}", total=None)

        def on_progress(done: int, total: int, rate: float) -> None:
            progress.update(task, completed=done, total=total, rate=f"{rate:,.0f} rows/s")

        if not dry_run:
            init_schema(graph)
        options = ImportOptions(
            dry_run=dry_run,
            strict=strict,
            prune=prune,
            batch_size=batch_size,
            sheet=sheet,
            errors_path=errors,
            progress=on_progress,
        )
        try:
            result = run_import(graph, kind, files, options)
        except ImportUsageError as exc:
            err.print(f"[bold red]error:[/] {exc}")
            raise typer.Exit(2) from None
    data = result.as_dict()
    if report is not None:
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print_summary(result)
    raise typer.Exit(0 if result.ok else 1)


def template_command(
    kind: Annotated[str, typer.Argument(help=KIND_HELP)],
    output: Annotated[Path, typer.Option("-o", "--output", help="The .xlsx to write.")],
) -> None:
    """Write a fill-in template: headers with required markers, an example row, drop-downs, 填写说明."""
    from gongjian.importers import KINDS, write_template

    if kind not in KINDS:
        err.print(f'[bold red]error:[/] unknown kind "{kind}"; use one of {", ".join(KINDS)}')
        raise typer.Exit(2)
    write_template(kind, output)
    console.print(f"template for {kind} ({KINDS[kind].spec.zh}) written to {output}")


def _progress(quiet: bool) -> Progress:
    return _ProgressWithRate(quiet)


class _ProgressWithRate(Progress):
    def __init__(self, quiet: bool) -> None:
        super().__init__(
            TextColumn("{task.description:<20}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            console=err,
            disable=quiet,
            transient=True,
        )

    def add_task(self, description: str, *args: Any, **kwargs: Any) -> TaskID:
        kwargs.setdefault("rate", "")
        return super().add_task(description, *args, **kwargs)


def _print_summary(result: ImportReport) -> None:
    table = Table(title=f"import {result.kind}")
    for name in (
        "file",
        "rows",
        "created",
        "updated",
        "unchanged",
        "rejected",
        "duplicates",
        "missing",
        "pruned",
    ):
        table.add_column(name, justify="left" if name == "file" else "right")
    for f in result.files:
        table.add_row(
            Path(f.path).name,
            *(
                f"{getattr(f, n):,}"
                for n in (
                    "rows",
                    "created",
                    "updated",
                    "unchanged",
                    "rejected",
                    "duplicates",
                    "missing",
                    "pruned",
                )
            ),
        )
    console.print(table)
    for f in result.files:
        for problem in f.problems:
            style = "red" if problem.severity == "error" else "yellow"
            line = Text(Path(f.path).name + " ", style=style)
            line.append(problem.describe())
            console.print(line, highlight=False)
        if f.missing_items:
            console.print(
                f"{Path(f.path).name}: {f.missing} missing from the file (kept; --prune removes them):"
            )
            for item in f.missing_items[:50]:
                console.print(f"  - {item['label']}", highlight=False)
        if f.errors_workbook:
            console.print(
                f"rejected rows written to {f.errors_workbook} — fix them there and import that file"
            )
    if result.note:
        console.print(result.note)
