// Org count for GraphQL totalCount, with the same filters as read_list_org.
// Parameters (null = no filter): $areaIds list<string> (covering an area in the subtree), $kinds list<string>, $text (name contains)
// Returns: total (int)
MATCH (n:Org)
WHERE ($kinds IS NULL OR n.kind IN $kinds)
  AND ($text IS NULL OR n.name CONTAINS $text)
WITH n, CASE WHEN $areaIds IS NULL THEN [] ELSE [(n)-[:COVERS]->(a:Area) | a.id] END AS places
WHERE $areaIds IS NULL OR any(place IN places WHERE place IN $areaIds)
RETURN count(n) AS total
