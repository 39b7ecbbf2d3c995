"""Fuzz the GraphQL API with schemathesis (GraphQL mode), in process, on the tiny demo district.

    .venv/bin/python -m tools.fuzz_graphql --examples 50            # what `make fuzz` runs
    .venv/bin/python -m tools.fuzz_graphql --as admin --query '{ areas { totalCount } }'   # one query

For each caller (``--as``, default: ``admin`` then ``anonymous``) a fresh embedded graph gets the ``tiny``
demo and the real ASGI app (api/app.py) is built on it, set up as it would be deployed:

- a role (``admin``, ``analyst``, ``viewer``, ``street_coordinator``, ``community_worker``,
  ``unit_liaison``): production settings (introspection and GraphiQL off, credentials required) and an
  account of that role (graph/accounts; a scoped role gets the demo's first street, community or unit)
  whose key is sent as ``Authorization: Bearer``;
- ``anonymous``: development settings, no credentials (what ``gongjian serve`` accepts by default there).

The demo's ids, category codes and analysis names are read through the API (as an admin) and offered to
the generator as dictionaries, with page sizes, schedules, times and Cypher-looking strings, so that
cases reach existing objects and not only "not found".

The rate limit is off (``api_rate_per_minute=0``): the fuzzer sends thousands of requests a minute.
schemathesis loads the schema from the SDL the app serves (introspection is off in production), then runs
its engine — the one behind ``st run`` — over every root query and mutation: ``--examples`` cases per
operation, positive and negative, with ids seen in answers fed back into later cases, ``--seed``
fixing the generation, ``--max-time`` bounding each caller's run.

Each answer is judged by tools/fuzz_verdicts.py. The run fails on a 5xx, on a body that is not a
GraphQL answer and on a masked internal error ("Unexpected error." + ``errorId``; its trace is taken from
the server log, ``gongjian.api``); every other ``errors`` entry that is not a documented refusal is
listed for triage (and fails the run with ``--strict``). Exit status: 0 clean, 1 failures, 2 the harness
could not run.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import schemathesis
from schemathesis.engine import events
from schemathesis.engine import from_schema as engine_for
from schemathesis.python import asgi

from gongjian.api.schema import build_schema
from gongjian.graph.facade import Graph

from .fuzz_report import Collector, RunReport, ServerLog, server_log, summary
from .fuzz_target import BINDINGS, ENDPOINT, ROLES, ask, check_caller, prepare, settings_for
from .fuzz_verdicts import judge

DEFAULT_ROLES = ("admin", "anonymous")


_COLLECTOR: Collector | None = None  # the run in progress, if any


@schemathesis.check
def gongjian_answers(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> None:
    """Hands every answer to the running harness; verdicts are judged after the run, never raised here,
    so that every operation gets all its examples (a raised failure would stop and shrink it)."""
    if _COLLECTOR is not None:
        _COLLECTOR.observe(case, response)


# -- one run ---------------------------------------------------------------------------------------
def engine_config(
    headers: dict[str, str], examples: int, seed: int, dictionaries: dict[str, list[str | int]]
) -> schemathesis.Config:
    # No `max-time`: with one, the engine repeats its fuzzing and stateful phases until the time is up;
    # without, it makes one pass of `examples` cases per operation (the harness bounds the time itself).
    return schemathesis.Config.from_dict(
        {
            "seed": seed,
            "suppress-health-check": ["all"],
            "workers": 1,
            "headers": headers,
            "request-timeout": 60,
            "dictionaries": {name: {"values": values} for name, values in dictionaries.items()},
            "parameters": {
                key: {"dictionary": name, "probability": probability}
                for key, name, probability in BINDINGS
                if name in dictionaries
            },
            "generation": {
                "max-examples": examples,
                "mode": "all",
                "no-shrink": True,
                "database": "none",
                "dictionaries": {"string": {"dictionary": "hostile", "probability": 0.05}},
            },
            # Judged by gongjian_answers: schemathesis's own checks count every `errors` entry as a
            # failure, but argument refusals are `errors` by design (api/errors.py UserError).
            "checks": {"enabled": False, "gongjian_answers": {"enabled": True}},
        }
    )


@contextmanager
def _collecting(collector: Collector) -> Iterator[None]:
    global _COLLECTOR
    _COLLECTOR = collector
    try:
        yield
    finally:
        _COLLECTOR = None


def fuzz(graph: Graph, role: str, *, examples: int, seed: int, max_time: int) -> RunReport:
    """One caller's fuzzing run on ``graph`` (its data is replaced by the tiny demo)."""
    started = time.monotonic()
    settings = settings_for(role)
    report = RunReport(role)
    log = ServerLog()
    try:
        with server_log(log):
            target = prepare(graph, role, settings)
            check_caller(target.app, role, target.headers)
        config = engine_config(target.headers, examples, seed, target.dictionaries)
        sdl = build_schema(production=settings.environment == "production", settings=settings).as_str()
        schema = schemathesis.graphql.from_file(sdl, config=config)
        schema.app = target.app
        schema.location = ENDPOINT
        stream = engine_for(schema).execute()
        authenticated = bool(target.headers)
        with server_log(log), _collecting(Collector(report, log, authenticated=authenticated)):
            for event in stream:
                _note(report, event)
                if time.monotonic() - started > max_time and not report.stop_reason:
                    report.stop_reason = f"stopped after --max-time {max_time} s"
                    stream.stop()
    finally:
        asgi.shutdown_lifespans()  # the app's lifespan ran on schemathesis's event loop thread
    report.seconds = time.monotonic() - started
    return report


