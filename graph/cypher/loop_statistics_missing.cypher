// Loop: is some deliverer without its project statistics (a graph written before the loop kept them)?
// Parameters: none
// Returns: one row (any deliverer's id) when one is missing, none otherwise
MATCH (who)-[:DELIVERS]->(:Project)
WHERE who.projectsCompleted IS NULL
RETURN who.id AS id
LIMIT 1
