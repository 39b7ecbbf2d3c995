"""The app under test for one caller (tools/fuzz_graphql.py): settings as deployed, the tiny demo, the
caller's account, and what the generator draws from besides what it makes up."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from schemathesis.python import asgi

from gongjian.api.app import create_app
from gongjian.graph.accounts import Accounts
from gongjian.graph.demo import load_demo
from gongjian.graph.facade import Graph
from gongjian.graph.model import Role
from gongjian.settings import Settings

ROLES = (*(role.value for role in Role), "anonymous")
"""Callers a run can be made as."""
SCOPES = {  # a scoped role → what its account is given, and from which dictionary
    "street_coordinator": ("scope", "street-ids"),
    "community_worker": ("scope", "community-ids"),
    "unit_liaison": ("unit", "unit-ids"),
}
ENDPOINT = "/graphql"
VIEWER = "{ viewer { id anonymous roles } }"


def settings_for(role: str) -> Settings:
    """The app's settings for a caller: production with credentials, development for anonymous."""
    production = role != "anonymous"
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        environment="production" if production else "development",
        require_auth=production,
        api_rate_per_minute=0,
    )


@dataclass
class Target:
    """The app under test, the caller's headers, and the dictionaries drawn from its data."""

    app: FastAPI
    headers: dict[str, str]
    dictionaries: dict[str, list[str | int]]


def prepare(graph: Graph, role: str, settings: Settings) -> Target:
    """Loads the tiny demo into ``graph`` (cleared first), builds the app, reads the demo's ids through
    it as an admin, and creates the caller's account (a scoped role gets the first community, street or
    unit found)."""
    if role not in ROLES:
        raise ValueError(f"--as {role}: use one of {', '.join(ROLES)}")
    load_demo(graph, scale="tiny", seed=0, replace=True, settings=settings)
    accounts = Accounts(graph, settings)
    app = create_app(settings, graph=graph)
    harvester = {"Authorization": "Bearer " + accounts.create("fuzz harvester", [Role.ADMIN])[1]}
    dictionaries = harvest(app, harvester)
    headers: dict[str, str] = {}
    if role != "anonymous":
        scope = SCOPES.get(role)
        ids = dictionaries.get(scope[1], []) if scope else []
        if scope and not ids:
            raise RuntimeError(f"--as {role}: the API listed no {scope[1]} to scope the account to")
        _, key = accounts.create(
            f"fuzz {role}",
            [Role(role)],
            scopes=[str(ids[0])] if scope and scope[0] == "scope" else (),
            unit_id=str(ids[0]) if scope and scope[0] == "unit" else None,
        )
        headers["Authorization"] = f"Bearer {key}"
    return Target(app, headers, dictionaries)


def ask(app: FastAPI, document: str, headers: dict[str, str]) -> tuple[int, dict[str, Any] | str]:
    """One request to the app through schemathesis's ASGI client (the transport the fuzzer uses)."""
    with asgi.get_client(app) as client:
        response = client.post(ENDPOINT, json={"query": document}, headers=headers)
    try:
        return response.status_code, response.json()
    except ValueError:
        return response.status_code, response.text


def check_caller(app: FastAPI, role: str, headers: dict[str, str]) -> None:
    """Refuses to fuzz when the app does not take the caller to be who the run says (a fuzz run whose
    every request got 401 would prove nothing)."""
    status, body = ask(app, VIEWER, headers)
    viewer = body.get("data", {}).get("viewer") if isinstance(body, dict) else None
    anonymous = role == "anonymous"
    if (
        status != 200
        or not viewer
        or viewer["anonymous"] != anonymous
        or (not anonymous and role.upper() not in viewer["roles"])
    ):
        raise RuntimeError(f"the app does not take the caller for {role}: HTTP {status} {body!r}")


