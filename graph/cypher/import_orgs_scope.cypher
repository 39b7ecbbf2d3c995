// Importers: the organisations directly under the parents named in an imported list (its scope).
// Parameters: $scope list<string> (parent org ids)
// Returns: id, label (name)
UNWIND $scope AS parentId
MATCH (o:Org)-[:UNDER]->(:Org {id: parentId})
RETURN o.id AS id, o.name AS label
