// title: 单位服务社区数排名 / Units by number of communities served
// description: Per unit: communities it co-builds with under an agreement in force on asOf (CO_BUILDS), the
// description: communities whose demands it took on projects for (not rejected or cancelled), and those projects.
// param: asOf date = today — the day agreements must be in force
// param: limit int = 50 — at most this many rows
// columns: unit, unitId, type, street, coBuilds, served, projects
MATCH (u:Unit)-[:LOCATED_IN]->(:Area)-[:WITHIN*0..2]->(s:Area)
WHERE s.level IN ['street', 'town']
OPTIONAL MATCH (u)-[r:CO_BUILDS]->(a:Area)
WHERE r.since <= $asOf AND (r.until IS NULL OR r.until >= $asOf)
WITH u, s, count(DISTINCT a) AS coBuilds
OPTIONAL MATCH (u)-[:DELIVERS]->(p:Project)-[:FULFILS]->(:Demand)<-[:RAISED]-(c:Area)
WHERE NOT p.status IN ['rejected', 'cancelled']
WITH u, s, coBuilds, count(DISTINCT c) AS served, count(DISTINCT p) AS projects
WHERE coBuilds > 0 OR projects > 0
RETURN u.name AS unit, u.id AS unitId, u.type AS type, s.name AS street, coBuilds, served, projects
ORDER BY coBuilds DESC, served DESC, projects DESC, unit, unitId
LIMIT $limit
