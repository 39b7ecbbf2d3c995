// Loop: dispatch (社区派单) or claim (单位认领) — create the project (项目清单 entry) that FULFILS the
// demand, DELIVERED by the unit or member, USING item.quantity of the resource when one is named, and
// move the demand to item.target, with one Event on both timelines. Guards, checked in this statement
// so that check and write are one atomic step: the request item.requestId has not run before, the
// demand is in one of item.sources, the deliverer exists, the resource (when named) is active, offered
// by the deliverer and has item.quantity left after what item.reserving projects hold. When a guard
// fails no row comes back and nothing is written (loop_diagnose then says why).
// Then every deliverer of a project the statement touched has its project statistics recounted
// (projectsCompleted, projectsOpen, projectsRated, ratingSum — what matching's record and load parts
// read; $completed and $open list the statuses that count), after all of the statement's items, and
// the resource a project uses has its reserved quantity recounted (what projects in $reserving use).
// Parameters: $items list<map{demandId, unitId?, memberId?, resourceId?, quantity, sources list<string>,
//   target, projectId, projectTitle, projectStatus, reserving list<string>, active, eventId, at, actor,
//   action, note?, requestId?}>, $completed, $open, $reserving list<string> (project statuses)
// Returns: demandId, fromStatus, toStatus, projectId, remaining (int? left on the resource afterwards),
//   eventId, at, actor, note, areaId (the community that raised the demand)
UNWIND $items AS item
MATCH (d:Demand {id: item.demandId})
OPTIONAL MATCH (prior:Event {requestId: item.requestId})
WITH item, d, prior
WHERE prior IS NULL AND d.status IN item.sources
OPTIONAL MATCH (u:Unit {id: item.unitId})
OPTIONAL MATCH (m:Member {id: item.memberId})
WITH item, d, coalesce(u, m) AS who
WHERE who IS NOT NULL
OPTIONAL MATCH (who)-[:OFFERS]->(r:Resource {id: item.resourceId})
WITH item, d, who, r
WHERE item.resourceId IS NULL OR (r IS NOT NULL AND r.status = item.active)
OPTIONAL MATCH (held:Project)-[hold:USES]->(r)
WHERE held.status IN item.reserving
WITH item, d, who, r, toInteger(sum(coalesce(hold.quantity, 0))) AS used
WITH item, d, who, r, CASE WHEN r IS NULL THEN null ELSE r.quantity - used END AS remaining
WHERE r IS NULL OR remaining >= item.quantity
OPTIONAL MATCH (community:Area)-[:RAISED]->(d)
WITH item, d, who, r, remaining, community.id AS areaId, d.status AS before
SET d.status = item.target
CREATE (p:Project {id: item.projectId, title: item.projectTitle, status: item.projectStatus,
                   quantity: item.quantity})
CREATE (p)-[:FULFILS]->(d)
CREATE (who)-[:DELIVERS]->(p)
FOREACH (x IN CASE WHEN r IS NULL THEN [] ELSE [r] END | CREATE (p)-[:USES {quantity: item.quantity}]->(x))
CREATE (e:Event {id: item.eventId, at: item.at, actor: item.actor, action: item.action, fromStatus: before,
                 toStatus: item.target, note: item.note, targetId: who.id, quantity: item.quantity,
                 requestId: item.requestId})
CREATE (d)-[:HAS_EVENT]->(e)
CREATE (p)-[:HAS_EVENT]->(e)
// Every item is written before any deliverer is recounted (ORDER BY takes all rows first); grouping
// by the row's own values keeps it linear in the items.
WITH item, d, p, e, before, r, remaining, areaId
ORDER BY item.demandId
OPTIONAL MATCH (p)<-[:DELIVERS]-(who)
OPTIONAL MATCH (who)-[:DELIVERS]->(job:Project)
WITH item, d, p, e, before, r, remaining, areaId, who,
     sum(CASE WHEN job.status IN $completed THEN 1 ELSE 0 END) AS completed,
     sum(CASE WHEN job.status IN $open THEN 1 ELSE 0 END) AS openJobs,
     sum(CASE WHEN job.status IN $completed AND job.rating IS NOT NULL THEN 1 ELSE 0 END) AS rated,
     sum(CASE WHEN job.status IN $completed AND job.rating IS NOT NULL THEN toFloat(job.rating) ELSE 0.0 END) AS ratingSum
FOREACH (o IN CASE WHEN who IS NULL THEN [] ELSE [who] END |
  SET o.projectsCompleted = toInteger(completed), o.projectsOpen = toInteger(openJobs),
      o.projectsRated = toInteger(rated), o.ratingSum = ratingSum)
WITH item, d, p, e, before, r, remaining, areaId, count(who) AS recounted
OPTIONAL MATCH (live:Project)-[hold:USES]->(r)
WHERE live.status IN $reserving
WITH item, d, p, e, before, r, remaining, areaId, toInteger(sum(coalesce(hold.quantity, 0))) AS reserved
FOREACH (x IN CASE WHEN r IS NULL THEN [] ELSE [r] END | SET x.reserved = reserved)
RETURN d.id AS demandId, before AS fromStatus, item.target AS toStatus, p.id AS projectId,
       CASE WHEN r IS NULL THEN null ELSE remaining - item.quantity END AS remaining, e.id AS eventId, e.at AS at,
       e.actor AS actor, e.note AS note, areaId
