// Org.areas: areas each organisation covers — GraphQL DataLoader batch, one query for all keys.
// Parameters: $ids list<string> (ids of the Org nodes)
// Returns: key (Org id), label (of the neighbour), node (its properties), rel (the relationship's)
UNWIND $ids AS key
MATCH (n:Org {id: key})-[rel:COVERS]->(m:Area)
RETURN key, labels(m)[0] AS label, properties(m) AS node, properties(rel) AS rel
