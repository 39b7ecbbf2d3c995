// Demo data: create a unit's own party organisation (ORG_OF the unit, UNDER its territorial parent).
// Parameters: $rows list<map{id, name, kind, secretary?, unitId, parentId}>
// Returns: written (int)
UNWIND $rows AS row
MATCH (u:Unit {id: row.unitId})
MATCH (parent:Org {id: row.parentId})
CREATE (o:Org {id: row.id, name: row.name, kind: row.kind, secretary: row.secretary})
CREATE (o)-[:ORG_OF]->(u)
CREATE (o)-[:UNDER]->(parent)
RETURN count(o) AS written
