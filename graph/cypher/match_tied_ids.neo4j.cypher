// Matching, step 1 (docs/matching.md): ids and ties of the candidate resources whose owner is tied to the
// community — its own resources, those of units with a CO_BUILDS agreement in force, of units seated on
// its committee, and of owners located in its street or town. Walked from the community and its streets
// (the WITH clauses keep the planner from starting at the category index), so the cost follows the
// community's ties, not the size of the radius. Hard rules 1–3: active, in one of $categories, within
// $radius of the community by the resource's own location, else its owner's.
// The patterns name no label past their start: the relationship types fix them (graph/model.py), and
// FalkorDB checks a label there at a cost (a fifth of this statement's time).
// Dialect: neo4j (distance function).
// Parameters: $communityId, $lat, $lon, $radius (m), $categories list<string>, $active, $today (ISO date),
//   $committeeKind, $streetIds list<string>
// Returns: id (resource id), tie (own, co_builds, committee or same_street; a resource may come once per tie)
MATCH (o:Area {id: $communityId})
WITH o
MATCH (o)-[:OFFERS]->(r)
WHERE r.category IN $categories AND r.status = $active
  AND point.distance(coalesce(r.location, o.location), point({latitude: $lat, longitude: $lon})) <= $radius
RETURN r.id AS id, 'own' AS tie
UNION
MATCH (c:Area {id: $communityId})
WITH c
MATCH (c)<-[cb:CO_BUILDS]-(o)
WHERE cb.since <= $today AND (cb.until IS NULL OR cb.until >= $today)
WITH DISTINCT o
MATCH (o)-[:OFFERS]->(r)
WHERE r.category IN $categories AND r.status = $active
  AND point.distance(coalesce(r.location, o.location), point({latitude: $lat, longitude: $lon})) <= $radius
RETURN r.id AS id, 'co_builds' AS tie
UNION
MATCH (c:Area {id: $communityId})
WITH c
MATCH (c)<-[:COVERS]-(g)<-[:SEATED_ON]-(o)
WHERE g.kind = $committeeKind
WITH DISTINCT o
MATCH (o)-[:OFFERS]->(r)
WHERE r.category IN $categories AND r.status = $active
  AND point.distance(coalesce(r.location, o.location), point({latitude: $lat, longitude: $lon})) <= $radius
RETURN r.id AS id, 'committee' AS tie
UNION
MATCH (street:Area)
WHERE street.id IN $streetIds
WITH street
MATCH (street)<-[:WITHIN*0..3]-()<-[:LOCATED_IN]-(o)
WITH DISTINCT o
MATCH (o)-[:OFFERS]->(r)
WHERE r.category IN $categories AND r.status = $active
  AND point.distance(coalesce(r.location, o.location), point({latitude: $lat, longitude: $lon})) <= $radius
RETURN r.id AS id, 'same_street' AS tie
