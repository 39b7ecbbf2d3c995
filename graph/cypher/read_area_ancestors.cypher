// An area and every area it lies within (WITHIN*), for routing live demand events to subscribers of a
// street or district (api/broker.py); read once per raising community and cached.
// Parameters: $id (area id)
// Returns: id, above list<string> (the areas it lies within, nearest first) — no row when the area does not exist
MATCH (a:Area {id: $id})
OPTIONAL MATCH path = (a)-[:WITHIN*1..10]->(up:Area)
WITH a, up, length(path) AS hops
ORDER BY hops
RETURN a.id AS id, [x IN collect(up) | x.id] AS above
