// Demo data: create territorial party organisations (street committees, community committees,
// branches, groups, joint branches), each COVERS its area and, when it has one, is UNDER its parent.
// Parameters: $rows list<map{id, name, kind, brand?, secretary?, areaId, parentId?}>
// Returns: written (int), linked (int: UNDER relationships created)
UNWIND $rows AS row
MATCH (area:Area {id: row.areaId})
OPTIONAL MATCH (parent:Org {id: row.parentId})
CREATE (o:Org {id: row.id, name: row.name, kind: row.kind, brand: row.brand, secretary: row.secretary})
CREATE (o)-[:COVERS]->(area)
FOREACH (x IN CASE WHEN parent IS NULL THEN [] ELSE [1] END | CREATE (o)-[:UNDER]->(parent))
RETURN count(o) AS written, count(parent) AS linked
