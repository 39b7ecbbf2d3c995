"""The analysts' Cypher catalogue (docs/analysis.md): one read-only analysis per ``.cypher`` file.

    from gongjian.queries import catalogue
    for analysis in catalogue.analyses():
        print(analysis.name, analysis.title_zh, [p.name for p in analysis.params])
    result = catalogue.run(graph, "coverage/grids_without_branch", {"street": "南宁街道"})
    result.columns, result.rows

Files live in ``queries/<group>/<name>.cypher`` (groups: coverage, resources, loop, network), found with
``importlib.resources`` so an installed package finds them. A dialect variant
``<name>.neo4j.cypher`` / ``<name>.falkordb.cypher`` replaces the common file on that engine. Each file
starts with a header of ``//`` lines::

    // title: 无党支部的网格 / Grids without a party branch
    // description: What it answers (several description lines are joined).
    // param: street string = "" — street or town (name or id); empty for all
    // columns: street, community, grid, gridId

Parameter types: ``string``, ``int``, ``float``, ``bool``, ``date`` (``YYYY-MM-DD``; the default
``today`` means the current date in China), ``list<string>``. A parameter without ``= default`` is
required. Values are checked before the query runs (:class:`ParameterError` names the parameter, the value
and the expected type), and a file with a write clause is refused when it is loaded (:class:`WriteRefused`).
Every name in :data:`ANALYSES` must have a file and every file must be listed (tests/test_analysis.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from gongjian.graph.backends.base import Dialect
from gongjian.graph.errors import GraphError
from gongjian.graph.facade import Graph

PACKAGE = "gongjian.queries"
GROUPS = ("coverage", "resources", "loop", "network")
GROUP_TITLES = {
    "coverage": "覆盖 / Coverage",
    "resources": "资源 / Resources",
    "loop": "闭环 / Loop",
    "network": "网络 / Network",
}

#: The registry: every analysis by name. A test checks each name has a file and each file a name.
ANALYSES: tuple[str, ...] = (
    "coverage/grids_without_branch",
    "coverage/buildings_without_group",
    "coverage/communities_weak_committee",
    "coverage/small_orgs",
    "coverage/reporting_rate",
    "coverage/units_not_co_building",
    "coverage/weak_orgs",
    "resources/idle_resources",
    "resources/utilisation",
    "resources/supply_demand_gap",
    "resources/parking_balance",
    "resources/single_provider",
    "loop/loop_times_by_street",
    "loop/loop_times_by_unit",
    "loop/overdue_demands",
    "loop/satisfaction",
    "loop/repeat_demands",
    "loop/escalations_by_department",
    "network/units_by_reach",
    "network/single_unit_communities",
    "network/street_bridges",
    "network/skills_inventory",
    "network/points_leaderboard",
)

PARAM_TYPES = ("string", "int", "float", "bool", "date", "list<string>")
CHINA = timezone(timedelta(hours=8))


class CatalogueError(GraphError):
    """A problem with the catalogue or a request to it, meant for the user."""


class UnknownAnalysis(CatalogueError):
    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f'no analysis "{name}": `gongjian query list` shows the catalogue')


class ParameterError(CatalogueError):
    def __init__(self, parameter: str, message: str) -> None:
        self.parameter = parameter
        super().__init__(message)


class HeaderError(CatalogueError):
    """A catalogue file whose header is missing or malformed."""


class WriteRefused(CatalogueError):
    """A catalogue file that would change data: the catalogue is read-only."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: Any = None
    required: bool = False
    description: str = ""

    @property
    def signature(self) -> str:
        if self.required:
            return f"{self.name}: {self.type}"
        return f"{self.name}: {self.type} = {json.dumps(self.default, ensure_ascii=False)}"


@dataclass(frozen=True)
class Analysis:
    name: str
    title_zh: str
    title_en: str
    description: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    dialects: tuple[str, ...] = field(default=())  # dialects with their own variant file

    @property
    def group(self) -> str:
        return self.name.split("/", 1)[0]

    @property
    def title(self) -> str:
        return f"{self.title_zh} / {self.title_en}"

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def text(self, dialect: Dialect | str) -> str:
        return _text(self.name, str(dialect))


@dataclass(frozen=True)
class Result:
    analysis: Analysis
    params: dict[str, Any]
    columns: tuple[str, ...]
    rows: list[dict[str, Any]]


