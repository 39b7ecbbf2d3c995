// The naive way to match, kept for the benchmark (bench/match_latency.py): every resource of the
// need's categories in the whole graph, with everything needed to apply the rules in Python. The
// distance to ($lat, $lon) is the engine's, as the engine's own steps measure it, so that both rank
// near-equal candidates alike (Python's haversine differs from FalkorDB's by tenths of a metre).
// Dialect: neo4j (distance function).
// Parameters: $categories list<string>, $lat, $lon
// Returns: resourceId, resourceName, category, status, quantity, unitOfMeasure, availability,
//   location, distance (m, by the resource's location, else its owner's), ownerLabel, ownerId, ownerName, ownerLocation, uses list<map{status, quantity}>,
//   agreements list<map{areaId, since, until, agreementNo}>, seats list<map{areaId, orgId, orgName,
//   kind, role}>, ownerStreets list<map{id, name, level}>, projects list<map{status, rating}>
MATCH (o)-[:OFFERS]->(r:Resource)
WHERE r.category IN $categories
RETURN r.id AS resourceId, r.name AS resourceName, r.category AS category, r.status AS status,
       r.quantity AS quantity, r.unitOfMeasure AS unitOfMeasure, r.availability AS availability,
       r.location AS location,
       point.distance(coalesce(r.location, o.location), point({latitude: $lat, longitude: $lon})) AS distance,
       labels(o)[0] AS ownerLabel, o.id AS ownerId, o.name AS ownerName,
       o.location AS ownerLocation,
       [(p:Project)-[x:USES]->(r) | {status: p.status, quantity: x.quantity}] AS uses,
       [(o)-[cb:CO_BUILDS]->(a:Area) | {areaId: a.id, since: cb.since, until: cb.until, agreementNo: cb.agreementNo}] AS agreements,
       [(o)-[seat:SEATED_ON]->(g:Org)-[:COVERS]->(covered:Area) | {areaId: covered.id, orgId: g.id, orgName: g.name, kind: g.kind, role: seat.role}] AS seats,
       [(o)-[:LOCATED_IN]->(:Area)-[:WITHIN*0..6]->(up:Area) | {id: up.id, name: up.name, level: up.level}] AS ownerStreets,
       [(o)-[:DELIVERS]->(job:Project) | {status: job.status, rating: job.rating}] AS projects
