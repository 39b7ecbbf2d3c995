// Demand.area: the area that raised each demand — GraphQL DataLoader batch, one query for all keys.
// Parameters: $ids list<string> (ids of the Demand nodes)
// Returns: key (Demand id), label (of the neighbour), node (its properties), rel (the relationship's)
UNWIND $ids AS key
MATCH (n:Demand {id: key})<-[rel:RAISED]-(m:Area)
RETURN key, labels(m)[0] AS label, properties(m) AS node, properties(rel) AS rel