def _note(report: RunReport, event: events.EngineEvent) -> None:
    if isinstance(event, events.NonFatalError):
        # An exception that left the app (no HTTP answer at all), or one in the engine.
        trace = "".join(traceback.format_exception(event.value))
        report.engine_errors.append(f"{event.label} ({event.phase}): {trace}")
    elif isinstance(event, events.FatalError):
        report.engine_errors.append("".join(traceback.format_exception(event.exception)))
    elif isinstance(event, events.EngineFinished):
        report.stop_reason = report.stop_reason or str(event.stop_reason)


def replay(graph: Graph, role: str, document: str) -> int:
    """Sends one document as ``role`` to a fresh app and prints the answer and the server log."""
    settings = settings_for(role)
    log = ServerLog()
    try:
        with server_log(log):
            target = prepare(graph, role, settings)
            log.traces.clear()  # only what the document caused
            status, body = ask(target.app, document, target.headers)
    finally:
        asgi.shutdown_lifespans()
    print(f"HTTP {status}")
    print(json.dumps(body, ensure_ascii=False, indent=2) if isinstance(body, dict) else body)
    for trace in log.traces.values():
        print("server log:", trace)
    verdicts = judge(
        status,
        json.dumps(body).encode() if isinstance(body, dict) else body.encode(),
        document,
        negative=False,
    )
    for verdict in verdicts:
        print(f"verdict: {verdict.kind} · {verdict.label}")
    return 1 if any(v.fails for v in verdicts) else 0


# -- command line ----------------------------------------------------------------------------------
def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tools.fuzz_graphql", description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=50, help="cases per operation and mode (default 50)")
    parser.add_argument("--seed", type=int, default=20260302, help="generation seed (default fixed)")
    parser.add_argument(
        "--as",
        dest="roles",
        action="append",
        choices=ROLES,
        help="caller, repeatable (default: admin, anonymous)",
    )
    parser.add_argument("--max-time", type=int, default=900, help="seconds each caller's run may take")
    parser.add_argument("--strict", action="store_true", help="fail on errors entries listed for triage too")
    parser.add_argument("--report", type=Path, help="write every verdict group as JSON here")
    parser.add_argument("--query", help="send this one document (or @file) instead of fuzzing")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments(argv)
    roles = args.roles or list(DEFAULT_ROLES)
    with tempfile.TemporaryDirectory(prefix="gongjian-fuzz-") as home:
        settings = settings_for("anonymous")
        with Graph.open(f"embedded://{home}?graph=fuzz", settings) as graph:
            if args.query:
                query = Path(args.query[1:]).read_text() if args.query.startswith("@") else args.query
                return replay(graph, roles[0], query)
            reports = []
            for role in roles:
                report = fuzz(graph, role, examples=args.examples, seed=args.seed, max_time=args.max_time)
                reports.append(report)
                print(summary(reports[-1:], args.strict).rsplit("\n", 1)[0], flush=True)
    if args.report:
        args.report.write_text(json.dumps([r.as_dict() for r in reports], ensure_ascii=False, indent=2))
    print(summary(reports, args.strict).rsplit("\n", 1)[1])
    return 1 if any(r.failed(args.strict) for r in reports) else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception:
        traceback.print_exc()
        sys.exit(2)
