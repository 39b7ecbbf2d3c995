// Whether the graph holds any network data (areas); the taxonomy alone does not count.
// Returns: areas (int, 0 or 1)
MATCH (a:Area)
WITH a LIMIT 1
RETURN count(a) AS areas
