// Demo data: demand list entries (需求清单) RAISED by a community or village, in their category.
// Parameters: $rows list<map{id, title, category, quantity, window, urgency, status, createdAt, deadline?,
//             source, areaId}>
// Returns: written (int)
UNWIND $rows AS row
MATCH (a:Area {id: row.areaId})
MATCH (c:Category {code: row.category})
CREATE (d:Demand {id: row.id, title: row.title, category: row.category, quantity: row.quantity,
                  window: row.window, urgency: row.urgency, status: row.status, createdAt: row.createdAt,
                  deadline: row.deadline, source: row.source})
CREATE (a)-[:RAISED]->(d)
CREATE (d)-[:IN_CATEGORY]->(c)
RETURN count(d) AS written
