// title: 无党小组的楼栋 / Buildings without a party group
// description: Buildings that no party group (党小组) covers, with their estate and community.
// param: street string = "" — street or town, by name or id; empty for the whole graph
// param: limit int = 1000 — at most this many rows
// columns: street, community, estate, building, buildingId
MATCH (b:Area {level: 'building'})-[:WITHIN]->(e:Area)-[:WITHIN*1..2]->(c:Area)-[:WITHIN]->(s:Area)
WHERE c.level IN ['community', 'village'] AND s.level IN ['street', 'town']
  AND ($street = '' OR s.name = $street OR s.id = $street)
  AND NOT (:Org {kind: 'group'})-[:COVERS]->(b)
RETURN s.name AS street, c.name AS community, e.name AS estate, b.name AS building, b.id AS buildingId
ORDER BY street, community, estate, building, buildingId
LIMIT $limit
