// Importers (--prune): delete open demands missing from a re-imported list.
// Parameters: $ids list<string> (demand ids)
// Returns: deleted (int)
UNWIND $ids AS id
MATCH (d:Demand {id: id})
WHERE d.status = 'open'
DETACH DELETE d
RETURN count(*) AS deleted
