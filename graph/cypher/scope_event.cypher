// Access control: an event belongs where its demand or project does — the raising community, and the
// units delivering the project it is on. Audit events have no subject and belong to no area.
// Parameters: $ids list<string>
// Returns: key, areas list<string>, units list<string>
UNWIND $ids AS key
MATCH (e:Event {id: key})
OPTIONAL MATCH (e)<-[:HAS_EVENT]-(:Demand)<-[:RAISED]-(a:Area)
WITH key, e, collect(DISTINCT a.id) AS direct
OPTIONAL MATCH (e)<-[:HAS_EVENT]-(p:Project)-[:FULFILS]->(:Demand)<-[:RAISED]-(b:Area)
WITH key, e, direct, collect(DISTINCT b.id) AS viaProject
OPTIONAL MATCH (e)<-[:HAS_EVENT]-(:Project)<-[:DELIVERS]-(u:Unit)
RETURN key, direct + viaProject AS areas, collect(DISTINCT u.id) AS units
