// Importers: the stored state of demands, to tell created / updated / unchanged rows apart.
// Parameters: $ids list<string>
// Returns: id, title, category, quantity, window, urgency, deadline, createdAt, contactName,
//   contactPhone, note, community, inCategory (lists)
UNWIND $ids AS id
MATCH (d:Demand {id: id})
RETURN d.id AS id, d.title AS title, d.category AS category, d.quantity AS quantity,
       d.window AS window, d.urgency AS urgency, d.deadline AS deadline, d.createdAt AS createdAt,
       d.contactName AS contactName, d.contactPhone AS contactPhone, d.note AS note,
       [(a:Area)-[:RAISED]->(d) | a.id] AS community,
       [(d)-[:IN_CATEGORY]->(c:Category) | c.code] AS inCategory
