// Importers (--prune): delete areas that are missing from a re-imported list.
// Parameters: $ids list<string> (area ids)
// Returns: deleted (int)
UNWIND $ids AS id
MATCH (a:Area {id: id})
DETACH DELETE a
RETURN count(*) AS deleted
