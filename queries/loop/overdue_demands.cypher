// title: 超期未办结需求 / Overdue demands
// description: Demands past their deadline on asOf and not yet done, closed or cancelled, with the days
// description: overdue (whole days from the deadline's day to asOf).
// param: asOf date = today — the day to judge on
// param: limit int = 1000 — at most this many rows
// columns: street, community, demand, demandId, category, urgency, status, deadline, daysOverdue
MATCH (c:Area)-[:RAISED]->(d:Demand)
WHERE d.deadline IS NOT NULL AND d.deadline < $asOf AND NOT d.status IN ['done', 'closed', 'cancelled']
MATCH (c)-[:WITHIN*0..2]->(s:Area)
WHERE s.level IN ['street', 'town']
WITH s, c, d, [t IN [$asOf, d.deadline] | 365 * (toInteger(substring(t, 0, 4)) - CASE WHEN substring(t, 5, 2) < '03' THEN 1 ELSE 0 END) + (toInteger(substring(t, 0, 4)) - CASE WHEN substring(t, 5, 2) < '03' THEN 1 ELSE 0 END) / 4 + (153 * ((toInteger(substring(t, 5, 2)) + 9) % 12) + 2) / 5 + toInteger(substring(t, 8, 2))] AS days
RETURN s.name AS street, c.name AS community, d.title AS demand, d.id AS demandId, d.category AS category,
       d.urgency AS urgency, d.status AS status, d.deadline AS deadline, days[0] - days[1] AS daysOverdue
ORDER BY daysOverdue DESC, street, community, demandId
LIMIT $limit
