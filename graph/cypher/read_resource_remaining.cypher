// Remaining capacity of resources: quantity minus what projects in $reserving use (as matching).
// Parameters: $ids list<string> (resource ids), $reserving list<string> (project statuses)
// Returns: key (resource id), remaining (int)
UNWIND $ids AS key
MATCH (r:Resource {id: key})
RETURN key, coalesce(r.quantity, 0) - reduce(used = 0, q IN [(p:Project)-[u:USES]->(r) WHERE p.status IN $reserving | coalesce(u.quantity, 0)] | used + q) AS remaining
