// Resource.usages: projects using each resource — GraphQL DataLoader batch, one query for all keys.
// Parameters: $ids list<string> (ids of the Resource nodes)
// Returns: key (Resource id), label (of the neighbour), node (its properties), rel (the relationship's)
UNWIND $ids AS key
MATCH (n:Resource {id: key})<-[rel:USES]-(m:Project)
RETURN key, labels(m)[0] AS label, properties(m) AS node, properties(rel) AS rel
