// title: 资源利用率（按类别、街道） / Resource utilisation by category and street
// description: Per street and top-level category: active resources, how many an open project holds or a
// description: project used in the last `months` months (usedPct), the quantity offered and the quantity
// description: reserved by open projects (reservedPct).
// param: months int = 6 — the window for "used recently"
// param: asOf date = today — the day to count back from
// columns: street, category, categoryName, resources, used, usedPct, quantity, reserved, reservedPct
WITH toInteger(substring($asOf, 0, 4)) * 12 + toInteger(substring($asOf, 5, 2)) - 1 - $months AS mm
WITH toString(mm / 12) + '-' + right('0' + toString(mm % 12 + 1), 2) + substring($asOf, 7) AS since
MATCH (o)-[:OFFERS]->(r:Resource {status: 'active'})
MATCH (o)-[:LOCATED_IN|LIVES_IN|WITHIN*0..5]->(s:Area)
WHERE s.level IN ['street', 'town']
OPTIONAL MATCH (p:Project)-[u:USES]->(r)
WITH since, s, r,
     sum(CASE WHEN p.status IN ['proposed', 'accepted', 'in_progress'] THEN u.quantity ELSE 0 END) AS reserved,
     sum(CASE WHEN p.status IN ['proposed', 'accepted', 'in_progress'] THEN 1 ELSE 0 END) AS open,
     max(coalesce(p.completedAt, p.startedAt)) AS lastUsed
WITH s, split(r.category, '.')[0] AS category, count(r) AS resources,
     sum(CASE WHEN open > 0 OR lastUsed >= since THEN 1 ELSE 0 END) AS used,
     sum(r.quantity) AS quantity, sum(reserved) AS reserved
OPTIONAL MATCH (cat:Category {code: category})
RETURN s.name AS street, category, cat.name AS categoryName, resources, toInteger(used) AS used,
       round(1000.0 * used / resources) / 10.0 AS usedPct, toInteger(quantity) AS quantity,
       toInteger(reserved) AS reserved,
       CASE WHEN quantity > 0 THEN round(1000.0 * reserved / quantity) / 10.0 ELSE null END AS reservedPct
ORDER BY street, category
