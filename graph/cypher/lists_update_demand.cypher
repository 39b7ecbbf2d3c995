// Lists: update a demand list entry (需求清单) and write its 'update' Event (the note names the changed
// fields, never their values) on the demand's timeline — one statement. Guards, checked here so that
// check and write are one atomic step: the request $requestId has not run before, the demand is still
// unsettled ($unsettled), and a new $quantity is not below what its live projects ($reserving) reserve.
// When a guard fails no row comes back and nothing is written.
// Parameters: $id, $props (map of the changed properties; null removes one), $quantity? (int, the new
//   quantity when it changes), $unsettled list<string>, $reserving list<string>, $eventId, $at, $actor,
//   $note, $requestId?
// Returns: node (the demand's properties afterwards), event (the event's properties), reserved (int),
//   areaId (the community that raised it)
MATCH (d:Demand {id: $id})
OPTIONAL MATCH (prior:Event {requestId: $requestId})
WITH d, prior
WHERE prior IS NULL AND d.status IN $unsettled
OPTIONAL MATCH (p:Project)-[:FULFILS]->(d)
WHERE p.status IN $reserving
WITH d, toInteger(sum(coalesce(p.quantity, 0))) AS reserved
WHERE $quantity IS NULL OR $quantity >= reserved
SET d += $props
CREATE (e:Event {id: $eventId, at: $at, actor: $actor, action: 'update', fromStatus: d.status,
                 toStatus: d.status, note: $note, requestId: $requestId})
CREATE (d)-[:HAS_EVENT]->(e)
WITH d, e, reserved
OPTIONAL MATCH (community:Area)-[:RAISED]->(d)
RETURN properties(d) AS node, properties(e) AS event, reserved, community.id AS areaId
