// Importers: the stored state of members, to tell created / updated / unchanged rows apart.
// Parameters: $ids list<string>
// Returns: id, name, phone, status, roles, skills, reportedOn (date of REPORTED_TO),
//   org, employer, residence, reportedTo (lists of ids)
// The patterns name no label at their far end: the relationship type fixes it (graph/model.py), and
// FalkorDB checks a label there at a cost (3.1 s against 0.9 s for 90,000 resources' categories).
UNWIND $ids AS id
MATCH (m:Member {id: id})
RETURN m.id AS id, m.name AS name, m.phone AS phone, m.status AS status, m.roles AS roles,
       m.skills AS skills,
       head([(m)-[r:REPORTED_TO]->() | r.date]) AS reportedOn,
       [(m)-[:BELONGS_TO]->(o) | o.id] AS org,
       [(m)-[:WORKS_AT]->(u) | u.id] AS employer,
       [(m)-[:LIVES_IN]->(a) | a.id] AS residence,
       [(m)-[:REPORTED_TO]->(c) | c.id] AS reportedTo
