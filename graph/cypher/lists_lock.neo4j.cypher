// Lists, Neo4j only: take the write locks of the demand or resource a list update guards (a quantity
// against what live projects reserve, a status) before the guarded statement reads them, in the same
// transaction — as loop_lock does for the loop, whose dispatches lock the same nodes. FalkorDB runs one
// writer per graph and needs no lock.
// Parameters: $demandId?, $resourceId?
// Returns: locked (int)
OPTIONAL MATCH (d:Demand {id: $demandId})
OPTIONAL MATCH (r:Resource {id: $resourceId})
FOREACH (x IN CASE WHEN d IS NULL THEN [] ELSE [d] END | SET x._lock = true REMOVE x._lock)
FOREACH (x IN CASE WHEN r IS NULL THEN [] ELSE [r] END | SET x._lock = true REMOVE x._lock)
RETURN count(*) AS locked