# -- what the fuzzer draws from, besides what it makes up ------------------------------------------
HARVEST = {  # dictionary → the query that lists its values (each alone: one failing spoils no other)
    **{
        f"{kind}-ids": f"{{ {kind}s(first: 10) {{ edges {{ node {{ id }} }} }} }}"
        for kind in ("area", "org", "unit", "member", "resource", "demand", "project")
    },
    "community-ids": "{ areas(first: 10, filter: {level: [COMMUNITY, VILLAGE]}) { edges { node { id } } } }",
    "street-ids": "{ areas(first: 10, filter: {level: [STREET, TOWN]}) { edges { node { id } } } }",
    "categories": "{ categories { code name } }",
    "analyses": "{ analyses { name } }",
}
STATIC_DICTIONARIES: dict[str, list[str | int]] = {
    "page-sizes": [0, 1, 2, 5, 10, 20, 100],
    "windows": ["mon-fri 09:00-17:00", "sat,sun 08:00-12:00", "daily 18:00-08:00", "workday 00:00-24:00"],
    "times": ["2026-03-02T09:03:00+08:00", "2026-03-02", "2025-12-31T23:59:59+08:00", "2026-02-30"],
    # Stored and returned verbatim, never executed (issue 7's attack tests; every value is a parameter).
    "hostile": [
        "' OR 1=1 //",
        '"}) MATCH (n) DETACH DELETE n //',
        "`) RETURN 1 //",
        "$id",
        "\\u0027; CALL db.labels() //",
        "张三 13800000003",
    ],
}
# Arguments bound to a dictionary: (binding key, dictionary, probability of drawing from it).
BINDINGS: tuple[tuple[str, str, float], ...] = (
    ("*.*.first", "page-sizes", 0.8),
    ("*.*.limit", "page-sizes", 0.5),
    *((f"Query.{kind}.id", f"{kind}-ids", 0.7) for kind in ("area", "org", "unit", "member", "resource")),
    *((f"Query.{kind}.id", f"{kind}-ids", 0.7) for kind in ("demand", "project")),
    ("*.*.filter.area", "area-ids", 0.6),
    ("*.*.area", "area-ids", 0.6),
    ("*.*.communityId", "community-ids", 0.7),
    ("*.*.input.communityId", "community-ids", 0.7),
    ("*.*.unitId", "unit-ids", 0.7),
    ("*.*.input.unitId", "unit-ids", 0.7),
    ("*.*.input.ownerId", "unit-ids", 0.5),
    ("*.*.input.memberId", "member-ids", 0.7),
    ("*.*.input.participantIds.[*]", "member-ids", 0.7),
    ("*.*.input.resourceId", "resource-ids", 0.7),
    ("*.*.demandId", "demand-ids", 0.7),
    ("*.*.input.demandId", "demand-ids", 0.7),
    ("Query.category.code", "categories", 0.7),
    ("*.*.need", "categories", 0.6),
    ("*.*.skill", "categories", 0.6),
    ("*.*.filter.category", "categories", 0.6),
    ("*.*.filter.skill", "categories", 0.6),
    ("*.*.input.need", "categories", 0.6),
    ("*.*.input.category", "categories", 0.6),
    ("Query.analysis.name", "analyses", 0.8),
    ("*.*.window.[*]", "windows", 0.5),
    ("*.*.input.window.[*]", "windows", 0.5),
    ("*.*.input.availability.[*]", "windows", 0.5),
    *((f"*.*.input.{name}", "times", 0.5) for name in ("deadline", "since", "until", "date")),
)


def harvest(app: FastAPI, headers: dict[str, str]) -> dict[str, list[str | int]]:
    """Real ids, category codes and names and analysis names of the demo, asked of the API itself, so
    that cases reach existing objects and not only "not found". A list the API fails to give is left
    out (the fuzzing run reports the failure)."""
    found: dict[str, list[str | int]] = dict(STATIC_DICTIONARIES)
    for name, query in HARVEST.items():
        status, body = ask(app, query, headers)
        data = body.get("data") if isinstance(body, dict) else None
        if status != 200 or not isinstance(data, dict) or not all(data.values()):
            continue
        [answer] = data.values()
        if name == "categories":
            found[name] = [c["code"] for c in answer] + [c["name"] for c in answer[::3]]
        elif name == "analyses":
            found[name] = [a["name"] for a in answer]
        else:
            found[name] = [edge["node"]["id"] for edge in answer["edges"]]
    return {name: values for name, values in found.items() if values}
