// Matching, hard rules 1/2 (docs/matching.md): ids of the active resources in one of $categories
// (the need's category and everything below it) lying within $radius metres of the community — by
// the resource's own location, else by its owner's (a unit or an area). Each branch starts from a
// location index. Dialect: neo4j (distance function).
// Parameters: $lat, $lon (community location), $radius (m), $categories list<string>, $active
// Returns: id (resource id), one row per resource
MATCH (r:Resource)
WHERE r.category IN $categories AND r.status = $active
  AND point.distance(r.location, point({latitude: $lat, longitude: $lon})) <= $radius
RETURN r.id AS id
UNION
MATCH (o:Unit)
WHERE point.distance(o.location, point({latitude: $lat, longitude: $lon})) <= $radius
MATCH (o)-[:OFFERS]->(r:Resource)
WHERE r.location IS NULL AND r.category IN $categories AND r.status = $active
RETURN r.id AS id
UNION
MATCH (o:Area)
WHERE point.distance(o.location, point({latitude: $lat, longitude: $lon})) <= $radius
MATCH (o)-[:OFFERS]->(r:Resource)
WHERE r.location IS NULL AND r.category IN $categories AND r.status = $active
RETURN r.id AS id
