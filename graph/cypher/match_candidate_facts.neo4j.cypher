// Matching, hard rules 2/2 and the facts of the score (docs/matching.md): for the resources found by
// match_candidate_ids, keep those with remaining capacity above zero (quantity minus what projects in
// $reserving use) and return what the score is computed from. Dialect: neo4j (distance function).
// Parameters: $ids list<string>, $communityId, $lat, $lon, $reserving, $completed, $open
//   list<string> (project statuses), $today (ISO date), $committeeKind, $streetIds list<string>
// Returns: resourceId, resourceName, category, quantity, remaining, unitOfMeasure, availability,
//   ownerLabel, ownerId, ownerName, distance (m), agreements list<map{since, until, agreementNo}>,
//   seats list<map{orgId, orgName, role}>, streetHits list<map{areaId, areaName, streetId,
//   streetName}>, jobs list<[status, rating]> (the owner's completed and open projects)
MATCH (community:Area {id: $communityId})
UNWIND $ids AS id
MATCH (r:Resource {id: id})
MATCH (o)-[:OFFERS]->(r)
WITH community, r, o,
     point.distance(coalesce(r.location, o.location), point({latitude: $lat, longitude: $lon})) AS distance,
     r.quantity - reduce(used = 0, q IN [(p:Project)-[u:USES]->(r) WHERE p.status IN $reserving | coalesce(u.quantity, 0)] | used + q) AS remaining
WHERE remaining > 0
RETURN r.id AS resourceId, r.name AS resourceName, r.category AS category, r.quantity AS quantity,
       remaining, r.unitOfMeasure AS unitOfMeasure, r.availability AS availability,
       labels(o)[0] AS ownerLabel, o.id AS ownerId, o.name AS ownerName, distance,
       [(o)-[cb:CO_BUILDS]->(community) WHERE cb.since <= $today AND (cb.until IS NULL OR cb.until >= $today)
          | {since: cb.since, until: cb.until, agreementNo: cb.agreementNo}] AS agreements,
       [(o)-[seat:SEATED_ON]->(g:Org)-[:COVERS]->(community) WHERE g.kind = $committeeKind
          | {orgId: g.id, orgName: g.name, role: seat.role}] AS seats,
       [(o)-[:LOCATED_IN]->(home:Area)-[:WITHIN*0..3]->(street:Area) WHERE street.id IN $streetIds
          | {areaId: home.id, areaName: home.name, streetId: street.id, streetName: street.name}] AS streetHits,
       [(o)-[:DELIVERS]->(job:Project) WHERE job.status IN $completed OR job.status IN $open | [job.status, job.rating]] AS jobs
