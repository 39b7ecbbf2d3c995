// A demand as a matching question: its need, quantity and window, and the community that raised it
// (the raising area, or the community or village above it).
// Parameters: $id (demand id), $communityLevels list<string>
// Returns: id, title, category, quantity, window, status, areaId, communityId
MATCH (d:Demand {id: $id})
OPTIONAL MATCH (a:Area)-[:RAISED]->(d)
RETURN d.id AS id, d.title AS title, d.category AS category, d.quantity AS quantity,
       d.window AS window, d.status AS status, a.id AS areaId,
       head([(a)-[:WITHIN*0..3]->(c:Area) WHERE c.level IN $communityLevels | c.id]) AS communityId
LIMIT 1
