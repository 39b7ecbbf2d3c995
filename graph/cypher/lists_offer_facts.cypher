// Lists: what offering a resource needs to know — the owner (a unit, member or area: its label, its own
// location, and the location of the nearest area with one on its way up: the area itself, or where the
// unit sits or the member lives, then WITHIN), whether the category exists and whether a resource
// has the id already.
// Parameters: $ownerId, $category, $id
// Returns: ownerLabel?, ownLocation?, nearLocation?, categoryFound (bool), existingStatus?
OPTIONAL MATCH (u:Unit {id: $ownerId})
OPTIONAL MATCH (m:Member {id: $ownerId})
OPTIONAL MATCH (a:Area {id: $ownerId})
WITH coalesce(u, m, a) AS o, a
OPTIONAL MATCH (o)-[:LOCATED_IN|LIVES_IN]->(home:Area)
WITH o, coalesce(a, home) AS start
OPTIONAL MATCH (start)-[:WITHIN*0..6]->(place:Area)
WHERE place.location IS NOT NULL
OPTIONAL MATCH (place)-[:WITHIN*1..8]->(above:Area)
WITH o, place, count(above) AS depth
ORDER BY depth DESC
LIMIT 1
OPTIONAL MATCH (c:Category {code: $category})
OPTIONAL MATCH (existing:Resource {id: $id})
RETURN labels(o)[0] AS ownerLabel, o.location AS ownLocation, place.location AS nearLocation,
       c IS NOT NULL AS categoryFound, existing.status AS existingStatus
