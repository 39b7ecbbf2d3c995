// Importers: the stored state of members, to tell created / updated / unchanged rows apart.
// Parameters: $ids list<string>
// Returns: id, name, phone, status, roles, skills, reportedOn (date of REPORTED_TO),
//   org, employer, residence, reportedTo (lists of ids)
UNWIND $ids AS id
MATCH (m:Member {id: id})
RETURN m.id AS id, m.name AS name, m.phone AS phone, m.status AS status, m.roles AS roles,
       m.skills AS skills,
       head([(m)-[r:REPORTED_TO]->(:Area) | r.date]) AS reportedOn,
       [(m)-[:BELONGS_TO]->(o:Org) | o.id] AS org,
       [(m)-[:WORKS_AT]->(u:Unit) | u.id] AS employer,
       [(m)-[:LIVES_IN]->(a:Area) | a.id] AS residence,
       [(m)-[:REPORTED_TO]->(c:Area) | c.id] AS reportedTo
