// Demo data: create party members who work at a unit (WORKS_AT) but have not reported to their home
// community, with their organisation (BELONGS_TO) and home (LIVES_IN).
// Parameters: $rows list<map{id, name, phone, status, roles, skills, points, orgId, homeId, unitId}>
// Returns: written (int)
UNWIND $rows AS row
MATCH (o:Org {id: row.orgId})
MATCH (home:Area {id: row.homeId})
MATCH (u:Unit {id: row.unitId})
CREATE (m:Member {id: row.id, name: row.name, phone: row.phone, status: row.status, roles: row.roles,
                  skills: row.skills, points: row.points})
CREATE (m)-[:BELONGS_TO]->(o)
CREATE (m)-[:LIVES_IN]->(home)
CREATE (m)-[:WORKS_AT]->(u)
RETURN count(m) AS written
