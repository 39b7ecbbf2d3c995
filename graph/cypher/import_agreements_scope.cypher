// Importers: every agreement of the units present in an imported list (the list's scope).
// Parameters: $scope list<string> (unit ids)
// Returns: id (key "TYPE|unit id|target id"), label (unit / target name)
UNWIND $scope AS unitId
MATCH (u:Unit {id: unitId})-[r:CO_BUILDS|REPORTED_TO|SEATED_ON]->(x)
RETURN type(r) + '|' + u.id + '|' + x.id AS id, u.name + ' / ' + x.name AS label
