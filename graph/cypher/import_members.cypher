// Importers: write one batch of party members (党员). Moves BELONGS_TO, WORKS_AT, LIVES_IN and
// REPORTED_TO {date} to the listed targets; a new member starts with 0 points.
// Parameters: $rows list<map{id, name, phone, status, roles, skills, reportedOn, org [org id],
//   employer [unit id] or [], residence [area id] or [], reportedTo [area id] or []}>
// Returns: written (int)
UNWIND $rows AS row
MERGE (m:Member {id: row.id})
SET m.name = row.name, m.phone = row.phone, m.status = row.status, m.roles = row.roles,
    m.skills = row.skills, m.points = coalesce(m.points, 0)
WITH m, row
OPTIONAL MATCH (m)-[stale:BELONGS_TO|WORKS_AT|LIVES_IN|REPORTED_TO]->(old)
WHERE (type(stale) = 'BELONGS_TO' AND NOT old.id IN row.org)
   OR (type(stale) = 'WORKS_AT' AND NOT old.id IN row.employer)
   OR (type(stale) = 'LIVES_IN' AND NOT old.id IN row.residence)
   OR (type(stale) = 'REPORTED_TO' AND NOT old.id IN row.reportedTo)
DELETE stale
WITH DISTINCT m, row
FOREACH (orgId IN row.org |
  MERGE (o:Org {id: orgId})
  MERGE (m)-[:BELONGS_TO]->(o))
FOREACH (unitId IN row.employer |
  MERGE (u:Unit {id: unitId})
  MERGE (m)-[:WORKS_AT]->(u))
FOREACH (areaId IN row.residence |
  MERGE (a:Area {id: areaId})
  MERGE (m)-[:LIVES_IN]->(a))
FOREACH (areaId IN row.reportedTo |
  MERGE (c:Area {id: areaId})
  MERGE (m)-[r:REPORTED_TO]->(c)
  SET r.date = row.reportedOn)
RETURN count(m) AS written
