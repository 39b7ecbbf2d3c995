// title: 跨街道共建的桥梁单位 / Bridges between streets
// description: Units co-building (agreement in force on asOf) with communities in a street other than the
// description: one they are located in: one row per unit and other street, with those communities.
// param: asOf date = today — the day agreements must be in force
// columns: unit, unitId, type, homeStreet, otherStreet, communities
MATCH (u:Unit)-[:LOCATED_IN]->(:Area)-[:WITHIN*0..2]->(home:Area)
WHERE home.level IN ['street', 'town']
MATCH (u)-[r:CO_BUILDS]->(c:Area)-[:WITHIN*0..2]->(other:Area)
WHERE other.level IN ['street', 'town'] AND other <> home
  AND r.since <= $asOf AND (r.until IS NULL OR r.until >= $asOf)
WITH u, home, other, collect(DISTINCT c.name) AS names
RETURN u.name AS unit, u.id AS unitId, u.type AS type, home.name AS homeStreet, other.name AS otherStreet,
       names AS communities
ORDER BY homeStreet, unit, unitId, otherStreet
