// Demo data: member units of enlarged committees (大党委 / 大工委成员单位).
// Parameters: $rows list<map{unitId, orgId, role, since (YYYY-MM-DD)}>
// Returns: written (int)
UNWIND $rows AS row
MATCH (u:Unit {id: row.unitId})
MATCH (o:Org {id: row.orgId})
CREATE (u)-[r:SEATED_ON {role: row.role, since: row.since}]->(o)
RETURN count(r) AS written
