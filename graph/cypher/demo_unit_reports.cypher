// Demo data: units' party organisations reporting to their community ("双报到", unit side).
// Parameters: $rows list<map{unitId, areaId, date (YYYY-MM-DD)}>
// Returns: written (int)
UNWIND $rows AS row
MATCH (u:Unit {id: row.unitId})
MATCH (a:Area {id: row.areaId})
CREATE (u)-[r:REPORTED_TO {date: row.date}]->(a)
RETURN count(r) AS written
