// title: 党员不足三人的党组织 / Organisations with fewer than three members
// description: Party organisations of the given kinds with fewer members (BELONGS_TO) than the minimum
// description: a branch needs (党章: 三人以上成立支部).
// param: minMembers int = 3 — the minimum number of members
// param: kinds list<string> = ["branch", "general_branch", "joint_branch", "combined_branch", "unit_org"] — organisation kinds to check
// columns: org, orgId, kind, place, members
MATCH (o:Org)
WHERE o.kind IN $kinds
OPTIONAL MATCH (m:Member)-[:BELONGS_TO]->(o)
WITH o, count(m) AS members
WHERE members < $minMembers
OPTIONAL MATCH (o)-[:COVERS]->(a:Area)
OPTIONAL MATCH (o)-[:ORG_OF]->(u:Unit)
RETURN o.name AS org, o.id AS orgId, o.kind AS kind, coalesce(u.name, a.name) AS place, members
ORDER BY members, org, orgId
