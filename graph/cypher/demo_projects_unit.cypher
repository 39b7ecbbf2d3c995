// Demo data: projects (项目清单) that FULFIL a demand, DELIVERED by a unit, and when they draw on a
// resource, USES it with the reserved quantity.
// Parameters: $rows list<map{id, title, status, quantity, startedAt?, completedAt?, rating?, feedback?,
//             demandId, delivererId, resourceId?, uses?}>
// Returns: written (int), used (int: USES relationships created)
UNWIND $rows AS row
MATCH (d:Demand {id: row.demandId})
MATCH (by:Unit {id: row.delivererId})
OPTIONAL MATCH (r:Resource {id: row.resourceId})
CREATE (p:Project {id: row.id, title: row.title, status: row.status, quantity: row.quantity,
                   startedAt: row.startedAt, completedAt: row.completedAt, rating: row.rating,
                   feedback: row.feedback})
CREATE (p)-[:FULFILS]->(d)
CREATE (by)-[:DELIVERS]->(p)
FOREACH (x IN CASE WHEN r IS NULL THEN [] ELSE [1] END | CREATE (p)-[:USES {quantity: row.uses}]->(r))
RETURN count(p) AS written, count(r) AS used
