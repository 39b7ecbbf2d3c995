// Importers: write one batch of the demand list (需求清单). A new demand starts open; an existing
// one keeps its status and, without 提出日期, its createdAt.
// Parameters: $rows list<map{id, title, category, quantity, window, urgency, deadline, contactName,
//   contactPhone, note, createdAt (date or null), today, status, community [area id],
//   inCategory [code]}>
// Returns: written (int)
UNWIND $rows AS row
MATCH (a:Area {id: row.community[0]})
MATCH (c:Category {code: row.inCategory[0]})
MERGE (d:Demand {id: row.id})
SET d.title = row.title, d.category = c.code, d.quantity = row.quantity, d.window = row.window,
    d.urgency = row.urgency, d.deadline = row.deadline, d.contactName = row.contactName,
    d.contactPhone = row.contactPhone, d.note = row.note,
    d.createdAt = coalesce(row.createdAt, d.createdAt, row.today),
    d.status = coalesce(d.status, row.status)
MERGE (a)-[:RAISED]->(d)
MERGE (d)-[:IN_CATEGORY]->(c)
RETURN count(d) AS written
