// Importers: the stored state of units, to tell created / updated / unchanged rows apart.
// Parameters: $ids list<string>
// Returns: id, name, uscc, type, address, contactName, contactPhone, location,
//   area, coBuilds, org (lists of ids)
UNWIND $ids AS id
MATCH (u:Unit {id: id})
RETURN u.id AS id, u.name AS name, u.uscc AS uscc, u.type AS type, u.address AS address,
       u.contactName AS contactName, u.contactPhone AS contactPhone, u.location AS location,
       [(u)-[:LOCATED_IN]->(a:Area) | a.id] AS area,
       [(u)-[:CO_BUILDS]->(c:Area) | c.id] AS coBuilds,
       [(o:Org)-[:ORG_OF]->(u) | o.id] AS org
