// Importers: the stored state of units, to tell created / updated / unchanged rows apart.
// Parameters: $ids list<string>
// Returns: id, name, uscc, type, address, contactName, contactPhone, location,
//   area, coBuilds, org (lists of ids)
// The patterns name no label at their far end: the relationship type fixes it (graph/model.py), and
// FalkorDB checks a label there at a cost (3.1 s against 0.9 s for 90,000 resources' categories).
UNWIND $ids AS id
MATCH (u:Unit {id: id})
RETURN u.id AS id, u.name AS name, u.uscc AS uscc, u.type AS type, u.address AS address,
       u.contactName AS contactName, u.contactPhone AS contactPhone, u.location AS location,
       [(u)-[:LOCATED_IN]->(a) | a.id] AS area,
       [(u)-[:CO_BUILDS]->(c) | c.id] AS coBuilds,
       [(o)-[:ORG_OF]->(u) | o.id] AS org
