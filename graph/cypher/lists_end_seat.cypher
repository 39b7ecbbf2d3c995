// Lists: end a unit's membership of a community's enlarged committee — remove its SEATED_ON to every
// committee ($committeeKind) that COVERS the community.
// Parameters: $unitId, $communityId, $committeeKind
// Returns: orgId, rel (the removed seat's properties), one row per seat removed
MATCH (u:Unit {id: $unitId})-[r:SEATED_ON]->(o:Org)-[:COVERS]->(a:Area {id: $communityId})
WHERE o.kind = $committeeKind
WITH r, o.id AS orgId, properties(r) AS rel
DELETE r
RETURN orgId, rel
