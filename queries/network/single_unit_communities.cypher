// title: 依赖单一共建单位的社区 / Communities that depend on a single unit
// description: Communities and villages with exactly one unit co-building with them under an agreement in
// description: force on asOf, with that unit and the projects it delivered there.
// param: asOf date = today — the day agreements must be in force
// columns: street, community, unit, unitId, type, since, projects
MATCH (u:Unit)-[r:CO_BUILDS]->(c:Area)
WHERE c.level IN ['community', 'village'] AND r.since <= $asOf AND (r.until IS NULL OR r.until >= $asOf)
WITH c, collect(DISTINCT u) AS units, min(r.since) AS since
WHERE size(units) = 1
WITH c, units[0] AS u, since
MATCH (c)-[:WITHIN*1..2]->(s:Area)
WHERE s.level IN ['street', 'town']
OPTIONAL MATCH (u)-[:DELIVERS]->(p:Project)-[:FULFILS]->(:Demand)<-[:RAISED]-(c)
RETURN s.name AS street, c.name AS community, u.name AS unit, u.id AS unitId, u.type AS type, since,
       count(DISTINCT p) AS projects
ORDER BY street, community
