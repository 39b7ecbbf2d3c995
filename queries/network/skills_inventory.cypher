// title: 党员专长清单（按社区） / Members' skills inventory per community
// description: Per community or village and skill (a category code): members living there with that skill,
// description: and how many of them reported to the community (双报到).
// param: street string = "" — street or town, by name or id; empty for the whole graph
// param: skill string = "" — one skill code (and narrower codes); empty for all
// columns: street, community, skill, skillName, members, reported
MATCH (m:Member)-[:LIVES_IN]->(:Area)-[:WITHIN*0..3]->(c:Area)-[:WITHIN]->(s:Area)
WHERE c.level IN ['community', 'village'] AND s.level IN ['street', 'town']
  AND ($street = '' OR s.name = $street OR s.id = $street)
UNWIND coalesce(m.skills, []) AS skill
WITH s, c, m, skill
WHERE $skill = '' OR skill = $skill OR skill STARTS WITH ($skill + '.')
OPTIONAL MATCH (m)-[rt:REPORTED_TO]->(c)
WITH s, c, skill, m, count(rt) AS hits
WITH s, c, skill, count(m) AS members, toInteger(sum(CASE WHEN hits > 0 THEN 1 ELSE 0 END)) AS reported
OPTIONAL MATCH (cat:Category {code: skill})
RETURN s.name AS street, c.name AS community, skill, cat.name AS skillName, members, reported
ORDER BY street, community, members DESC, skill
