// Demo data: create resident units (驻区单位) located in a community or village (LOCATED_IN).
// Parameters: $rows list<map{id, name, uscc?, type, address, location{latitude, longitude},
//             contactName, contactPhone, areaId}>
// Returns: written (int)
UNWIND $rows AS row
MATCH (a:Area {id: row.areaId})
CREATE (u:Unit {id: row.id, name: row.name, uscc: row.uscc, type: row.type, address: row.address,
                location: point(row.location), contactName: row.contactName, contactPhone: row.contactPhone})
CREATE (u)-[:LOCATED_IN]->(a)
RETURN count(u) AS written
