"""``gongjian query list|run`` (the analysts' catalogue, docs/analysis.md) and ``gongjian cypher "…"``."""

from __future__ import annotations

import csv
import io
import json
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

console = Console()
err = Console(stderr=True)

query_app = typer.Typer(help="The analysts' Cypher catalogue (queries/).", no_args_is_help=True)


class Format(StrEnum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    XLSX = "xlsx"


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, float) and value.is_integer():
        return f"{value:.1f}"
    return str(value)


def _table(title: str, columns: list[str], rows: list[dict[str, Any]]) -> Table:
    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    return table


def write_rows(
    columns: list[str], rows: list[dict[str, Any]], fmt: Format, output: Path | None, title: str
) -> None:
    """Print or save rows as a table, CSV, JSON (a list of objects) or an XLSX workbook."""
    if fmt == Format.XLSX:
        if output is None:
            raise _fail("--format xlsx needs -o FILE.xlsx")
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "result"
        sheet.append(columns)
        for row in rows:
            sheet.append(
                [_cell(v) if isinstance(v, list | dict) else v for v in (row.get(c) for c in columns)]
            )
        book.save(output)
        err.print(f"{len(rows)} rows written to {output}")
        return
    if fmt == Format.TABLE:
        if output is not None:
            with output.open("w", encoding="utf-8") as handle:
                Console(file=handle, width=200).print(_table(title, columns, rows))
        else:
            console.print(_table(title, columns, rows))
            err.print(f"{len(rows)} rows")
        return
    if fmt == Format.JSON:
        text = json.dumps(
            [{c: r.get(c) for c in columns} for r in rows], ensure_ascii=False, indent=2, default=str
        )
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])
        text = buffer.getvalue()
    if output is not None:
        output.write_text(text, encoding="utf-8-sig" if fmt == Format.CSV else "utf-8")
        err.print(f"{len(rows)} rows written to {output}")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


@query_app.command("list")
def query_list(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """The catalogue: name, title and parameters of every analysis."""
    from gongjian.queries import catalogue

    analyses = catalogue.analyses()
    if as_json:
        payload = [
            {
                "name": a.name,
                "title": a.title,
                "description": a.description,
                "params": [
                    {"name": p.name, "type": p.type, "default": p.default, "required": p.required}
                    for p in a.params
                ],
                "columns": list(a.columns),
            }
            for a in analyses
        ]
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    table = Table(title="分析目录 / Analysis catalogue", show_lines=False)
    table.add_column("name")
    table.add_column("title 标题")
    table.add_column("parameters 参数")
    for a in analyses:
        table.add_row(a.name, a.title, "\n".join(p.signature for p in a.params) or "—")
    console.print(table)


def _parse_params(pairs: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise _fail(f'-p "{pair}": write parameters as key=value, e.g. -p asOf=2026-06-30')
        params[key.strip()] = value
    return params


@query_app.command("run")
def query_run(
    name: Annotated[str, typer.Argument(help="Analysis name, e.g. coverage/grids_without_branch.")],
    param: Annotated[
        list[str] | None, typer.Option("-p", "--param", help="key=value; repeat for several.")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.TABLE,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to FILE.")] = None,
) -> None:
    """Run one analysis read-only, with its parameters checked against the file's header."""
    from gongjian.cli import open_graph
    from gongjian.queries import catalogue

    try:
        analysis = catalogue.get(name)
        bound = catalogue.bind(analysis, _parse_params(param or []))
    except catalogue.CatalogueError as exc:
        raise _fail(str(exc)) from None
    with open_graph() as graph:
        started = time.perf_counter()
        result = catalogue.run(graph, analysis.name, bound)
        elapsed = time.perf_counter() - started
    write_rows(list(result.columns), result.rows, fmt, output, f"{analysis.title} ({elapsed:.2f} s)")


def cypher(
    statement: Annotated[str, typer.Argument(help="A Cypher statement; $name for parameters.")],
    param: Annotated[
        list[str] | None, typer.Option("-p", "--param", help="key=value (JSON values allowed); repeat.")
    ] = None,
    write: Annotated[bool, typer.Option("--write", help="Allow the statement to change data.")] = False,
    timeout: Annotated[
        float | None,
        typer.Option("--timeout", help="Seconds before the query is stopped (default: settings)."),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.TABLE,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to FILE.")] = None,
) -> None:
    """Run an ad-hoc Cypher statement: read-only unless --write, stopped after the timeout."""
    from gongjian.graph.errors import GraphError, ReadOnlyViolation
    from gongjian.graph.facade import Graph
    from gongjian.settings import get_settings

    params: dict[str, Any] = {}
    for key, value in _parse_params(param or []).items():
        try:
            params[key] = json.loads(value)
        except json.JSONDecodeError:
            params[key] = value
    settings = get_settings()
    if timeout is not None:
        if timeout <= 0:
            raise _fail(f"--timeout {timeout}: give a positive number of seconds")
        settings = settings.model_copy(update={"query_timeout_ms": max(1, round(timeout * 1000))})
    started = time.perf_counter()
    try:
        with Graph.open(settings=settings) as graph:
            rows = graph.write(statement, **params) if write else graph.read(statement, **params)
    except ReadOnlyViolation as exc:
        raise _fail(f"{exc} — add --write to change data") from None
    except GraphError as exc:
        raise _fail(str(exc), 1) from None
    elapsed = time.perf_counter() - started
    columns: list[str] = []
    for row in rows:
        columns += [k for k in row if k not in columns]
    write_rows(columns, rows, fmt, output, f"{len(rows)} rows, {elapsed:.2f} s")


def register(app: typer.Typer) -> None:
    app.add_typer(query_app, name="query")
    app.command("cypher")(cypher)
