// Spatial key: compute the cell of every resource with a location (graph/spatial.py cell_key: the
// top-level category and the 0.01° grid square of the stored point), for a graph written before
// resources carried one. The writers of resources keep it as they write.
// Parameters: none
// Returns: refreshed (int, resources whose cell was set)
MATCH (r:Resource)
WHERE r.location IS NOT NULL
SET r.cell = split(r.category, '.')[0] + ':' + toString(toInteger(floor(r.location.latitude * 100))) + ':' +
    toString(toInteger(floor(r.location.longitude * 100)))
RETURN count(r) AS refreshed
