// title: 停车位供需（按社区） / Parking supply versus parking demand per community
// description: Per community or village: active parking resources (parking and narrower categories) offered
// description: by units, areas and members located in it, their spaces and the spaces still free (not
// description: reserved by open projects), the unmet parking demands raised there and the spaces they ask
// description: for; balance = free − needed (negative: short). Communities with neither are left out.
// param: street string = "" — street or town, by name or id; empty for the whole graph
// param: unmet list<string> = ["open", "dispatched", "rejected", "escalated"] — demand statuses that count as unmet
// columns: street, community, resources, spaces, free, openDemands, needed, balance
MATCH (o)-[:OFFERS]->(r:Resource {status: 'active'})
WHERE r.category = 'parking' OR r.category STARTS WITH 'parking.'
MATCH (o)-[:LOCATED_IN|LIVES_IN|WITHIN*0..3]->(home:Area)-[:WITHIN]->(hs:Area)
WHERE home.level IN ['community', 'village']
OPTIONAL MATCH (p:Project)-[u:USES]->(r)
WHERE p.status IN ['proposed', 'accepted', 'in_progress']
WITH hs, home, r, r.quantity - sum(coalesce(u.quantity, 0)) AS free
WITH hs, home, count(r) AS resources, sum(r.quantity) AS spaces, sum(free) AS free
WITH hs, collect({id: home.id, resources: resources, spaces: spaces, free: free}) AS rows
WITH collect({street: hs.id, rows: rows}) AS supplyByStreet
MATCH (s:Area)
WHERE s.level IN ['street', 'town'] AND ($street = '' OR s.name = $street OR s.id = $street)
WITH s, [x IN supplyByStreet WHERE x.street = s.id | x.rows] AS found
WITH s, CASE WHEN size(found) = 0 THEN [] ELSE found[0] END AS streetSupply
MATCH (c:Area)-[:WITHIN]->(s)
WHERE c.level IN ['community', 'village']
OPTIONAL MATCH (c)-[:RAISED]->(d:Demand)
WHERE d.status IN $unmet AND (d.category = 'parking' OR d.category STARTS WITH 'parking.')
WITH streetSupply, s, c, count(d) AS openDemands, sum(coalesce(d.quantity, 0)) AS needed
WITH s, c, openDemands, needed, [x IN streetSupply WHERE x.id = c.id] AS mine
WITH s, c, openDemands, needed,
     CASE WHEN size(mine) = 0 THEN 0 ELSE mine[0].resources END AS resources,
     CASE WHEN size(mine) = 0 THEN 0 ELSE mine[0].spaces END AS spaces,
     CASE WHEN size(mine) = 0 THEN 0 ELSE mine[0].free END AS free
WHERE resources > 0 OR openDemands > 0
RETURN s.name AS street, c.name AS community, resources, toInteger(spaces) AS spaces, toInteger(free) AS free,
       openDemands, toInteger(needed) AS needed, toInteger(free - needed) AS balance
ORDER BY balance, street, community
