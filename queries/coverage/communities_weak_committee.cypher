// title: 无大党委或无成员单位的社区 / Communities without an enlarged committee or member units
// description: Communities and villages with no community party committee (大党委), or whose committee
// description: has no member unit seated on it (兼职委员单位, SEATED_ON).
// param: street string = "" — street or town, by name or id; empty for the whole graph
// columns: street, community, committee, memberUnits, problem
MATCH (c:Area)-[:WITHIN]->(s:Area)
WHERE c.level IN ['community', 'village'] AND ($street = '' OR s.name = $street OR s.id = $street)
OPTIONAL MATCH (o:Org {kind: 'community_committee'})-[:COVERS]->(c)
OPTIONAL MATCH (u:Unit)-[:SEATED_ON]->(o)
WITH s, c, o, count(DISTINCT u) AS memberUnits
WHERE o IS NULL OR memberUnits = 0
RETURN s.name AS street, c.name AS community, o.name AS committee, memberUnits,
       CASE WHEN o IS NULL THEN '无社区党委 / no committee' ELSE '无成员单位 / no member units' END AS problem
ORDER BY street, community
