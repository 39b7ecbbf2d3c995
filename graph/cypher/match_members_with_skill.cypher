// Members with a skill among those reported to a community (双报到) or living in it (or below it).
// Parameters: $communityId, $skills list<string> (the skill's category and everything below it),
//   $completed, $open list<string> (project statuses)
// Returns: memberId, name, phone, status, roles, skills, reported list<string> (dates of REPORTED_TO
//   this community), homes list<string> (names of the areas they live in inside the community),
//   ratings list<int>, completed (int), openCommitments (int)
MATCH (c:Area {id: $communityId})<-[:WITHIN*0..4]-(:Area)<-[:REPORTED_TO|LIVES_IN]-(m:Member)
WHERE any(skill IN m.skills WHERE skill IN $skills)
WITH DISTINCT c, m
RETURN m.id AS memberId, m.name AS name, m.phone AS phone, m.status AS status, m.roles AS roles,
       m.skills AS skills,
       [(m)-[x:REPORTED_TO]->(c) | coalesce(x.date, '')] AS reported,
       [(m)-[:LIVES_IN]->(h:Area)-[:WITHIN*0..4]->(c) | h.name] AS homes,
       [(m)-[:DELIVERS]->(p:Project) WHERE p.status IN $completed AND p.rating IS NOT NULL | p.rating] AS ratings,
       size([(m)-[:DELIVERS]->(p:Project) WHERE p.status IN $completed | p.id]) AS completed,
       size([(m)-[:DELIVERS]->(p:Project) WHERE p.status IN $open | p.id]) AS openCommitments
