// title: 无党支部的网格 / Grids without a party branch
// description: Grids that no branch-level organisation (党支部, 党总支, 联合或功能型党支部) covers:
// description: there "党支部建在网格上" is not yet true.
// param: street string = "" — street or town, by name or id; empty for the whole graph
// columns: street, community, grid, gridId
MATCH (g:Area {level: 'grid'})-[:WITHIN]->(c:Area)-[:WITHIN]->(s:Area)
WHERE $street = '' OR s.name = $street OR s.id = $street
WITH s, c, g, [(o:Org)-[:COVERS]->(g) | o.kind] AS kinds
WHERE size([k IN kinds WHERE k IN ['branch', 'general_branch', 'joint_branch', 'combined_branch']]) = 0
RETURN s.name AS street, c.name AS community, g.name AS grid, g.id AS gridId
ORDER BY street, community, grid, gridId
