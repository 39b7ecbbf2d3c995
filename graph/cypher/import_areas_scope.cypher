// Importers: every area below the top-level areas of an imported list (the list's scope).
// Parameters: $scope list<string> (area ids of the file's top level)
// Returns: id, label (name path)
UNWIND $scope AS rootId
MATCH (a:Area)-[:WITHIN*1..6]->(:Area {id: rootId})
RETURN DISTINCT a.id AS id, coalesce(a.path, a.name) AS label
