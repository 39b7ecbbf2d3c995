"""What a fuzzing run saw (tools/fuzz_graphql.py): every answer judged (tools/fuzz_verdicts.py), alike
verdicts grouped with the shortest document that showed one, the API's log of masked errors, and the
summary printed at the end."""

from __future__ import annotations

import json
import logging
import re
import shlex
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import schemathesis

from .fuzz_verdicts import EXPECTED, FAILING, Verdict, judge

SAMPLES = 8  # documents kept per verdict group, besides the shortest


@dataclass
class Group:
    """Alike verdicts: how often, where, and the shortest document that showed one."""

    kind: str
    label: str
    count: int = 0
    operations: set[str] = field(default_factory=set)
    document: str = ""
    message: str = ""
    status: int = 0
    error_id: str | None = None
    trace: str | None = None
    samples: list[str] = field(default_factory=list)  # one document for each of the first operations


@dataclass
class RunReport:
    role: str
    requests: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    operations: set[str] = field(default_factory=set)
    kinds: Counter[str] = field(default_factory=Counter)
    groups: dict[tuple[str, str], Group] = field(default_factory=dict)
    engine_errors: list[str] = field(default_factory=list)
    stop_reason: str = ""
    seconds: float = 0.0

    def failures(self) -> list[Group]:
        return [g for g in self.groups.values() if g.kind in FAILING]

    def unexpected(self) -> list[Group]:
        return [g for g in self.groups.values() if g.kind not in FAILING | EXPECTED]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.failures() or self.engine_errors or (strict and self.unexpected()))

    def as_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "requests": self.requests,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "operations": len(self.operations),
            "verdicts": dict(self.kinds),
            "stopReason": self.stop_reason,
            "seconds": round(self.seconds, 1),
            "engineErrors": self.engine_errors,
            "groups": [
                {
                    "kind": g.kind,
                    "label": g.label,
                    "count": g.count,
                    "operations": sorted(g.operations),
                    "status": g.status,
                    "message": g.message,
                    "errorId": g.error_id,
                    "trace": g.trace,
                    "document": g.document,
                    "samples": g.samples,
                }
                for g in sorted(self.groups.values(), key=lambda g: (g.kind, g.label))
            ],
        }


class ServerLog(logging.Handler):
    """Keeps what the API logs about masked errors: error id → the types and frames of the exception."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.traces: dict[str, str] = {}

    def emit(self, record: logging.LogRecord) -> None:
        args = record.args if isinstance(record.args, tuple) else ()
        if args and isinstance(args[0], str):
            self.traces[args[0]] = record.getMessage()


class Collector:
    """Judges every answer schemathesis gets (called from the check below, on the engine's thread)."""

    def __init__(self, report: RunReport, log: ServerLog, authenticated: bool) -> None:
        self.report = report
        self.log = log
        self.authenticated = authenticated
        self.lock = threading.Lock()

    def observe(self, case: schemathesis.Case, response: schemathesis.Response) -> None:
        document = case.body if isinstance(case.body, str) else json.dumps(case.body)
        negative = bool(case.meta and case.meta.generation.mode.is_negative)
        verdicts = judge(response.status_code, response.content, document, negative=negative)
        if self.authenticated and not response.request.headers.get("Authorization"):
            verdicts.append(Verdict("invalid-response", "request sent without credentials", document[:200]))
        with self.lock:
            report = self.report
            report.requests += 1
            report.statuses[response.status_code] += 1
            report.operations.add(case.operation.label)
            for verdict in verdicts or [Verdict("data", "data", "")]:
                report.kinds[verdict.kind] += 1
                if verdict.kind == "data":
                    continue
                trace = self.log.traces.get(verdict.error_id or "")
                label = where(trace) if verdict.kind == "internal" and trace else verdict.label
                group = report.groups.setdefault((verdict.kind, label), Group(verdict.kind, label))
                group.count += 1
                if case.operation.label not in group.operations and len(group.samples) < SAMPLES:
                    group.samples.append(document)
                group.operations.add(case.operation.label)
                if not group.document or len(document) < len(group.document):
                    group.document, group.message = document, verdict.message
                    group.status = response.status_code
                    group.error_id, group.trace = verdict.error_id, trace


def where(trace: str) -> str:
    """``ExceptionType at file:line`` of a logged trace: the innermost frame in Gongjian's own code."""
    lines = trace.splitlines()
    kind = next((line.strip() for line in lines[1:] if line.strip() and not line.startswith(" ")), "?")
    frames = re.findall(r'File "([^"]+)", line (\d+), in (\S+)', trace)
    ours = [f for f in frames if "site-packages" not in f[0]] or frames
    if not ours:
        return kind
    path, line, function = ours[-1]
    return f"{kind.rsplit('.', 1)[-1]} at {Path(path).name}:{line} {function}"


@contextmanager
def server_log(log: ServerLog) -> Iterator[None]:
    """Routes the API's log to ``log`` alone while the harness runs (the summary reports it)."""
    logger = logging.getLogger("gongjian.api")
    level, propagate = logger.level, logger.propagate
    logger.addHandler(log)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(log)
        logger.setLevel(level)
        logger.propagate = propagate


def summary(reports: Sequence[RunReport], strict: bool = False) -> str:
    lines: list[str] = []
    for r in reports:
        statuses = ", ".join(f"{code}: {n}" for code, n in sorted(r.statuses.items()))
        kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(r.kinds.items()))
        lines.append(
            f"== as {r.role}: {r.requests} requests over {len(r.operations)} operations in {r.seconds:.0f} s "
            f"({r.stop_reason}); HTTP {statuses or 'none'}; answers: {kinds or 'none'}"
        )
        refusals = sorted((g for g in r.groups.values() if g.kind in EXPECTED), key=lambda g: -g.count)
        if refusals:
            lines.append("   expected refusals: " + ", ".join(f"{g.label} ×{g.count}" for g in refusals))
        for title, groups in (("FAILURE", r.failures()), ("to triage", r.unexpected())):
            for g in sorted(groups, key=lambda g: -g.count):
                operations = ", ".join(sorted(g.operations))
                # GraphQL strings hold no raw line breaks (the printer escapes them): one line, shell-quoted.
                document = shlex.quote(g.document.replace("\n", " "))
                lines.append(f"-- {title}: {g.kind} · {g.label} ×{g.count} in {operations}")
                lines.append(f"   HTTP {g.status}: {g.message[:300]}")
                lines.append(f"   reproduce: --as {r.role} --query {document}")
                if g.trace:
                    lines.append("   server log: " + g.trace.replace("\n", "\n   "))
        for error in r.engine_errors:
            lines.append("-- FAILURE: no answer / engine error: " + error.replace("\n", "\n   "))
    failed = [r.role for r in reports if r.failed(strict)]
    lines.append("FAILED as " + ", ".join(failed) if failed else "OK: no 5xx, no internal error")
    return "\n".join(lines)
