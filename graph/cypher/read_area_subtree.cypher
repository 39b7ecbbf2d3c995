// An area and every area below it (WITHIN*), for the "area" filter of GraphQL lists.
// Parameters: $id (area id)
// Returns: id, below list<string> — no row when the area does not exist
MATCH (root:Area {id: $id})
OPTIONAL MATCH (a:Area)-[:WITHIN*1..10]->(root)
RETURN root.id AS id, collect(DISTINCT a.id) AS below
