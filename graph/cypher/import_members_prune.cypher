// Importers (--prune): delete members missing from a re-imported list.
// Parameters: $ids list<string> (member ids)
// Returns: deleted (int)
UNWIND $ids AS id
MATCH (m:Member {id: id})
DETACH DELETE m
RETURN count(*) AS deleted
