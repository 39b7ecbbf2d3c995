// Loop: what an earlier run of the same request (same caller and clientMutationId) did, so that a
// retried mutation answers as the first one did instead of acting twice.
// Parameters: $requestId
// Returns: demandId, action, fromStatus, toStatus, projectId?, eventId, at, actor, note?, areaId
MATCH (d:Demand)-[:HAS_EVENT]->(e:Event {requestId: $requestId})
OPTIONAL MATCH (p:Project)-[:HAS_EVENT]->(e)
OPTIONAL MATCH (community:Area)-[:RAISED]->(d)
RETURN d.id AS demandId, e.action AS action, e.fromStatus AS fromStatus, e.toStatus AS toStatus, p.id AS projectId,
       e.id AS eventId, e.at AS at, e.actor AS actor, e.note AS note, community.id AS areaId
LIMIT 1
