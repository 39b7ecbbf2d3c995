// Importers (--prune): delete organisations missing from a re-imported list.
// Parameters: $ids list<string> (org ids)
// Returns: deleted (int)
UNWIND $ids AS id
MATCH (o:Org {id: id})
DETACH DELETE o
RETURN count(*) AS deleted