# ------------------------------------------------------------------------------------ files
def _root() -> Traversable:
    return resources.files(PACKAGE)


def _file(name: str, dialect: str | None) -> Traversable | None:
    if name.count("/") != 1 or not re.fullmatch(r"[a-z_]+/[a-z0-9_]+", name):
        return None
    group, stem = name.split("/")
    folder = _root() / group
    for candidate in ([f"{stem}.{dialect}.cypher"] if dialect else []) + [f"{stem}.cypher"]:
        path = folder / candidate
        if path.is_file():
            return path
    return None


def files() -> dict[str, list[str]]:
    """Every ``.cypher`` file of the catalogue: analysis name → file names (common and variants)."""
    found: dict[str, list[str]] = {}
    for group in _root().iterdir():
        if not group.is_dir() or group.name.startswith(("_", ".")):
            continue
        for entry in group.iterdir():
            if entry.is_file() and entry.name.endswith(".cypher"):
                stem = entry.name.split(".", 1)[0]
                found.setdefault(f"{group.name}/{stem}", []).append(entry.name)
    return found


_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`")
_WRITE = re.compile(
    r"\b(CREATE|MERGE|SET|DELETE|DETACH|REMOVE|DROP|FOREACH|LOAD\s+CSV|CALL)\b", re.IGNORECASE
)


def body_of(text: str) -> str:
    """The statement without comment lines."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))


def check_read_only(name: str, text: str) -> None:
    """Refuse a statement with a write clause (or a procedure call), outside string literals."""
    code = _STRING.sub("''", body_of(text))
    code = re.sub(r"//.*$", "", code, flags=re.MULTILINE)
    found = _WRITE.search(code)
    if found:
        raise WriteRefused(
            f'analysis "{name}" contains the clause {found.group(1).upper()}: catalogue files are '
            "read-only (use `gongjian cypher --write` for a deliberate change)"
        )
    if ";" in code.strip().rstrip(";"):
        raise WriteRefused(f'analysis "{name}" holds more than one statement: one analysis per file')


@cache
def _text(name: str, dialect: str) -> str:
    path = _file(name, dialect)
    if path is None:
        raise UnknownAnalysis(name)
    text = path.read_text(encoding="utf-8")
    check_read_only(name, text)
    return text


# ------------------------------------------------------------------------------------ header
_HEADER = re.compile(r"^//\s*(title|description|param|columns)\s*:\s*(.*)$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z][A-Za-z0-9_]*)\s+(?P<type>list<string>|[a-z]+)"
    r"(?:\s*=\s*(?P<default>.+?))?(?:\s+(?:—|--)\s+(?P<desc>.*))?\s*$"
)


def parse_header(name: str, text: str) -> Analysis:
    title = description = ""
    params: list[Param] = []
    columns: tuple[str, ...] = ()
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("//"):
            break
        match = _HEADER.match(stripped)
        if not match:
            continue
        key, value = match.group(1), match.group(2).strip()
        if key == "title":
            title = value
        elif key == "description":
            description = f"{description} {value}".strip()
        elif key == "columns":
            columns = tuple(c.strip() for c in value.split(",") if c.strip())
        else:
            params.append(_parse_param(name, value))
    if " / " not in title:
        raise HeaderError(f'analysis "{name}": the header needs "// title: 中文 / English"')
    if not columns:
        raise HeaderError(f'analysis "{name}": the header needs "// columns: a, b, c"')
    zh, en = (part.strip() for part in title.split(" / ", 1))
    return Analysis(name, zh, en, description, tuple(params), columns)


def _parse_param(name: str, value: str) -> Param:
    match = _PARAM.match(value)
    if not match or match["type"] not in PARAM_TYPES:
        raise HeaderError(
            f'analysis "{name}": bad param line "{value}"; expected "name type [= default] — meaning" '
            f"with a type among {', '.join(PARAM_TYPES)}"
        )
    ptype, raw = match["type"], match["default"]
    if raw is None:
        return Param(match["name"], ptype, None, True, match["desc"] or "")
    if ptype == "date" and raw == "today":
        default: Any = "today"
    else:
        try:
            literal = json.loads(raw)
        except json.JSONDecodeError:
            literal = raw  # a bare word, e.g. a date
        default = coerce(Param(match["name"], ptype), literal)
    return Param(match["name"], ptype, default, False, match["desc"] or "")


# ------------------------------------------------------------------------------------ registry
@cache
def _analysis(name: str) -> Analysis:
    if name not in ANALYSES:
        raise UnknownAnalysis(name)
    common = _file(name, None)
    if common is None:
        raise UnknownAnalysis(name)
    text = common.read_text(encoding="utf-8")
    check_read_only(name, text)
    analysis = parse_header(name, text)
    variants = tuple(
        sorted(f.split(".")[1] for f in files().get(name, []) if f.count(".") == 2)  # stem.dialect.cypher
    )
    return Analysis(**{**analysis.__dict__, "dialects": variants})


def get(name: str) -> Analysis:
    return _analysis(name.removesuffix(".cypher"))


def analyses() -> list[Analysis]:
    return [_analysis(name) for name in ANALYSES]


# ------------------------------------------------------------------------------------ parameters
def _fail(param: Param, value: Any, expected: str) -> ParameterError:
    return ParameterError(
        param.name, f'parameter "{param.name}": {json.dumps(value, ensure_ascii=False)} is not {expected}'
    )


def coerce(param: Param, value: Any) -> Any:
    """``value`` (text from the command line, or a JSON value) as ``param``'s type, or ParameterError."""
    kind = param.type
    if kind == "string":
        if isinstance(value, str):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        raise _fail(param, value, "a string")
    if kind == "int":
        if isinstance(value, bool):
            raise _fail(param, value, "an integer (int)")
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
            return int(value)
        raise _fail(param, value, "an integer (int)")
    if kind == "float":
        if isinstance(value, bool):
            raise _fail(param, value, "a number (float)")
        if isinstance(value, int | float):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value)
            except ValueError:
                pass
        raise _fail(param, value, "a number (float)")
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in {"true", "false", "yes", "no", "1", "0"}:
            return value.strip().lower() in {"true", "yes", "1"}
        raise _fail(param, value, "a boolean (bool: true or false)")
    if kind == "date":
        if isinstance(value, str):
            text = value.strip()
            if text == "today":
                return datetime.now(CHINA).date().isoformat()
            try:
                if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                    return date.fromisoformat(text).isoformat()
            except ValueError:
                pass
        raise _fail(param, value, "a date (YYYY-MM-DD)")
    if kind == "list<string>":
        items = value
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                try:
                    items = json.loads(text)
                except json.JSONDecodeError:
                    raise _fail(param, value, "a list of strings (list<string>)") from None
            else:
                items = [part.strip() for part in text.split(",") if part.strip()]
        if isinstance(items, list | tuple) and all(isinstance(i, str) for i in items):
            return list(items)
        raise _fail(param, value, "a list of strings (list<string>)")
    raise _fail(param, value, f"a {kind}")  # pragma: no cover - types are checked when parsed


def bind(analysis: Analysis, given: Mapping[str, Any] | None) -> dict[str, Any]:
    """Checked parameters: unknown names and bad values refused, defaults filled in."""
    given = dict(given or {})
    unknown = sorted(set(given) - {p.name for p in analysis.params})
    if unknown:
        known = ", ".join(p.signature for p in analysis.params) or "none"
        raise ParameterError(
            unknown[0], f'analysis "{analysis.name}" has no parameter "{unknown[0]}" (parameters: {known})'
        )
    bound: dict[str, Any] = {}
    for param in analysis.params:
        if param.name in given:
            bound[param.name] = coerce(param, given[param.name])
        elif param.required:
            raise ParameterError(
                param.name, f'analysis "{analysis.name}" needs parameter "{param.name}" ({param.type})'
            )
        else:
            default = param.default
            bound[param.name] = coerce(param, default) if default == "today" else default
    return bound


def run(graph: Graph, name: str, params: Mapping[str, Any] | None = None) -> Result:
    """Run an analysis read-only (``graph.read``) with checked parameters."""
    analysis = get(name)
    bound = bind(analysis, params)
    text = analysis.text(graph.dialect)
    rows = graph.read(text, **bound)
    columns = analysis.columns
    return Result(analysis, bound, columns, [{c: row.get(c) for c in columns} for row in rows])
