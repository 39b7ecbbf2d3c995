// title: 闲置资源 / Idle resources
// description: Active resources that no open project holds and that no project has used (started or
// description: completed) in the last `months` months before asOf. lastUsed is the latest use, if any.
// param: months int = 6 — how long without a project counts as idle
// param: asOf date = today — the day to count back from
// param: limit int = 1000 — at most this many rows
// columns: street, owner, resource, resourceId, category, quantity, lastUsed
WITH toInteger(substring($asOf, 0, 4)) * 12 + toInteger(substring($asOf, 5, 2)) - 1 - $months AS mm
WITH toString(mm / 12) + '-' + right('0' + toString(mm % 12 + 1), 2) + substring($asOf, 7) AS since
MATCH (o)-[:OFFERS]->(r:Resource {status: 'active'})
OPTIONAL MATCH (p:Project)-[:USES]->(r)
WITH since, o, r, max(coalesce(p.completedAt, p.startedAt)) AS lastUsed,
     sum(CASE WHEN p.status IN ['proposed', 'accepted', 'in_progress'] THEN 1 ELSE 0 END) AS open
WHERE open = 0 AND (lastUsed IS NULL OR lastUsed < since)
MATCH (o)-[:LOCATED_IN|LIVES_IN|WITHIN*0..5]->(s:Area)
WHERE s.level IN ['street', 'town']
RETURN s.name AS street, CASE WHEN o:Member THEN '党员 ' + o.id ELSE o.name END AS owner,
       r.name AS resource, r.id AS resourceId, r.category AS category, r.quantity AS quantity, lastUsed
ORDER BY street, owner, resource, resourceId
LIMIT $limit
