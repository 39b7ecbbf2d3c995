// Demo data: co-construction agreements (共建协议) between units and communities.
// Parameters: $rows list<map{unitId, areaId, since (YYYY-MM-DD), until? (YYYY-MM-DD), agreementNo}>
// Returns: written (int)
UNWIND $rows AS row
MATCH (u:Unit {id: row.unitId})
MATCH (a:Area {id: row.areaId})
CREATE (u)-[r:CO_BUILDS {since: row.since, until: row.until, agreementNo: row.agreementNo}]->(a)
RETURN count(r) AS written
