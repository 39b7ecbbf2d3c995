"""The loop's documentation says what the code does: the tables of docs/loop.md are generated from
``graph/loop/actions.py`` (and the timing rules), and the loop's parts of docs/model.md from
``graph/model.py``. When a test fails, paste the expected table it prints into the document.

    python -m tests.test_loop_docs    # prints every generated table
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from gongjian.graph.loop.actions import MOVES, RESERVING, STATUS_ZH, allowed_actions
from gongjian.graph.loop.engine import _CREATING
from gongjian.graph.loop.timing import UNSETTLED
from gongjian.graph.model import (
    DEMAND_TRANSITIONS,
    NODES,
    PERSONAL_PROPERTIES,
    RELATIONSHIPS,
    DemandStatus,
    Label,
    ProjectStatus,
    Rel,
)

DOCS = Path(__file__).resolve().parent.parent / "docs"


def _codes(values: Iterable[object]) -> str:
    return ", ".join(f"`{v}`" for v in values) or "—"


def moves_table() -> str:
    """The allowed moves of docs/loop.md: every action, the states it starts from, where it leads and
    what it does to the demand's live project."""
    order = list(DemandStatus)
    lines = [
        "| action | 中文 | from (demand) | to (demand) | live project |",
        "|---|---|---|---|---|",
    ]
    for action, move in MOVES.items():
        if action in _CREATING:  # a claim is accepted at once, a dispatch waits for the deliverer
            created = (
                ProjectStatus.ACCEPTED if move.target == DemandStatus.ACCEPTED else ProjectStatus.PROPOSED
            )
            project = f"creates one (`{created}`)"
        elif move.project_target:
            sources = sorted(move.project_sources, key=list(ProjectStatus).index)
            project = f"{_codes(sources)} → `{move.project_target}`"
        else:
            project = "—"
        starts = sorted(move.sources, key=order.index)
        lines.append(f"| `{action}` | {move.zh} | {_codes(starts)} | `{move.target}` | {project} |")
    return "\n".join(lines)


def states_table() -> str:
    """The demand states of docs/loop.md, with the actions allowed next and whether they can fall overdue."""
    lines = [
        "| state | 中文 | allowed next | can fall overdue |",
        "|---|---|---|---|",
    ]
    for status in DemandStatus:
        overdue = "yes" if status in UNSETTLED else "no"
        lines.append(f"| `{status}` | {STATUS_ZH[status]} | {_codes(allowed_actions(status))} | {overdue} |")
    return "\n".join(lines)


def reserving_line() -> str:
    return f"Project statuses holding capacity: {_codes(sorted(RESERVING, key=list(ProjectStatus).index))}."


def transitions_table() -> str:
    """The transitions table of docs/model.md, from ``DEMAND_TRANSITIONS``."""
    order = list(DemandStatus)
    lines = ["| from | allowed next states |", "|---|---|"]
    for status in DemandStatus:
        targets = sorted(DEMAND_TRANSITIONS.get(status, ()), key=order.index)
        lines.append(f"| `{status}` | {_codes(targets)} |")
    return "\n".join(lines)


def event_properties_table() -> str:
    """The ``Event`` property table of docs/model.md, from ``NODES``."""
    spec = next(spec for spec in NODES if spec.label == Label.EVENT)
    lines = [
        "| property | type | 中文含义 | English meaning | personal data |",
        "|---|---|---|---|---|",
    ]
    personal = PERSONAL_PROPERTIES.get(Label.EVENT, frozenset())
    lines += [
        f"| `{p.name}` | `{p.type}` | {p.zh} | {p.en} | {'**yes**' if p.name in personal else 'no'} |"
        for p in spec.props
    ]
    return "\n".join(lines)


def credits_row() -> str:
    spec = next(spec for spec in RELATIONSHIPS if spec.type == Rel.CREDITS)
    sources = ", ".join(f"`{s}`" for s in spec.sources)
    return f"| `{spec.type}` | {sources} | `{spec.target}` | {spec.zh} | {spec.en} | — |"


def _check(document: str, expected: str) -> None:
    text = (DOCS / document).read_text(encoding="utf-8")
    assert expected in text, f"docs/{document} is out of date; it should contain:\n\n{expected}\n"


def test_loop_doc_lists_every_move_as_the_engine_has_it() -> None:
    _check("loop.md", moves_table())


def test_loop_doc_lists_every_state_with_its_next_actions() -> None:
    _check("loop.md", states_table())
    _check("loop.md", reserving_line())


def test_model_doc_has_the_transitions_of_the_model() -> None:
    _check("model.md", transitions_table())


def test_model_doc_has_the_event_properties_and_credits() -> None:
    _check("model.md", event_properties_table())
    _check("model.md", credits_row())
    _check("model.md", 'Event -->|"CREDITS"| Member')


if __name__ == "__main__":
    for table in (
        moves_table(),
        states_table(),
        reserving_line(),
        transitions_table(),
        event_properties_table(),
        credits_row(),
    ):
        print(table, end="\n\n")
