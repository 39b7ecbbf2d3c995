// Importers: the members of the organisations present in an imported list (the list's scope).
// Parameters: $scope list<string> (org ids)
// Returns: id, label (name: personal data, masked by the importer before it is shown)
UNWIND $scope AS orgId
MATCH (m:Member)-[:BELONGS_TO]->(:Org {id: orgId})
RETURN m.id AS id, m.name AS label
