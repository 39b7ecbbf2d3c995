// Importers: every unit with the areas it is located in, read once per import to resolve names.
// Parameters: none
// Returns: id, name, uscc (string or null), location (point or null), areaIds (list of area ids)
MATCH (u:Unit)
OPTIONAL MATCH (u)-[:LOCATED_IN]->(a:Area)
RETURN u.id AS id, u.name AS name, u.uscc AS uscc, u.location AS location, collect(a.id) AS areaIds
