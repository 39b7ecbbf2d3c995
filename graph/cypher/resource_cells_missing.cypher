// Spatial key: is some resource with a location without its cell (a graph written before resources
// carried one, or by a statement that does not set it)?
// Parameters: none
// Returns: one row (any such resource's id) when one is missing, none otherwise
MATCH (r:Resource)
WHERE r.location IS NOT NULL AND r.cell IS NULL
RETURN r.id AS id
LIMIT 1
