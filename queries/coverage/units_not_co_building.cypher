// title: 未与任何社区共建的驻区单位 / Units that co-build with no community
// description: Units located in the area (a street, town, community or village; empty for all) with no
// description: co-construction agreement (CO_BUILDS) in force on asOf; lapsed counts their expired agreements.
// param: area string = "" — area by name or id (street, town, community, village); empty for all
// param: asOf date = today — the day the agreements must be in force
// columns: street, community, unit, unitId, type, lapsed
MATCH (u:Unit)-[:LOCATED_IN]->(c:Area)-[:WITHIN*0..2]->(s:Area)
WHERE s.level IN ['street', 'town'] AND c.level IN ['community', 'village']
  AND ($area = '' OR s.name = $area OR s.id = $area OR c.name = $area OR c.id = $area)
WITH s, c, u, [(u)-[r:CO_BUILDS]->(:Area) | [r.since, r.until]] AS agreements
WITH s, c, u, size([a IN agreements WHERE a[0] <= $asOf AND (a[1] IS NULL OR a[1] >= $asOf)]) AS inForce,
     size(agreements) AS total
WHERE inForce = 0
RETURN s.name AS street, c.name AS community, u.name AS unit, u.id AS unitId, u.type AS type, total AS lapsed
ORDER BY street, community, unit, unitId
