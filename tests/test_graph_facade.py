"""The Graph facade on the real engine: values, results, transactions, read-only enforcement."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from gongjian.graph.errors import (
    DuplicateKey,
    QueryError,
    ReadOnlyViolation,
    UnstorableValue,
    UnsupportedURI,
)
from gongjian.graph.facade import Graph
from gongjian.settings import Settings

from .conftest import embedded_only


def test_every_stored_value_type_round_trips(graph: Graph) -> None:
    values = {
        "text": '星城第一社区 · 错时停车 ‘引号’ "双引号" \\反斜杠 emoji 🚗',
        "empty": "",
        "integer": -42,
        "large": 9_007_199_254_740_993,  # beyond float precision: must come back exact
        "real": 2.5e-7,
        "yes": True,
        "no": False,
        "texts": ["mon-fri 18:00-08:00", "sat,sun 00:00-24:00"],
        "numbers": [1, 2, 3],
    }
    graph.write("CREATE (n:Area {id: $id}) SET n += $values", id="a1", values=values)
    row = graph.read(
        "MATCH (n:Area {id: $id}) RETURN n.text AS text, n.empty AS empty, n.integer AS integer, "
        "n.large AS large, n.real AS real, n.yes AS yes, n.no AS no, n.texts AS texts, "
        "n.numbers AS numbers, n.missing AS missing",
        id="a1",
    )
    assert row == [{**values, "missing": None}]


def test_points_round_trip_as_latitude_longitude_maps(graph: Graph) -> None:
    graph.write(
        "CREATE (:Unit {id: 'u', location: point($p)})", p={"latitude": 25.4961, "longitude": 103.7962}
    )
    [row] = graph.read("MATCH (u:Unit {id: 'u'}) RETURN u.location AS location")
    # FalkorDB keeps coordinates as 32-bit floats: about a metre of precision.
    assert row["location"]["latitude"] == pytest.approx(25.4961, abs=1e-5)
    assert row["location"]["longitude"] == pytest.approx(103.7962, abs=1e-5)


def test_null_parameters_are_not_stored(graph: Graph) -> None:
    graph.write("CREATE (:Area {id: 'a', code: $code})", code=None)
    assert graph.read("MATCH (a:Area) RETURN a.code AS code, keys(a) AS keys") == [
        {"code": None, "keys": ["id"]}
    ]


def test_maps_and_nodes_come_back_as_plain_dicts(graph: Graph) -> None:
    graph.write("CREATE (:Area {id: 'a', name: '星城'})")
    [row] = graph.read("MATCH (a:Area) RETURN a AS node, {id: a.id, n: [1, {x: 'y'}]} AS map")
    assert row == {"node": {"id": "a", "name": "星城"}, "map": {"id": "a", "n": [1, {"x": "y"}]}}
    assert type(row["map"]) is dict


def test_empty_results_are_empty_lists(graph: Graph) -> None:
    assert graph.read("MATCH (a:Area {id: $id}) RETURN a.id AS id", id="nothing") == []
    assert graph.read("MATCH (a:Area) RETURN count(a) AS n") == [{"n": 0}]


def test_unwind_batches_write_every_row(graph: Graph) -> None:
    rows = [{"id": f"u{i}", "name": f"单位{i}"} for i in range(5_000)]
    [result] = graph.write(
        "UNWIND $rows AS row CREATE (u:Unit {id: row.id, name: row.name}) RETURN count(u) AS n", rows=rows
    )
    assert result == {"n": 5_000}
    assert graph.read("MATCH (u:Unit {id: 'u4999'}) RETURN u.name AS name") == [{"name": "单位4999"}]


def test_read_refuses_writes_with_a_clear_error(graph: Graph) -> None:
    with pytest.raises(ReadOnlyViolation, match=r"read\(\) only runs read-only queries.*write\(\)"):
        graph.read("CREATE (:Area {id: 'x'})")
    assert graph.read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]


def test_query_errors_name_the_engine_and_the_query(graph: Graph) -> None:
    with pytest.raises(QueryError, match="RETURN 1 / 0"):
        graph.read("RETURN 1 / 0 AS boom")


def test_a_transaction_commits_all_its_writes(graph: Graph) -> None:
    with graph.transaction() as tx:
        tx.write("CREATE (:Area {id: 'a'})")
        tx.write("CREATE (:Area {id: 'b'})")
        assert tx.read("MATCH (a:Area) RETURN count(a) AS n") == [{"n": 2}]
    assert graph.read("MATCH (a:Area) RETURN a.id AS id ORDER BY id") == [{"id": "a"}, {"id": "b"}]


def test_a_failed_transaction_leaves_nothing_even_after_earlier_writes(graph: Graph) -> None:
    graph.write("CREATE (:Area {id: 'before', name: '原值'})")
    with pytest.raises(QueryError), graph.transaction() as tx:
        tx.write("MATCH (a:Area {id: 'before'}) SET a.name = '改了'")
        tx.write("CREATE (:Area {id: 'new'})")
        tx.write("RETURN 1 / 0 AS boom")
    assert graph.read("MATCH (a:Area) RETURN a.id AS id, a.name AS name") == [
        {"id": "before", "name": "原值"}
    ]


def test_an_exception_in_the_block_rolls_the_transaction_back(graph: Graph) -> None:
    with pytest.raises(RuntimeError, match="changed my mind"), graph.transaction() as tx:
        tx.write("CREATE (:Area {id: 'a'})")
        tx.write("CREATE (:Area {id: 'b'})")
        raise RuntimeError("changed my mind")
    assert graph.read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]


def test_a_failed_transaction_on_an_empty_graph_leaves_it_empty(graph: Graph) -> None:
    with pytest.raises(QueryError), graph.transaction() as tx:
        tx.write("CREATE (:Area {id: 'a'})")
        tx.write("RETURN 1 / 0 AS boom")
    assert graph.read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]
    graph.write("CREATE (:Area {id: 'after'})")  # the graph is usable afterwards
    assert graph.read("MATCH (n) RETURN count(n) AS n") == [{"n": 1}]


def test_unknown_uri_scheme_is_refused_without_leaking_the_password(settings: Settings) -> None:
    with pytest.raises(UnsupportedURI) as caught:
        Graph.open("mysql://admin:s3cret@db:3306/x", settings)
    assert "s3cret" not in str(caught.value)
    assert "embedded://" in str(caught.value) and "neo4j://" in str(caught.value)


TRICKY_TEXTS = [
    'say "hi"',
    "back\\slash \\n not a newline \\u0041 not an escape",
    "line\nbreak\r\nand\ttab \b \f",
    "control \x01 \x1f characters",
    "星城 · ‘quotes’ emoji 🚗👩‍👩‍👧 𠀀",
    'looks like a key ": {`x`:1}',
    "",
]


@pytest.mark.parametrize("text", TRICKY_TEXTS)
def test_tricky_strings_round_trip(graph: Graph, text: str) -> None:
    assert graph.read("RETURN $v AS v", v=text) == [{"v": text}]
    graph.write("CREATE (:Area {id: $id, name: $name})", id="a", name=text)
    assert graph.read("MATCH (a:Area {id: 'a'}) RETURN a.name AS name") == [{"name": text}]


def test_batches_of_mixed_values_round_trip(graph: Graph) -> None:
    rows = [
        {
            "id": f"r{i}",
            "text": TRICKY_TEXTS[i % len(TRICKY_TEXTS)],
            "big": 2**62 + i,
            "small": float(f"{i + 1}e-7"),  # doubles come back with 15 significant digits
            "negative": -0.5,
            "flag": i % 2 == 0,
            "none": None,
            "texts": ["a", 'b"', "c\\"],
            "nested": [[1, 2], [], [{"k": "v"}]],
            "location": {"latitude": 28.0 + i / 8, "longitude": 112.9},
            "odd key": "backticked",
        }
        for i in range(50)
    ]
    back = graph.read(
        "UNWIND $rows AS row RETURN row.id AS id, row.text AS text, row.big AS big, row.small AS small, "
        "row.negative AS negative, row.flag AS flag, row.none AS none, row.texts AS texts, "
        "row.nested AS nested, row.location AS location, row.`odd key` AS odd",
        rows=rows,
    )
    expected = [{k if k != "odd key" else "odd": v for k, v in row.items()} for row in rows]
    assert back == expected


def test_parameter_literals_match_the_client_where_it_matters() -> None:
    from falkordb.helpers import stringify_param_value

    from gongjian.graph.backends.falkordb import param_literal, params_header

    # exactly the client's text whenever JSON would differ in meaning or cannot encode the value
    for value in ["\x01", float("nan"), float("inf"), b"bytes", {"a": [{"b": {"c": 1}}]}, {1: "x"}]:
        assert param_literal(value) == stringify_param_value(value)
    # the fast path: JSON with backticked keys
    assert (
        param_literal([{"id": "a", "n": 1, "p": {"latitude": 1.5}}])
        == '[{`id`:"a",`n`:1,`p`:{`latitude`:1.5}}]'
    )
    assert param_literal('a"b\\c') == stringify_param_value('a"b\\c')
    assert params_header({"rows": [1], "id": "x"}) == 'CYPHER `rows`=[1] `id`="x" '
    assert params_header({}) == ""
    with pytest.raises(ValueError, match="backtick"):
        params_header({"a`b": 1})


def test_nan_is_refused_as_before(graph: Graph) -> None:
    with pytest.raises(QueryError):
        graph.read("RETURN $v AS v", v=float("nan"))


_TRICKY = st.text(alphabet='k中 ,:{}[]"\\`', max_size=4)
_PARAMS = st.recursive(
    st.none() | st.integers(-(2**40), 2**40) | _TRICKY,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(_TRICKY.filter(lambda k: k != "" and "`" not in k), inner, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=400, deadline=None)
@given(_PARAMS)
@example({"k": 1, 'a"k': 2})  # one key ending the other after a quote
@example({"": 1})  # the client refuses an empty key
@example({":": None, "[": ":"})  # a key that could match from the end of another string
def test_parameter_literals_equal_the_clients_for_tricky_keys_and_text(value: object) -> None:
    """Keys and strings made of the characters JSON and Cypher treat specially: the fast literal
    is the client's text exactly, whether it took the fast path or fell back."""
    from falkordb.helpers import stringify_param_value

    from gongjian.graph.backends.falkordb import param_literal

    try:
        expected = stringify_param_value(value)
    except ValueError as refused:
        with pytest.raises(ValueError, match=str(refused)):
            param_literal(value)
    else:
        assert param_literal(value) == expected


