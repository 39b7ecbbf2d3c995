// Access control: the areas an organisation covers, and the unit it is the party organisation of.
// Parameters: $ids list<string>
// Returns: key, areas list<string>, units list<string>
UNWIND $ids AS key
MATCH (o:Org {id: key})
OPTIONAL MATCH (o)-[:COVERS]->(a:Area)
WITH key, o, collect(DISTINCT a.id) AS areas
OPTIONAL MATCH (o)-[:ORG_OF]->(u:Unit)
RETURN key, areas, collect(DISTINCT u.id) AS units
