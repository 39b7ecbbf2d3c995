// Demo loader guard: how much territory, unit and member data the graph already holds.
// Parameters: none
// Returns: areas (int), units (int), members (int)
OPTIONAL MATCH (a:Area)
WITH count(a) AS areas
OPTIONAL MATCH (u:Unit)
WITH areas, count(u) AS units
OPTIONAL MATCH (m:Member)
RETURN areas, units, count(m) AS members
