// Loop: why a guarded statement wrote nothing — the demand's state, whether the request already ran,
// whether the deliverer and resource exist, who offers the resource and how much of it is left.
// Parameters: $demandId, $requestId?, $unitId?, $memberId?, $resourceId?, $reserving list<string>
// Returns: status?, priorEventId?, unitFound, memberFound, resourceStatus?, ownerIds list<string>,
//   remaining (int?)
OPTIONAL MATCH (d:Demand {id: $demandId})
OPTIONAL MATCH (prior:Event {requestId: $requestId})
OPTIONAL MATCH (u:Unit {id: $unitId})
OPTIONAL MATCH (m:Member {id: $memberId})
OPTIONAL MATCH (r:Resource {id: $resourceId})
WITH d, prior, u, m, r
OPTIONAL MATCH (owner)-[:OFFERS]->(r)
WITH d, prior, u, m, r, collect(owner.id) AS ownerIds
OPTIONAL MATCH (held:Project)-[hold:USES]->(r)
WHERE held.status IN $reserving
WITH d, prior, u, m, r, ownerIds, toInteger(sum(coalesce(hold.quantity, 0))) AS used
RETURN d.status AS status, prior.id AS priorEventId, u IS NOT NULL AS unitFound, m IS NOT NULL AS memberFound,
       r.status AS resourceStatus, ownerIds, CASE WHEN r IS NULL THEN null ELSE r.quantity - used END AS remaining
