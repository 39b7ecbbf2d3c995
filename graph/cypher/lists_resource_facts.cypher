// Lists: a resource as an update or status change needs it — its properties and what live projects
// (statuses in $reserving) hold of it.
// Parameters: $id, $reserving list<string>
// Returns: node (map of the resource's properties), held (int); no row when no resource has the id
MATCH (r:Resource {id: $id})
OPTIONAL MATCH (p:Project)-[u:USES]->(r)
WHERE p.status IN $reserving
RETURN properties(r) AS node, toInteger(sum(coalesce(u.quantity, 0))) AS held
