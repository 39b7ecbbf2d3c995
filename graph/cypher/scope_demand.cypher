// Access control: a demand belongs to the community that raised it, and to the units delivering its
// live projects (dispatched to or claimed by them: statuses in $live).
// Parameters: $ids list<string>, $live list<string>
// Returns: key, areas list<string>, units list<string>
UNWIND $ids AS key
MATCH (d:Demand {id: key})
OPTIONAL MATCH (a:Area)-[:RAISED]->(d)
WITH key, d, collect(DISTINCT a.id) AS areas
OPTIONAL MATCH (u:Unit)-[:DELIVERS]->(p:Project)-[:FULFILS]->(d)
WHERE p.status IN $live
RETURN key, areas, collect(DISTINCT u.id) AS units
