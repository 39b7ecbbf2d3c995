// Demo data: create in-service party members who work at a unit (WORKS_AT) and have reported to the
// community they live in ("双报到", REPORTED_TO), with their organisation (BELONGS_TO) and home (LIVES_IN).
// Parameters: $rows list<map{id, name, phone, status, roles, skills, points, orgId, homeId, unitId,
//             reportedToId, reportedOn (YYYY-MM-DD)}>
// Returns: written (int)
UNWIND $rows AS row
MATCH (o:Org {id: row.orgId})
MATCH (home:Area {id: row.homeId})
MATCH (u:Unit {id: row.unitId})
MATCH (c:Area {id: row.reportedToId})
CREATE (m:Member {id: row.id, name: row.name, phone: row.phone, status: row.status, roles: row.roles,
                  skills: row.skills, points: row.points})
CREATE (m)-[:BELONGS_TO]->(o)
CREATE (m)-[:LIVES_IN]->(home)
CREATE (m)-[:WORKS_AT]->(u)
CREATE (m)-[:REPORTED_TO {date: row.reportedOn}]->(c)
RETURN count(m) AS written
