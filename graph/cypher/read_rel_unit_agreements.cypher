// Unit.agreements: co-construction agreements — GraphQL DataLoader batch, one query for all keys.
// Parameters: $ids list<string> (ids of the Unit nodes)
// Returns: key (Unit id), label (of the neighbour), node (its properties), rel (the relationship's)
UNWIND $ids AS key
MATCH (n:Unit {id: key})-[rel:CO_BUILDS]->(m:Area)
RETURN key, labels(m)[0] AS label, properties(m) AS node, properties(rel) AS rel
