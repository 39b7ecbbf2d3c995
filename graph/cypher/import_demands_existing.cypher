// Importers: the stored state of demands, to tell created / updated / unchanged rows apart.
// Parameters: $ids list<string>
// Returns: id, title, category, quantity, window, urgency, deadline, createdAt, contactName,
//   contactPhone, note, community, inCategory (lists)
// The patterns name no label at their far end: the relationship type fixes it (graph/model.py), and
// FalkorDB checks a label there at a cost (3.1 s against 0.9 s for 90,000 resources' categories).
UNWIND $ids AS id
MATCH (d:Demand {id: id})
RETURN d.id AS id, d.title AS title, d.category AS category, d.quantity AS quantity,
       d.window AS window, d.urgency AS urgency, d.deadline AS deadline, d.createdAt AS createdAt,
       d.contactName AS contactName, d.contactPhone AS contactPhone, d.note AS note,
       [(a)-[:RAISED]->(d) | a.id] AS community,
       [(d)-[:IN_CATEGORY]->(c) | c.code] AS inCategory
