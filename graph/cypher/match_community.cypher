// The area a match is asked for (a community or village): its location and the streets it lies in.
// Parameters: $id (area id), $streetLevels list<string> (street, town)
// Returns: id, name, level, path, location (point or null), streets list<map{id, name}>
MATCH (c:Area {id: $id})
RETURN c.id AS id, c.name AS name, c.level AS level, c.path AS path, c.location AS location,
       [(c)-[:WITHIN*1..4]->(s:Area) WHERE s.level IN $streetLevels | {id: s.id, name: s.name}] AS streets
