// Loop: is some resource used by a project without its reserved quantity (a graph written before the
// loop kept it)?
// Walked from the projects, far fewer than the resources.
// Parameters: none
// Returns: one row (any such resource's id) when one is missing, none otherwise
MATCH (p:Project)
WITH p
MATCH (p)-[:USES]->(r:Resource)
WHERE r.reserved IS NULL
RETURN r.id AS id
LIMIT 1
