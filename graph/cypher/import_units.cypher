// Importers: write one batch of the unit register (驻区单位名册). Moves LOCATED_IN to the listed area,
// adds CO_BUILDS to every listed community, links the unit's own party organisation (creating it as a
// unit_org when the register names one that does not exist yet).
// Parameters: $rows list<map{id, name, uscc, type, address, contactName, contactPhone,
//   location {latitude, longitude}?, area [area id], coBuilds [area ids], org [org id] or [], orgName, orgKind}>
// Returns: written (int)
UNWIND $rows AS row
MERGE (u:Unit {id: row.id})
SET u.name = row.name, u.uscc = row.uscc, u.type = row.type, u.address = row.address,
    u.contactName = row.contactName, u.contactPhone = row.contactPhone, u.location = point(row.location)
WITH u, row
OPTIONAL MATCH (u)-[stale:LOCATED_IN]->(old:Area)
WHERE NOT old.id IN row.area
DELETE stale
WITH DISTINCT u, row
FOREACH (areaId IN row.area |
  MERGE (a:Area {id: areaId})
  MERGE (u)-[:LOCATED_IN]->(a))
FOREACH (areaId IN row.coBuilds |
  MERGE (c:Area {id: areaId})
  MERGE (u)-[:CO_BUILDS]->(c))
FOREACH (orgId IN row.org |
  MERGE (o:Org {id: orgId})
  ON CREATE SET o.name = row.orgName, o.kind = row.orgKind
  MERGE (o)-[:ORG_OF]->(u))
RETURN count(u) AS written
