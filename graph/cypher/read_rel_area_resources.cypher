// Area.resources: resources each area offers — GraphQL DataLoader batch, one query for all keys.
// Parameters: $ids list<string> (ids of the Area nodes)
// Returns: key (Area id), label (of the neighbour), node (its properties), rel (the relationship's)
UNWIND $ids AS key
MATCH (n:Area {id: key})-[rel:OFFERS]->(m:Resource)
RETURN key, labels(m)[0] AS label, properties(m) AS node, properties(rel) AS rel
