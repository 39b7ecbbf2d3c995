// Members with a skill among those reported to a community (双报到) or living in it (or below it).
// Parameters: $communityId, $skills list<string> (the skill's category and everything below it)
// Returns: memberId, name, phone, status, roles, skills, reported list<string> (dates of REPORTED_TO
//   this community), homes list<string> (names of the areas they live in inside the community),
//   completed, openCommitments, rated, ratingSum (the project statistics the loop keeps on the member,
//   graph/loop/statistics.py)
MATCH (c:Area {id: $communityId})<-[:WITHIN*0..4]-(:Area)<-[:REPORTED_TO|LIVES_IN]-(m:Member)
WHERE any(skill IN m.skills WHERE skill IN $skills)
WITH DISTINCT c, m
RETURN m.id AS memberId, m.name AS name, m.phone AS phone, m.status AS status, m.roles AS roles,
       m.skills AS skills,
       [(m)-[x:REPORTED_TO]->(c) | coalesce(x.date, '')] AS reported,
       [(m)-[:LIVES_IN]->(h:Area)-[:WITHIN*0..4]->(c) | h.name] AS homes,
       coalesce(m.projectsCompleted, 0) AS completed, coalesce(m.projectsOpen, 0) AS openCommitments,
       coalesce(m.projectsRated, 0) AS rated, coalesce(m.ratingSum, 0.0) AS ratingSum
