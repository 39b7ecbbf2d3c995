// Importers: the stored agreements, by key "TYPE|unit id|target id".
// Parameters: $ids list<string> (keys)
// Returns: id (the key), since, until, agreementNo, date
UNWIND $ids AS key
WITH key, split(key, '|') AS part
MATCH (u:Unit {id: part[1]})-[r:CO_BUILDS|REPORTED_TO|SEATED_ON]->(x)
WHERE type(r) = part[0] AND x.id = part[2]
RETURN key AS id, r.since AS since, r.until AS until, r.agreementNo AS agreementNo, r.date AS date
