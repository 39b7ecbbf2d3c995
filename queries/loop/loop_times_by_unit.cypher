// title: 闭环时效（按承接单位） / Loop times per unit
// description: Per unit that accepted demands (a project it delivers reached accepted or later): median
// description: hours from the dispatch it accepted to its acceptance, and from acceptance to completion.
// param: minProjects int = 1 — only units with at least this many accepted projects
// columns: unit, unitId, type, projects, medianHoursToAccept, completed, medianHoursToComplete
// Minutes since an epoch from an ISO-8601 timestamp (same +08:00 offset everywhere; civil-date arithmetic
// valid 1901-2099), in plain Cypher that FalkorDB and Neo4j both run: no datetime() needed.
MATCH (u:Unit)-[:DELIVERS]->(p:Project)-[:FULFILS]->(d:Demand)-[:HAS_EVENT]->(e:Event)
WHERE p.status IN ['accepted', 'in_progress', 'done', 'closed']
WITH u, d, min(CASE WHEN e.action = 'accept' THEN e.at END) AS accepted,
     min(CASE WHEN e.action = 'complete' THEN e.at END) AS completed
WHERE accepted IS NOT NULL
OPTIONAL MATCH (d)-[:HAS_EVENT]->(x:Event)
WHERE x.action IN ['dispatch', 'redispatch'] AND x.at <= accepted
WITH u, d, accepted, completed, max(x.at) AS acceptedDispatch
WITH u, d, [t IN [acceptedDispatch, accepted, completed] | CASE WHEN t IS NULL THEN null ELSE (365 * (toInteger(substring(t, 0, 4)) - CASE WHEN substring(t, 5, 2) < '03' THEN 1 ELSE 0 END) + (toInteger(substring(t, 0, 4)) - CASE WHEN substring(t, 5, 2) < '03' THEN 1 ELSE 0 END) / 4 + (153 * ((toInteger(substring(t, 5, 2)) + 9) % 12) + 2) / 5 + toInteger(substring(t, 8, 2))) * 1440 + toInteger(substring(t, 11, 2)) * 60 + toInteger(substring(t, 14, 2)) END] AS m
WITH u, d, (m[1] - m[0]) / 60.0 AS toAccept, (m[2] - m[1]) / 60.0 AS toComplete
WITH u, count(d) AS projects, percentileCont(toAccept, 0.5) AS accept, count(toComplete) AS completed,
     percentileCont(toComplete, 0.5) AS complete
WHERE projects >= $minProjects
RETURN u.name AS unit, u.id AS unitId, u.type AS type, projects,
       round(10 * accept) / 10.0 AS medianHoursToAccept, completed,
       round(10 * complete) / 10.0 AS medianHoursToComplete
ORDER BY projects DESC, unit, unitId
