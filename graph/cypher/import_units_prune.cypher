// Importers (--prune): delete units missing from a re-imported register, with the resources they
// offer (a resource without its provider cannot be matched).
// Parameters: $ids list<string> (unit ids)
// Returns: deleted (int, units)
UNWIND $ids AS id
MATCH (u:Unit {id: id})
OPTIONAL MATCH (u)-[:OFFERS]->(r:Resource)
DETACH DELETE r
WITH DISTINCT u
DETACH DELETE u
RETURN count(*) AS deleted
