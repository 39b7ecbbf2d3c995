// The reverse question, step 1: one unit's active resources with remaining capacity, their location
// (the resource's own, else the unit's), the streets the unit lies in, and its record and load. The
// remaining capacity is the quantity minus the reserved quantity, and the record and load are the
// project statistics, that the loop keeps on the nodes (graph/loop/statistics.py).
// Parameters: $unitId, $active, $streetLevels
// Returns: one row per resource: unitId, unitName, streets list<map{id, name}>, completed,
//   openCommitments, rated, ratingSum (the unit's project statistics), resourceId, resourceName,
//   category, quantity, remaining,
//   unitOfMeasure, availability, location (point or null); no row when the unit does not exist,
//   one row with resourceId null when it offers nothing usable
MATCH (u:Unit {id: $unitId})
OPTIONAL MATCH (u)-[:OFFERS]->(r:Resource)
WHERE r.status = $active
WITH u, r, CASE WHEN r IS NULL THEN 0 ELSE r.quantity - coalesce(r.reserved, 0) END AS remaining
RETURN u.id AS unitId, u.name AS unitName,
       [(u)-[:LOCATED_IN]->(:Area)-[:WITHIN*0..6]->(s:Area) WHERE s.level IN $streetLevels | {id: s.id, name: s.name}] AS streets,
       coalesce(u.projectsCompleted, 0) AS completed, coalesce(u.projectsOpen, 0) AS openCommitments,
       coalesce(u.projectsRated, 0) AS rated, coalesce(u.ratingSum, 0.0) AS ratingSum,
       r.id AS resourceId, r.name AS resourceName, r.category AS category, r.quantity AS quantity,
       remaining, r.unitOfMeasure AS unitOfMeasure, r.availability AS availability,
       coalesce(r.location, u.location) AS location