def test_tricky_keys_round_trip_through_the_engine(graph: Graph) -> None:
    value = {'a"b': 1, ",x": [{":k": 'a,",":k'}], "odd key": '{"b":1}', "中文": None, "v": "a,"}
    assert graph.read("RETURN $v AS v", v=value) == [{"v": value}]


def test_a_second_node_with_a_unique_key_is_refused_as_a_duplicate_key(schema_graph: Graph) -> None:
    schema_graph.write("CREATE (:Resource {id: 'res-1'})")
    with pytest.raises(DuplicateKey):
        schema_graph.write("UNWIND ['res-2', 'res-1'] AS id CREATE (:Resource {id: id})")
    assert schema_graph.read("MATCH (r:Resource) RETURN r.id AS id") == [{"id": "res-1"}]


@embedded_only
def test_replies_decode_as_the_clients_parser_and_plain_did(graph: Graph) -> None:
    """graph/backends/falkordb_replies.py decodes scalars itself: every type comes out as the client's
    own parser followed by ``plain`` made it."""
    from falkordb.query_result import QueryResult

    from gongjian.graph.backends.falkordb_replies import plain_reply
    from gongjian.graph.values import plain

    graph.write(
        "CREATE (a:Area {id: 'a', name: '星城', location: point({latitude: 28.2, longitude: 112.9})})"
        "-[:WITHIN {since: '2020-01-01'}]->(:Area {id: 'b', tags: ['x', 'y'], n: 2, f: 0.5, ok: true})"
    )
    query = (
        "MATCH p = (a:Area {id: 'a'})-[w:WITHIN]->(b:Area) "
        "RETURN null AS nothing, '中文 \"q\"' AS text, -7 AS int, 2.5 AS double, 1.0e300 AS big, "
        "true AS yes, false AS no, [1, 'x', [null, 2.0], {k: [true]}] AS list, "
        "{a: 1, b: {c: 'd'}, e: []} AS map, "
        "a.location AS point, a AS node, w AS edge, p AS path, properties(b) AS props, "
        "vecf32([1.5, 2.0]) AS vector, [] AS empty, {} AS nomap, 9007199254740993 AS huge"
    )
    backend = graph.backend
    client = backend._graph  # type: ignore[attr-defined]
    response = client.execute_command("GRAPH.RO_QUERY", backend.graph_name, query, "--compact")  # type: ignore[attr-defined]
    theirs = QueryResult(client, response)
    columns = [column[1] for column in theirs.header]
    expected = [{c: plain(v) for c, v in zip(columns, row, strict=True)} for row in theirs.result_set]
    assert plain_reply(response, client) == expected
    assert graph.read(query) == expected
    assert expected[0]["point"] == {"latitude": pytest.approx(28.2), "longitude": pytest.approx(112.9)}
    assert graph.write("CREATE (:Area {id: 'c'})") == []  # a write without RETURN: statistics only


def test_a_vouched_plain_list_is_written_as_the_client_would() -> None:
    from falkordb.helpers import stringify_param_value

    from gongjian.graph.backends.base import PlainList
    from gongjian.graph.backends.falkordb import param_literal

    rows = PlainList([["u1", [["r1", 0, '名"称\\', 3, None, ["mon-fri 18:00-08:00"], 28.5]]]])
    assert param_literal(rows) == stringify_param_value(list(rows))
    assert param_literal(PlainList(["a\x01b"])) == stringify_param_value(["a\x01b"])  # control character
    with pytest.raises(UnstorableValue):
        param_literal(PlainList(["a\x00b"]))
