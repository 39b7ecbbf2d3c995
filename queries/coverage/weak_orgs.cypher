// title: 软弱涣散党组织排查 / Weak and lax organisations (软弱涣散) screening
// description: Branch-level organisations showing warning signs: fewer members than the minimum, no
// description: secretary, members' average points (participation) below the threshold. Lists those with at
// description: least minSigns signs. An analysis, never a stored flag (glossary).
// param: minMembers int = 3 — fewer members than this is a sign
// param: minAvgPoints float = 30.0 — average member points below this is a sign
// param: minSigns int = 2 — list organisations with at least this many signs
// columns: org, orgId, kind, members, hasSecretary, avgPoints, signs
MATCH (o:Org)
WHERE o.kind IN ['branch', 'general_branch', 'joint_branch', 'combined_branch', 'unit_org']
OPTIONAL MATCH (m:Member)-[:BELONGS_TO]->(o)
WITH o, count(m) AS members, avg(coalesce(m.points, 0)) AS mean
WITH o, members, coalesce(mean, 0.0) AS mean,
     o.secretary IS NOT NULL AND o.secretary <> '' AS hasSecretary
WITH o, members, mean, hasSecretary,
     (CASE WHEN members < $minMembers THEN 1 ELSE 0 END) + (CASE WHEN hasSecretary THEN 0 ELSE 1 END)
     + (CASE WHEN mean < $minAvgPoints THEN 1 ELSE 0 END) AS signs
WHERE signs >= $minSigns
RETURN o.name AS org, o.id AS orgId, o.kind AS kind, members, hasSecretary,
       round(10 * mean) / 10.0 AS avgPoints, signs
ORDER BY signs DESC, members, org, orgId
