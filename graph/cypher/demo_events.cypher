// Demo data: the closed-loop timeline of a demand (HAS_EVENT), one Event per transition.
// Parameters: $rows list<map{id, at, actor, action, fromStatus?, toStatus, note?, subjectId}>
// Returns: written (int)
UNWIND $rows AS row
MATCH (d:Demand {id: row.subjectId})
CREATE (e:Event {id: row.id, at: row.at, actor: row.actor, action: row.action, fromStatus: row.fromStatus,
                 toStatus: row.toStatus, note: row.note})
CREATE (d)-[:HAS_EVENT]->(e)
RETURN count(e) AS written
