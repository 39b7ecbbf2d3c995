// Importers: the stored state of resources, to tell created / updated / unchanged rows apart.
// Parameters: $ids list<string>
// Returns: id, name, category, quantity, unitOfMeasure, availability, serviceType, address,
//   contactName, contactPhone, conditions, note, location, owner, inCategory (lists of ids)
// The patterns name no label at their far end: the relationship type fixes it (graph/model.py), and
// FalkorDB checks a label there at a cost (3.1 s against 0.9 s for 90,000 resources' categories).
UNWIND $ids AS id
MATCH (r:Resource {id: id})
RETURN r.id AS id, r.name AS name, r.category AS category, r.quantity AS quantity,
       r.unitOfMeasure AS unitOfMeasure, r.availability AS availability, r.serviceType AS serviceType,
       r.address AS address, r.contactName AS contactName, r.contactPhone AS contactPhone,
       r.conditions AS conditions, r.note AS note, r.location AS location,
       [(o)-[:OFFERS]->(r) | o.id] AS owner, [(r)-[:IN_CATEGORY]->(c) | c.code] AS inCategory
