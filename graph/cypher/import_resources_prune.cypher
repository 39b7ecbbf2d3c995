// Importers (--prune): delete resources that are missing from a re-imported list.
// Parameters: $ids list<string> (resource ids)
// Returns: deleted (int)
UNWIND $ids AS id
MATCH (r:Resource {id: id})
DETACH DELETE r
RETURN count(*) AS deleted
