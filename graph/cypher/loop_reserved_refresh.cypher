// Loop: recount the reserved quantity of every resource that projects use (reserved — what projects in
// $reserving hold of it, which matching reads as remaining = quantity − reserved). The loop statements
// keep it as they write; this fills it in for a graph written before they did (graph/schema.py runs it
// when one is missing) and for whatever writes projects another way.
// Parameters: $reserving list<string> (the project statuses that hold capacity)
// Returns: refreshed (int, resources recounted)
MATCH (p:Project)
WITH p
MATCH (p)-[:USES]->(r:Resource)
WITH DISTINCT r
OPTIONAL MATCH (live:Project)-[hold:USES]->(r)
WHERE live.status IN $reserving
WITH r, toInteger(sum(coalesce(hold.quantity, 0))) AS reserved
SET r.reserved = reserved
RETURN count(r) AS refreshed
