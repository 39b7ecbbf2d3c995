// Importers: the units located in the streets of an imported register (the list's scope).
// Parameters: $scope list<string> (street ids)
// Returns: id, label (unit name)
UNWIND $scope AS streetId
MATCH (u:Unit)-[:LOCATED_IN]->(a:Area)
WHERE a.id = streetId OR (a)-[:WITHIN*1..5]->(:Area {id: streetId})
RETURN DISTINCT u.id AS id, u.name AS label
