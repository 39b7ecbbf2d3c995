// Access control: a project belongs to the community whose demand it meets, and to the units that
// deliver it (whatever its status: a unit keeps seeing its own history).
// Parameters: $ids list<string>
// Returns: key, areas list<string>, units list<string>
UNWIND $ids AS key
MATCH (p:Project {id: key})
OPTIONAL MATCH (p)-[:FULFILS]->(:Demand)<-[:RAISED]-(a:Area)
WITH key, p, collect(DISTINCT a.id) AS areas
OPTIONAL MATCH (u:Unit)-[:DELIVERS]->(p)
RETURN key, areas, collect(DISTINCT u.id) AS units
