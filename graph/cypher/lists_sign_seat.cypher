// Lists: seat a unit on a community's enlarged committee (大党委成员单位) — SEATED_ON {role, since} to the
// committee Org. Guard: the unit has no seat on it yet. No row when it has one or either is missing.
// Parameters: $unitId, $orgId, $role?, $since (ISO date)
// Returns: rel (the seat's properties)
MATCH (u:Unit {id: $unitId})
MATCH (o:Org {id: $orgId})
OPTIONAL MATCH (u)-[existing:SEATED_ON]->(o)
WITH u, o, existing
WHERE existing IS NULL
CREATE (u)-[r:SEATED_ON {role: $role, since: $since}]->(o)
RETURN properties(r) AS rel
