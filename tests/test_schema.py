"""``db init`` creates the schema and the taxonomy, and running it again changes nothing."""

from __future__ import annotations

import pytest

from gongjian.graph.errors import QueryError
from gongjian.graph.facade import Graph
from gongjian.graph.schema import init_schema, stats
from gongjian.graph.taxonomy import Taxonomy

from .conftest import TEST_GRAPH_URI


def test_init_loads_the_taxonomy_tree(graph: Graph) -> None:
    report = init_schema(graph)
    taxonomy = Taxonomy.load()
    assert report.categories == len(taxonomy.categories)
    counts = stats(graph)
    assert counts["nodes"] == {"Category": len(taxonomy.categories)}
    children = [c for c in taxonomy.categories if c.parent]
    assert counts["relationships"] == {"BROADER": len(children)}
    [row] = graph.read(
        "MATCH (c:Category {code: 'parking.offpeak'})-[:BROADER]->(p:Category) "
        "RETURN c.name AS name, p.code AS parent, c.synonyms AS synonyms"
    )
    assert row["name"] == "错时停车" and row["parent"] == "parking"
    assert "错峰停车" in row["synonyms"]


def test_init_twice_is_a_no_op(graph: Graph) -> None:
    init_schema(graph)
    before = stats(graph)
    second = init_schema(graph)
    assert stats(graph) == before
    assert second.statements_applied == 0 or graph.dialect == "neo4j"
    assert second.constraints_created == []


@pytest.mark.skipif(bool(TEST_GRAPH_URI), reason="reads FalkorDB's index list")
def test_init_drops_the_resource_indexes_nothing_reads(graph: Graph) -> None:
    """Matching finds resources by their spatial key; the point, status and name indexes only slowed
    imports down."""
    for prop in ("location", "status", "name"):
        graph.write(f"CREATE INDEX FOR (n:Resource) ON (n.{prop})")
    init_schema(graph)
    indexed = graph.read("CALL db.indexes() YIELD label, properties RETURN label, properties")
    resource = {p for row in indexed if row["label"] == "Resource" for p in row["properties"]}
    assert resource == {"id", "category", "cell"}
    assert init_schema(graph).statements_applied == 0  # dropping what is gone is skipped


def test_node_keys_are_unique_after_init(graph: Graph) -> None:
    init_schema(graph)
    graph.write("CREATE (:Unit {id: 'unit-1'})")
    with pytest.raises(QueryError):
        graph.write("CREATE (:Unit {id: 'unit-1'})")
    assert graph.read("MATCH (u:Unit) RETURN count(u) AS n") == [{"n": 1}]


def test_queries_planned_before_a_relationship_type_exists_still_see_it_later(schema_graph: Graph) -> None:
    """FalkorDB caches plans; init_schema registers every type and key so cached plans stay right."""
    g = schema_graph
    g.write("CREATE (:Unit {id: 'u'}), (:Area {id: 'a'})")
    query = (
        "MATCH (u:Unit {id: 'u'}), (a:Area {id: 'a'}) "
        "RETURN [(u)-[r:CO_BUILDS]->(a) | r.since] AS since, u.statusReason AS reason"
    )
    assert g.read(query) == [{"since": [], "reason": None}]
    g.write(
        "MATCH (u:Unit {id: 'u'}), (a:Area {id: 'a'}) CREATE (u)-[:CO_BUILDS {since: '2020-01-01'}]->(a) "
        "SET u.statusReason = 'paused'"
    )
    assert g.read(query) == [{"since": ["2020-01-01"], "reason": "paused"}]
    assert g.read("MATCH (n) WHERE NOT n:Category RETURN count(n) AS n") == [{"n": 2}]


def test_the_vocabulary_statement_names_every_type_and_key_of_the_model() -> None:
    import re

    from gongjian.graph import cypher_loader
    from gongjian.graph.model import Rel, property_keys

    text = cypher_loader.graph_query("schema_vocabulary", "falkordb")
    assert set(re.findall(r"\[:(\w+)\]", text)) == {rel.value for rel in Rel}
    assert set(re.findall(r"a\.(\w+) = 0", text)) == property_keys()
