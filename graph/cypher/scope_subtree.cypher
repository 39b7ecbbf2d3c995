// Access control: the areas of a caller's scope — each scope area and every area below it.
// Parameters: $ids list<string> (scope area ids)
// Returns: id (one row per area in scope)
UNWIND $ids AS root
MATCH (top:Area {id: root})
OPTIONAL MATCH (a:Area)-[:WITHIN*1..10]->(top)
WITH collect(DISTINCT top.id) + collect(DISTINCT a.id) AS ids
UNWIND ids AS id
RETURN DISTINCT id
