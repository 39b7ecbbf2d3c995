// Importers: write one batch of party organisations (党组织), parents before children. Moves UNDER
// and COVERS to the listed parent and area.
// Parameters: $rows list<map{id, name, kind, secretary, brand, parent [org id] or [],
//   area [area id] or []}>
// Returns: written (int)
UNWIND $rows AS row
MERGE (o:Org {id: row.id})
SET o.name = row.name, o.kind = row.kind, o.secretary = row.secretary, o.brand = row.brand
WITH o, row
OPTIONAL MATCH (o)-[stale:UNDER]->(old:Org)
WHERE NOT old.id IN row.parent
DELETE stale
WITH DISTINCT o, row
OPTIONAL MATCH (o)-[stale:COVERS]->(old:Area)
WHERE NOT old.id IN row.area
DELETE stale
WITH DISTINCT o, row
FOREACH (parentId IN row.parent |
  MERGE (p:Org {id: parentId})
  MERGE (o)-[:UNDER]->(p))
FOREACH (areaId IN row.area |
  MERGE (a:Area {id: areaId})
  MERGE (o)-[:COVERS]->(a))
RETURN count(o) AS written
