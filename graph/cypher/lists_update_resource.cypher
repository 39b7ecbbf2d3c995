// Lists: update a resource list entry (资源清单) — one statement. Guard, checked here so that check and
// write are one atomic step: a new $quantity is not below what live projects ($reserving) hold of it
// (a dispatch reserves in one statement too). No row when the guard fails or no resource has the id;
// nothing is written then.
// Parameters: $id, $props (map of the changed properties; null removes one), $quantity? (int, the new
//   quantity when it changes), $location {latitude, longitude}? (null keeps it), $reserving list<string>
// Returns: node (the resource's properties afterwards), held (int)
// r.cell is the spatial key matching looks resources up by (graph/spatial.py CELL_EXPRESSION), set
// after a WITH: FalkorDB evaluates consecutive SET clauses against the node as it was before them.
MATCH (r:Resource {id: $id})
OPTIONAL MATCH (p:Project)-[u:USES]->(r)
WHERE p.status IN $reserving
WITH r, toInteger(sum(coalesce(u.quantity, 0))) AS held
WHERE $quantity IS NULL OR $quantity >= held
SET r += $props
SET r.location = CASE WHEN $location IS NULL THEN r.location ELSE point($location) END
WITH r, held
SET r.cell = CASE WHEN r.location IS NULL THEN null ELSE split(r.category, '.')[0] + ':' +
    toString(toInteger(floor(r.location.latitude * 100))) + ':' +
    toString(toInteger(floor(r.location.longitude * 100))) END
RETURN properties(r) AS node, held
