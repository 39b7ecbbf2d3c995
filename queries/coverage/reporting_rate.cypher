// title: 在职党员报到率 / In-service members' reporting rate per community
// description: Per community or village: in-service members living there (LIVES_IN the community or an
// description: area inside it), how many of them reported to it (双报到, REPORTED_TO), and the rate in percent.
// param: street string = "" — street or town, by name or id; empty for the whole graph
// columns: street, community, inService, reported, ratePct
MATCH (m:Member {status: 'in_service'})-[:LIVES_IN]->(:Area)-[:WITHIN*0..3]->(c:Area)-[:WITHIN]->(s:Area)
WHERE c.level IN ['community', 'village'] AND s.level IN ['street', 'town']
  AND ($street = '' OR s.name = $street OR s.id = $street)
OPTIONAL MATCH (m)-[rt:REPORTED_TO]->(c)
WITH s, c, m, count(rt) AS hits
WITH s, c, count(m) AS inService, toInteger(sum(CASE WHEN hits > 0 THEN 1 ELSE 0 END)) AS reported
RETURN s.name AS street, c.name AS community, inService, reported,
       round(1000.0 * reported / inService) / 10.0 AS ratePct
ORDER BY ratePct, street, community
