// The reverse question, step 2: open demands that one unit's resources can meet. One probe per
// resource: its location, the categories it can serve (its own and every broader one) and the
// largest radius among them; the engine then applies each demand category's own radius.
// Dialect: neo4j (distance function).
// Parameters: $unitId, $probes list<map{resourceId, lat, lon, radius, categories}>,
//   $demandOpen list<string> (demand statuses that count as open), $communityLevels,
//   $today (ISO date), $committeeKind, $unitStreetIds list<string>
// Returns: resourceId, demandId, title, category, quantity, window, urgency, createdAt, deadline,
//   areaId, areaName, communityId, communityName, distance (m), agreements, seats, streetHits
UNWIND $probes AS probe
MATCH (d:Demand)
WHERE d.status IN $demandOpen AND d.category IN probe.categories
MATCH (a:Area)-[:RAISED]->(d)
WITH probe, d, a,
     coalesce(a.location, head([(a)-[:WITHIN*1..3]->(up:Area) WHERE up.location IS NOT NULL | up.location])) AS loc,
     coalesce(head([(a)-[:WITHIN*0..3]->(c:Area) WHERE c.level IN $communityLevels | c]), a) AS community
WITH probe, d, a, community, point.distance(loc, point({latitude: probe.lat, longitude: probe.lon})) AS distance
WHERE distance <= probe.radius
MATCH (u:Unit {id: $unitId})
RETURN probe.resourceId AS resourceId, d.id AS demandId, d.title AS title, d.category AS category,
       d.quantity AS quantity, d.window AS window, d.urgency AS urgency, d.createdAt AS createdAt,
       d.deadline AS deadline, a.id AS areaId, a.name AS areaName,
       community.id AS communityId, community.name AS communityName, distance,
       [(u)-[cb:CO_BUILDS]->(community) WHERE cb.since <= $today AND (cb.until IS NULL OR cb.until >= $today)
          | {since: cb.since, until: cb.until, agreementNo: cb.agreementNo}] AS agreements,
       [(u)-[seat:SEATED_ON]->(g:Org)-[:COVERS]->(community) WHERE g.kind = $committeeKind
          | {orgId: g.id, orgName: g.name, role: seat.role}] AS seats,
       [(community)-[:WITHIN*1..4]->(street:Area) WHERE street.id IN $unitStreetIds
          | {areaId: community.id, areaName: community.name, streetId: street.id, streetName: street.name}] AS streetHits
