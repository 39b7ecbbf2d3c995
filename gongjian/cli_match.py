"""``gongjian match COMMUNITY NEED``: which units can meet a need in a community (docs/matching.md)."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

console = Console()
err = Console(stderr=True)


def match(
    community: Annotated[str, typer.Argument(help="Community id, unambiguous name, or path 街道/社区.")],
    need: Annotated[str, typer.Argument(help="Category code (parking) or Chinese text (停车位, 义诊).")],
    quantity: Annotated[int, typer.Option(help="Quantity needed.")] = 1,
    window: Annotated[
        list[str] | None,
        typer.Option(help='When, e.g. "mon-fri 18:00-08:00" or 工作日18:00-次日8:00; repeat for several.'),
    ] = None,
    radius: Annotated[int | None, typer.Option(help="Radius in metres (default: the category's).")] = None,
    limit: Annotated[int | None, typer.Option(help="How many candidates (1-100).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list of candidates.")] = False,
) -> None:
    """Rank the units whose resources can meet NEED in COMMUNITY, with the reasons and the path."""
    from gongjian.cli import open_graph
    from gongjian.graph.matching import Matcher, MatchError, UnknownCategory
    from gongjian.settings import get_settings

    with open_graph() as graph:
        try:
            answer = Matcher(graph, get_settings()).match(
                community, need, quantity=quantity, window=window or None, radius_m=radius, limit=limit
            )
        except (MatchError, UnknownCategory) as exc:
            err.print(f"[bold red]error:[/] {exc}", markup=True, highlight=False)
            raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps([c.as_dict() for c in answer.candidates], ensure_ascii=False, indent=2))
        return
    where = answer.community.path or answer.community.name
    title = f"{where} · {answer.need.name} ({answer.need.code}) × {answer.quantity} · {answer.radius_m} m" + (
        f" · {'; '.join(answer.window)}" if answer.window else ""
    )
    if not answer.candidates:
        console.print(f"{title}: 没有符合条件的资源 / no candidate")
        return
    table = Table(title=title, show_lines=True)
    for column, justify in (
        ("unit 单位", "left"),
        ("resource 资源", "left"),
        ("remaining 剩余", "right"),
        ("distance 距离", "right"),
        ("score 评分", "right"),
        ("reasons 理由", "left"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for c in answer.candidates:
        table.add_row(
            c.unit_name,
            c.resource_name,
            str(c.remaining),
            f"{c.distance_m:,.0f} m",
            f"{c.score:.3f}",
            "\n".join(c.reasons),
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("match")(match)
