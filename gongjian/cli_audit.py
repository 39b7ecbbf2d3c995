"""``gongjian audit``: the audit trail — who changed what, or saw whose personal data, when and from where
(docs/security.md, "Audit"). Audit events hold ids, field and operation names only, so listing and
exporting them shows no personal data."""

from __future__ import annotations

import re
from datetime import timedelta
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from gongjian.cli_query import Format, _fail, write_rows

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Kind(StrEnum):
    MUTATION = "mutation"
    PERSONAL = "personal"


def parse_bound(option: str, text: str, *, end_of_day: bool = False) -> str:
    """An ISO time in China Standard Time (as stored) from ``YYYY-MM-DD`` or an ISO-8601 time. A date
    starts at 00:00; with ``end_of_day`` it covers that whole day (the next day's 00:00, exclusive)."""
    from gongjian.graph.loop.clock import iso, parse

    try:
        moment = parse(f"{text}T00:00:00" if _DATE.match(text) else text)
    except ValueError:
        raise _fail(
            f'{option} "{text}" is not a date: give YYYY-MM-DD or an ISO-8601 time such as '
            "2026-03-02T09:00:00+08:00"
        ) from None
    if end_of_day and _DATE.match(text):
        moment += timedelta(days=1)
    return iso(moment)


def audit(
    since: Annotated[
        str | None, typer.Option(help="From this date (YYYY-MM-DD, China time) or ISO time, inclusive.")
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(help="Through this date (the whole day) or up to this ISO time (exclusive)."),
    ] = None,
    actor: Annotated[
        str | None, typer.Option(help="Who: an account id (acct-…), oidc:<subject> or anonymous.")
    ] = None,
    action: Annotated[
        Kind | None,
        typer.Option(help="mutation (changes, refused ones too) or personal (personal data shown)."),
    ] = None,
    subject: Annotated[
        str | None, typer.Option(help="Only events naming this id (a demand, member, unit …).")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many, newest first.")] = 1000,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.TABLE,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to FILE.")] = None,
) -> None:
    """List or export audit events: mutations and personal data shown unmasked, newest first."""
    from gongjian.cli import open_graph
    from gongjian.graph import audit as trail

    lower = parse_bound("--since", since) if since else None
    upper = parse_bound("--until", until, end_of_day=True) if until else None
    if lower and upper and lower >= upper:
        raise _fail(f"--since {since} is not before --until {until}: nothing can match")
    actions = (f"audit.{action.value}",) if action else trail.ACTIONS
    where = trail.AuditFilter(
        since=lower, until=upper, actor=actor, actions=actions, subject=subject, limit=limit
    )
    with open_graph() as graph:
        rows = trail.search(graph, where)
    write_rows(list(trail.COLUMNS), rows, fmt, output, f"审计记录 / audit trail ({len(rows)})")


def register(app: typer.Typer) -> None:
    app.command("audit")(audit)
