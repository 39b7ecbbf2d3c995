// Lists: update a resource list entry (资源清单) — one statement. Guard, checked here so that check and
// write are one atomic step: a new $quantity is not below what live projects ($reserving) hold of it
// (a dispatch reserves in one statement too). No row when the guard fails or no resource has the id;
// nothing is written then.
// Parameters: $id, $props (map of the changed properties; null removes one), $quantity? (int, the new
//   quantity when it changes), $location {latitude, longitude}? (null keeps it), $cell (the spatial key
//   of $location, graph/spatial.py), $reserving list<string>
// Returns: node (the resource's properties afterwards), held (int)
MATCH (r:Resource {id: $id})
OPTIONAL MATCH (p:Project)-[u:USES]->(r)
WHERE p.status IN $reserving
WITH r, toInteger(sum(coalesce(u.quantity, 0))) AS held
WHERE $quantity IS NULL OR $quantity >= held
SET r += $props
SET r.location = CASE WHEN $location IS NULL THEN r.location ELSE point($location) END,
    r.cell = CASE WHEN $location IS NULL THEN r.cell ELSE $cell END
RETURN properties(r) AS node, held
