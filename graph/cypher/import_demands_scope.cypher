// Importers: the open demands of the communities present in an imported list (the list's scope).
// Demands already in the closed loop (dispatched, done…) are out of scope: never missing, never pruned.
// Parameters: $scope list<string> (community ids)
// Returns: id, label (community / title)
UNWIND $scope AS communityId
MATCH (a:Area {id: communityId})-[:RAISED]->(d:Demand)
WHERE d.status = 'open'
RETURN d.id AS id, a.name + ' / ' + d.title AS label
