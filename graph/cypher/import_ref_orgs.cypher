// Importers: every party organisation with its parent and covered areas, read once per import.
// Parameters: none
// Returns: id, name, kind, parentId (string or null), areaIds (list of area ids)
MATCH (o:Org)
OPTIONAL MATCH (o)-[:UNDER]->(p:Org)
OPTIONAL MATCH (o)-[:COVERS]->(a:Area)
RETURN o.id AS id, o.name AS name, o.kind AS kind, p.id AS parentId, collect(a.id) AS areaIds
