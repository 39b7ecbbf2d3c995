// title: 党员积分排行 / Members' points leaderboard
// description: Members with the most participation points (积分制), with their community and organisation.
// description: Names are masked (first character kept) as in API answers; look a member up by id.
// param: street string = "" — street or town, by name or id; empty for the whole graph
// param: limit int = 20 — how many members
// columns: member, memberId, status, community, org, points
MATCH (m:Member)-[:LIVES_IN]->(:Area)-[:WITHIN*0..3]->(c:Area)-[:WITHIN]->(s:Area)
WHERE c.level IN ['community', 'village'] AND s.level IN ['street', 'town']
  AND ($street = '' OR s.name = $street OR s.id = $street)
WITH m, c
ORDER BY m.points DESC, m.id
LIMIT $limit
OPTIONAL MATCH (m)-[:BELONGS_TO]->(o:Org)
WITH m, c, min(o.name) AS org
RETURN left(m.name, 1) + substring('**********', 0, size(m.name) - 1) AS member, m.id AS memberId,
       m.status AS status, c.name AS community, org, m.points AS points
ORDER BY points DESC, memberId
