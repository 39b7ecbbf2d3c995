"""The analysts' catalogue over GraphQL (docs/analysis.md): ``analyses`` and ``analysis(name, params)``.

``analysis`` runs one named catalogue file read-only with parameters checked against its header and
returns the header's columns and the rows (each row a JSON list of values in column order). An unknown
analysis or a bad parameter is an expected refusal, returned as data (``NotFoundError``,
``InvalidArgumentError``), never a GraphQL error.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import strawberry
from starlette.concurrency import run_in_threadpool
from strawberry.scalars import JSON

from gongjian.queries import catalogue

from ..context import Info
from ..errors import InvalidArgumentError, NotFoundError


@strawberry.type(description="A parameter of an analysis / 分析参数")
class AnalysisParam:
    name: str
    type: str = strawberry.field(description="string, int, float, bool, date or list<string> / 类型")
    required: bool
    default: JSON | None = strawberry.field(description="The default value / 默认值")
    description: str


@strawberry.type(description="One analysis of the catalogue (queries/<group>/<name>.cypher) / 分析")
class AnalysisInfo:
    name: str = strawberry.field(description="group/name, e.g. coverage/grids_without_branch / 名称")
    group: str = strawberry.field(description="coverage, resources, loop or network / 分组")
    title_zh: str
    title_en: str
    description: str
    params: list[AnalysisParam]
    columns: list[str] = strawberry.field(description="Result columns, in order / 结果列")

    @staticmethod
    def of(a: catalogue.Analysis) -> AnalysisInfo:
        return AnalysisInfo(
            name=a.name,
            group=a.group,
            title_zh=a.title_zh,
            title_en=a.title_en,
            description=a.description,
            params=[
                AnalysisParam(
                    name=p.name,
                    type=p.type,
                    required=p.required,
                    default=p.default,
                    description=p.description,
                )
                for p in a.params
            ],
            columns=list(a.columns),
        )


@strawberry.type(description="The result of an analysis / 分析结果")
class AnalysisTable:
    analysis: AnalysisInfo
    params: JSON = strawberry.field(description="The parameters used, defaults included / 实际参数")
    columns: list[str]
    rows: list[JSON] = strawberry.field(description="Each row a list of values in column order / 数据行")
    row_count: int


AnalysisResult = Annotated[
    AnalysisTable | NotFoundError | InvalidArgumentError,
    strawberry.union("AnalysisResult", description="An analysis' rows, or why not / 分析结果或拒绝原因"),
]


def _jsonable(value: Any) -> Any:
    """Rows as JSON: plain scalars and lists pass; anything else (a point, a map) as its JSON text."""
    try:
        json.dumps(value)
        return value
    except TypeError:
        return json.dumps(value, default=str, ensure_ascii=False)


def run_analysis(info: Info, name: str, params: Any) -> AnalysisTable | NotFoundError | InvalidArgumentError:
    if params is not None and not isinstance(params, dict):
        return InvalidArgumentError(
            message=f"params must be a JSON object of parameter values, not {json.dumps(params)}",
            argument="params",
        )
    try:
        result = catalogue.run(info.context.graph, name, params or {})
    except catalogue.UnknownAnalysis as exc:
        return NotFoundError(message=str(exc), kind="analysis", value=name)
    except catalogue.ParameterError as exc:
        return InvalidArgumentError(message=str(exc), argument=exc.parameter)
    return AnalysisTable(
        analysis=AnalysisInfo.of(result.analysis),
        params=result.params,
        columns=list(result.columns),
        rows=[[_jsonable(row[c]) for c in result.columns] for row in result.rows],
        row_count=len(result.rows),
    )


@strawberry.type
class AnalysisQuery:
    @strawberry.field(description="The analysts' catalogue (queries/) / 分析目录")
    def analyses(
        self,
        group: Annotated[
            str | None, strawberry.argument(description="coverage, resources, loop or network / 分组")
        ] = None,
    ) -> list[AnalysisInfo]:
        return [AnalysisInfo.of(a) for a in catalogue.analyses() if group is None or a.group == group]

    @strawberry.field(description="Run a catalogue analysis read-only / 运行分析")
    async def analysis(
        self,
        info: Info,
        name: Annotated[str, strawberry.argument(description="group/name from `analyses` / 分析名称")],
        params: Annotated[
            JSON | None,
            strawberry.argument(description='Parameter values, e.g. {"asOf": "2026-06-30"} / 参数'),
        ] = None,
    ) -> AnalysisResult:
        return await run_in_threadpool(run_analysis, info, name, params)
