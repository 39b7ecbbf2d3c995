// Importers (--prune): delete agreements missing from a re-imported list.
// Parameters: $ids list<string> (keys "TYPE|unit id|target id")
// Returns: deleted (int)
UNWIND $ids AS key
WITH key, split(key, '|') AS part
MATCH (u:Unit {id: part[1]})-[r:CO_BUILDS|REPORTED_TO|SEATED_ON]->(x)
WHERE type(r) = part[0] AND x.id = part[2]
DELETE r
RETURN count(*) AS deleted
