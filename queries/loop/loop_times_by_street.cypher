// title: 闭环时效（按街道） / Loop times per street
// description: Per street, over demands raised since `since`: median hours from raising to the first
// description: dispatch, from the dispatch that was accepted to the acceptance, and from raising to the first
// description: completion (事件时间线 Event.at). Each median counts only the demands that reached that step.
// param: since date = "2000-01-01" — only demands raised on or after this day
// columns: street, demands, dispatched, medianHoursToDispatch, accepted, medianHoursToAccept, completed, medianHoursToComplete
// Minutes since an epoch from an ISO-8601 timestamp (same +08:00 offset everywhere; civil-date arithmetic
// valid 1901-2099), in plain Cypher that FalkorDB and Neo4j both run: no datetime() needed.
MATCH (c:Area)-[:RAISED]->(d:Demand)-[:HAS_EVENT]->(e:Event)
WHERE d.createdAt >= $since
WITH c, d, min(CASE WHEN e.action = 'raise' THEN e.at END) AS raised,
     min(CASE WHEN e.action = 'dispatch' THEN e.at END) AS dispatched,
     min(CASE WHEN e.action = 'accept' THEN e.at END) AS accepted,
     min(CASE WHEN e.action = 'complete' THEN e.at END) AS completed
OPTIONAL MATCH (d)-[:HAS_EVENT]->(x:Event)
WHERE x.action IN ['dispatch', 'redispatch'] AND x.at <= accepted
WITH c, d, raised, dispatched, accepted, completed, max(x.at) AS acceptedDispatch
WITH c, d, [t IN [raised, dispatched, acceptedDispatch, accepted, completed] |
            CASE WHEN t IS NULL THEN null ELSE (365 * (toInteger(substring(t, 0, 4)) - CASE WHEN substring(t, 5, 2) < '03' THEN 1 ELSE 0 END) + (toInteger(substring(t, 0, 4)) - CASE WHEN substring(t, 5, 2) < '03' THEN 1 ELSE 0 END) / 4 + (153 * ((toInteger(substring(t, 5, 2)) + 9) % 12) + 2) / 5 + toInteger(substring(t, 8, 2))) * 1440 + toInteger(substring(t, 11, 2)) * 60 + toInteger(substring(t, 14, 2)) END] AS m
WITH c, d, (m[1] - m[0]) / 60.0 AS toDispatch, (m[3] - m[2]) / 60.0 AS toAccept, (m[4] - m[0]) / 60.0 AS toComplete
MATCH (c)-[:WITHIN*0..2]->(s:Area)
WHERE s.level IN ['street', 'town']
RETURN s.name AS street, count(d) AS demands,
       count(toDispatch) AS dispatched, round(10 * percentileCont(toDispatch, 0.5)) / 10.0 AS medianHoursToDispatch,
       count(toAccept) AS accepted, round(10 * percentileCont(toAccept, 0.5)) / 10.0 AS medianHoursToAccept,
       count(toComplete) AS completed, round(10 * percentileCont(toComplete, 0.5)) / 10.0 AS medianHoursToComplete
ORDER BY street
