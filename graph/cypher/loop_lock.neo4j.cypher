// Loop, Neo4j only: take the write locks of the demand and of the resource an item names before the
// guarded statement reads them, in the same transaction. A guard such as `WHERE remaining >= $k` reads
// before Neo4j takes the write lock, so two transactions could both pass it (Neo4j operations manual,
// "Concurrent data access"); with the locks taken first the second waits and then sees the first's
// write. FalkorDB runs one writer per graph, so it needs no lock.
// Parameters: $items list<map{demandId, resourceId?}>
// Returns: locked (int)
UNWIND $items AS item
MATCH (d:Demand {id: item.demandId})
SET d._lock = true
REMOVE d._lock
WITH item
OPTIONAL MATCH (r:Resource {id: item.resourceId})
FOREACH (x IN CASE WHEN r IS NULL THEN [] ELSE [r] END | SET x._lock = true REMOVE x._lock)
RETURN count(*) AS locked
