// Importers: the resources of the units present in an imported list (the list's scope, for
// "missing" rows and --prune).
// Parameters: $scope list<string> (unit ids)
// Returns: id, label (unit name / resource name)
UNWIND $scope AS unitId
MATCH (u:Unit {id: unitId})-[:OFFERS]->(r:Resource)
RETURN r.id AS id, u.name + ' / ' + r.name AS label
