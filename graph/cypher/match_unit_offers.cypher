// The reverse question, step 1: one unit's active resources with remaining capacity, their location
// (the resource's own, else the unit's), the streets the unit lies in, and its record and load.
// Parameters: $unitId, $active, $reserving, $completed, $open list<string> (statuses), $streetLevels
// Returns: one row per resource: unitId, unitName, streets list<map{id, name}>, ratings list<int>,
//   completed (int), openCommitments (int), resourceId, resourceName, category, quantity, remaining,
//   unitOfMeasure, availability, location (point or null); no row when the unit does not exist,
//   one row with resourceId null when it offers nothing usable
MATCH (u:Unit {id: $unitId})
OPTIONAL MATCH (u)-[:OFFERS]->(r:Resource)
WHERE r.status = $active
WITH u, r,
     CASE WHEN r IS NULL THEN 0
          ELSE r.quantity - reduce(used = 0, q IN [(p:Project)-[x:USES]->(r) WHERE p.status IN $reserving | coalesce(x.quantity, 0)] | used + q)
     END AS remaining
RETURN u.id AS unitId, u.name AS unitName,
       [(u)-[:LOCATED_IN]->(:Area)-[:WITHIN*0..6]->(s:Area) WHERE s.level IN $streetLevels | {id: s.id, name: s.name}] AS streets,
       [(u)-[:DELIVERS]->(p:Project) WHERE p.status IN $completed AND p.rating IS NOT NULL | p.rating] AS ratings,
       size([(u)-[:DELIVERS]->(p:Project) WHERE p.status IN $completed | p.id]) AS completed,
       size([(u)-[:DELIVERS]->(p:Project) WHERE p.status IN $open | p.id]) AS openCommitments,
       r.id AS resourceId, r.name AS resourceName, r.category AS category, r.quantity AS quantity,
       remaining, r.unitOfMeasure AS unitOfMeasure, r.availability AS availability,
       coalesce(r.location, u.location) AS location
