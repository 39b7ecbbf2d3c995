// Project.events: the timeline of each project — GraphQL DataLoader batch, one query for all keys.
// Parameters: $ids list<string> (ids of the Project nodes)
// Returns: key (Project id), label (of the neighbour), node (its properties), rel (the relationship's)
UNWIND $ids AS key
MATCH (n:Project {id: key})-[rel:HAS_EVENT]->(m:Event)
RETURN key, labels(m)[0] AS label, properties(m) AS node, properties(rel) AS rel
