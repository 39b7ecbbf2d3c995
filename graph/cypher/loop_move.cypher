// Loop: move a demand along (accept, reject, start, complete, rate, escalate, reopen, cancel) and its
// live project with it (at most one: a demand is dispatched or claimed once at a time), with one Event
// on both timelines; completing and good ratings credit points (积分) to the members who deliver the
// project (item.participants join them first), one points Event per member. Guards, in this statement so that check and write are one atomic step: the request
// item.requestId has not run before, the demand is in one of item.sources. When a guard fails no row
// comes back and nothing is written.
// Then every deliverer of a project the statement touched has its project statistics recounted
// (projectsCompleted, projectsOpen, projectsRated, ratingSum — what matching's record and load parts
// read; $completed and $open list the statuses that count), after all of the statement's items, and
// the resource the project uses has its reserved quantity recounted (what projects in $reserving use).
// Parameters: $items list<map{demandId, sources list<string>, target, projectSources list<string>,
//   projectTarget?, startedAt?, completedAt?, rating?, feedback?, participants list<string>, points
//   (int, 0 = none), creditNote?, targetId?, eventId, at, actor, action, note?, requestId?}>,
//   $completed, $open, $reserving list<string> (project statuses)
// Returns: demandId, fromStatus, toStatus, projectId?, eventId, credited list<string> (member ids), at, actor,
//   note, areaId
UNWIND $items AS item
MATCH (d:Demand {id: item.demandId})
OPTIONAL MATCH (prior:Event {requestId: item.requestId})
WITH item, d, prior
WHERE prior IS NULL AND d.status IN item.sources
OPTIONAL MATCH (p:Project)-[:FULFILS]->(d)
WHERE p.status IN item.projectSources
OPTIONAL MATCH (already:Member)-[:DELIVERS]->(p)
WITH item, d, p, collect(already) AS delivering
UNWIND CASE WHEN size(item.participants) = 0 THEN [null] ELSE item.participants END AS joinerId
OPTIONAL MATCH (joiner:Member {id: joinerId})
WITH item, d, p, delivering, collect(joiner) AS joiners
WITH item, d, p, delivering, [j IN joiners WHERE NOT j.id IN [x IN delivering | x.id]] AS newcomers
OPTIONAL MATCH (community:Area)-[:RAISED]->(d)
WITH item, d, p, newcomers, delivering + newcomers AS credited, community.id AS areaId, d.status AS before
SET d.status = item.target
CREATE (e:Event {id: item.eventId, at: item.at, actor: item.actor, action: item.action, fromStatus: before,
                 toStatus: item.target, note: item.note, targetId: item.targetId, requestId: item.requestId})
CREATE (d)-[:HAS_EVENT]->(e)
FOREACH (x IN CASE WHEN p IS NULL THEN [] ELSE [p] END |
  SET x.status = coalesce(item.projectTarget, x.status),
      x.startedAt = coalesce(item.startedAt, x.startedAt),
      x.completedAt = coalesce(item.completedAt, x.completedAt),
      x.rating = coalesce(item.rating, x.rating),
      x.feedback = coalesce(item.feedback, x.feedback)
  CREATE (x)-[:HAS_EVENT]->(e)
  FOREACH (m IN newcomers | CREATE (m)-[:DELIVERS]->(x))
  FOREACH (m IN CASE WHEN item.points = 0 THEN [] ELSE credited END |
    SET m.points = coalesce(m.points, 0) + item.points
    CREATE (c:Event {id: item.eventId + ':' + m.id, at: item.at, actor: item.actor, action: 'credit',
                     points: item.points, note: item.creditNote, targetId: m.id})
    CREATE (c)-[:CREDITS]->(m)
    CREATE (x)-[:HAS_EVENT]->(c)))
// Every item is written before any deliverer is recounted (ORDER BY takes all rows first); grouping
// by the row's own values keeps it linear in the items.
WITH item, d, p, e, before, credited, areaId
ORDER BY item.demandId
OPTIONAL MATCH (p)<-[:DELIVERS]-(who)
OPTIONAL MATCH (who)-[:DELIVERS]->(job:Project)
WITH item, d, p, e, before, credited, areaId, who,
     sum(CASE WHEN job.status IN $completed THEN 1 ELSE 0 END) AS completed,
     sum(CASE WHEN job.status IN $open THEN 1 ELSE 0 END) AS openJobs,
     sum(CASE WHEN job.status IN $completed AND job.rating IS NOT NULL THEN 1 ELSE 0 END) AS rated,
     sum(CASE WHEN job.status IN $completed AND job.rating IS NOT NULL THEN toFloat(job.rating) ELSE 0.0 END) AS ratingSum
FOREACH (o IN CASE WHEN who IS NULL THEN [] ELSE [who] END |
  SET o.projectsCompleted = toInteger(completed), o.projectsOpen = toInteger(openJobs),
      o.projectsRated = toInteger(rated), o.ratingSum = ratingSum)
WITH item, d, p, e, before, credited, areaId, count(who) AS recounted
OPTIONAL MATCH (p)-[:USES]->(used:Resource)
OPTIONAL MATCH (live:Project)-[hold:USES]->(used)
WHERE live.status IN $reserving
WITH item, d, p, e, before, credited, areaId, used, toInteger(sum(coalesce(hold.quantity, 0))) AS reserved
FOREACH (x IN CASE WHEN used IS NULL THEN [] ELSE [used] END | SET x.reserved = reserved)
WITH item, d, p, e, before, credited, areaId, count(used) AS touched
RETURN d.id AS demandId, before AS fromStatus, item.target AS toStatus, p.id AS projectId, e.id AS eventId,
       CASE WHEN p IS NULL OR item.points = 0 THEN [] ELSE [m IN credited | m.id] END AS credited,
       e.at AS at, e.actor AS actor, e.note AS note, areaId
