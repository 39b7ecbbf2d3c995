"""The ``gongjian`` command line (typer + rich)."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, cast

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from gongjian.cli_account import register as register_account_commands
from gongjian.cli_audit import register as register_audit_command
from gongjian.cli_import import register as register_import_commands
from gongjian.cli_loop import register as register_loop_commands
from gongjian.cli_match import register as register_match_command
from gongjian.cli_query import register as register_query_commands
from gongjian.graph.errors import GraphError
from gongjian.graph.facade import Graph
from gongjian.settings import get_settings

app = typer.Typer(help="Gongjian 共建: the co-construction network as a graph.", no_args_is_help=True)
db_app = typer.Typer(help="Schema and statistics of the graph.", no_args_is_help=True)
demo_app = typer.Typer(help="Demo data.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(demo_app, name="demo")
register_account_commands(app)
register_audit_command(app)
register_import_commands(app)
register_loop_commands(app)
register_match_command(app)
register_query_commands(app)

console = Console()
err = Console(stderr=True)


@contextmanager
def open_graph() -> Iterator[Graph]:
    """Open the configured graph, turning graph-layer failures into a clean exit with the message."""
    try:
        with Graph.open() as graph:
            yield graph
    except GraphError as exc:
        err.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(1) from None


@db_app.command("init")
def db_init() -> None:
    """Create constraints and indexes for the active backend and load the category taxonomy."""
    from gongjian.graph.schema import init_schema

    with open_graph() as graph:
        report = init_schema(graph)
    console.print(
        f"schema ready on {graph.description}: {report.statements_applied} statements applied, "
        f"{report.statements_skipped} already present, {len(report.constraints_created)} constraints "
        f"created; taxonomy v{report.taxonomy_version} with {report.categories} categories"
    )
    if report.statistics_refreshed:
        console.print(f"project statistics filled in for {report.statistics_refreshed} deliverers")
    if report.reserved_refreshed:
        console.print(f"reserved quantities filled in for {report.reserved_refreshed} resources")
    if report.cells_filled:
        console.print(f"spatial keys filled in for {report.cells_filled} resources")


@db_app.command("stats")
def db_stats(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Node counts per label and relationship counts per type."""
    from gongjian.graph.schema import stats

    with open_graph() as graph:
        counts = stats(graph)
        description = graph.description
    if as_json:
        typer.echo(json.dumps({"backend": description, **counts}, ensure_ascii=False, indent=2))
        return
    for title, key in (("Nodes 节点", "nodes"), ("Relationships 关系", "relationships")):
        table = Table(title=title)
        table.add_column("label / type")
        table.add_column("count", justify="right")
        for name, count in sorted(counts[key].items()):
            table.add_row(name, f"{count:,}")
        table.add_row("[bold]total", f"[bold]{sum(counts[key].values()):,}")
        console.print(table)


@demo_app.command("load")
def demo_load(
    scale: Annotated[str, typer.Option(help="district (≈ Qilin) or city.")] = "district",
    seed: Annotated[int, typer.Option(help="Random seed; the same seed gives the same graph.")] = 0,
    replace: Annotated[bool, typer.Option(help="Delete existing data first.")] = False,
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Do nothing when the graph already holds data.")
    ] = False,
) -> None:
    """Load a deterministic demo network (streets, communities, units, members, lists, loops)."""
    from gongjian.graph.demo import SCALES, Scale, load_demo
    from gongjian.graph.schema import has_data, init_schema

    if scale not in SCALES:
        err.print(f'[bold red]error:[/] --scale "{scale}" is not one of {", ".join(SCALES)}')
        raise typer.Exit(2)
    with open_graph() as graph:
        init_schema(graph)
        if if_empty and has_data(graph):
            console.print("the graph already holds data: demo not loaded")
            return
        started = time.perf_counter()
        with _progress() as progress:
            tasks: dict[str, int] = {}

            def report(step: str, done: int, total: int) -> None:
                if step not in tasks:
                    tasks[step] = progress.add_task(step, total=total)
                progress.update(tasks[step], completed=done, total=total)

            try:
                counts = load_demo(
                    graph, scale=cast("Scale", scale), seed=seed, progress=report, replace=replace
                )
            except ValueError as exc:
                err.print(f"[bold red]error:[/] {exc}")
                raise typer.Exit(1) from None
    elapsed = time.perf_counter() - started
    summary = ", ".join(f"{k} {v:,}" for k, v in counts.items())
    console.print(f"demo {scale} (seed {seed}) loaded in {elapsed:.1f} s: {summary}")


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description:<24}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    )


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (GONGJIAN_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (GONGJIAN_PORT).")] = None,
) -> None:
    """Serve the GraphQL API (GraphiQL at /graphql in development)."""
    import uvicorn

    from gongjian.api.app import create_app

    settings = get_settings()
    logging.basicConfig(level=settings.log_level.upper())
    uvicorn.run(
        create_app(settings),
        host=host or settings.host,
        port=port or settings.port,
        log_level=settings.log_level.lower(),
    )


if __name__ == "__main__":
    app()
