// Lists: what updating a demand needs to know — its properties, what its live projects (statuses in
// $reserving) reserve for it, and whether the request $requestId already ran (and on what).
// Parameters: $id, $reserving list<string>, $requestId?
// Returns: node (map of the demand's properties, null when no demand has the id), reserved (int),
//   priorDemandId?, priorAction?, priorEvent (map of the earlier event's properties)?
OPTIONAL MATCH (d:Demand {id: $id})
OPTIONAL MATCH (p:Project)-[:FULFILS]->(d)
WHERE p.status IN $reserving
WITH d, toInteger(sum(coalesce(p.quantity, 0))) AS reserved
OPTIONAL MATCH (pd:Demand)-[:HAS_EVENT]->(prior:Event {requestId: $requestId})
RETURN CASE WHEN d IS NULL THEN null ELSE properties(d) END AS node, reserved, pd.id AS priorDemandId,
       prior.action AS priorAction, CASE WHEN prior IS NULL THEN null ELSE properties(prior) END AS priorEvent
LIMIT 1
