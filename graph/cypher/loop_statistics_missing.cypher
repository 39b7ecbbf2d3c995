// Loop: is some deliverer without its project statistics (a graph written before the loop kept them)?
// Walked from the projects (the WITH keeps FalkorDB from scanning every node for the deliverer).
// Parameters: none
// Returns: one row (any deliverer's id) when one is missing, none otherwise
MATCH (p:Project)
WITH p
MATCH (who)-[:DELIVERS]->(p)
WHERE who.projectsCompleted IS NULL
RETURN who.id AS id
LIMIT 1
