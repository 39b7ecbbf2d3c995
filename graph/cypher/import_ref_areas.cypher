// Importers: every area with its parent, read once per import to resolve names and paths.
// Parameters: none
// Returns: id, name, level, path, code, parentId (string or null), location (point or null)
MATCH (a:Area)
OPTIONAL MATCH (a)-[:WITHIN]->(p:Area)
RETURN a.id AS id, a.name AS name, a.level AS level, a.path AS path, a.code AS code,
       p.id AS parentId, a.location AS location
