// title: 重复需求 / Repeat demands
// description: Demands raised by a community in a category (same code) in which it had already raised a
// description: demand in the `days` days before: each repeat once, with how many earlier ones fall in the
// description: window and the days since the latest of them.
// param: days int = 90 — the window, in days
// columns: street, community, category, demand, demandId, createdAt, earlier, previousAt, daysSincePrevious
// Minutes since an epoch from an ISO-8601 timestamp (same +08:00 offset everywhere; civil-date arithmetic
// valid 1901-2099), in plain Cypher that FalkorDB and Neo4j both run: no datetime() needed.
MATCH (c:Area)-[:RAISED]->(b:Demand)
MATCH (c)-[:RAISED]->(a:Demand)
WHERE a.category = b.category AND a.createdAt < b.createdAt
WITH c, a, b, [t IN [a.createdAt, b.createdAt] | (365 * (toInteger(substring(t, 0, 4)) - CASE WHEN substring(t, 5, 2) < '03' THEN 1 ELSE 0 END) + (toInteger(substring(t, 0, 4)) - CASE WHEN substring(t, 5, 2) < '03' THEN 1 ELSE 0 END) / 4 + (153 * ((toInteger(substring(t, 5, 2)) + 9) % 12) + 2) / 5 + toInteger(substring(t, 8, 2))) * 1440 + toInteger(substring(t, 11, 2)) * 60 + toInteger(substring(t, 14, 2))] AS m
WHERE m[1] - m[0] <= $days * 1440
WITH c, b, count(a) AS earlier, max(a.createdAt) AS previousAt, min(m[1] - m[0]) AS minutes
MATCH (c)-[:WITHIN*0..2]->(s:Area)
WHERE s.level IN ['street', 'town']
RETURN s.name AS street, c.name AS community, b.category AS category, b.title AS demand, b.id AS demandId,
       b.createdAt AS createdAt, earlier, previousAt, round(10 * minutes / 1440.0) / 10.0 AS daysSincePrevious
ORDER BY street, community, category, createdAt, demandId
