// Member count for GraphQL totalCount, with the same filters as read_list_member.
// Parameters (null = no filter): $areaIds list<string> (living in or reported to an area in the subtree), $statuses list<string>, $skills list<string>, $text (name contains)
// Returns: total (int)
MATCH (n:Member)
WHERE ($statuses IS NULL OR n.status IN $statuses)
  AND ($skills IS NULL OR any(s IN coalesce(n.skills, []) WHERE s IN $skills))
  AND ($text IS NULL OR n.name CONTAINS $text)
WITH n, CASE WHEN $areaIds IS NULL THEN [] ELSE [(n)-[:LIVES_IN|REPORTED_TO]->(a:Area) | a.id] END AS places
WHERE $areaIds IS NULL OR any(place IN places WHERE place IN $areaIds)
RETURN count(n) AS total
