// Demo data: create party members with their organisation (BELONGS_TO) and home (LIVES_IN):
// retired and mobile members, and new-employment members without an employer in the list.
// Parameters: $rows list<map{id, name, phone, status, roles, skills, points, orgId, homeId}>
// Returns: written (int)
UNWIND $rows AS row
MATCH (o:Org {id: row.orgId})
MATCH (home:Area {id: row.homeId})
CREATE (m:Member {id: row.id, name: row.name, phone: row.phone, status: row.status, roles: row.roles,
                  skills: row.skills, points: row.points})
CREATE (m)-[:BELONGS_TO]->(o)
CREATE (m)-[:LIVES_IN]->(home)
RETURN count(m) AS written
