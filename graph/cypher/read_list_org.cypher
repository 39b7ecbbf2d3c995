// Org list for GraphQL, keyset-paginated on (name, id): rows after ($afterKey, $afterId).
// Parameters (null = no filter): $areaIds list<string> (covering an area in the subtree), $kinds list<string>, $text (name contains);
//   $afterKey, $afterId (null for the first page), $limit (page size + 1)
// Returns: node (properties), sortKey, id — ordered by sortKey, id
MATCH (n:Org)
WHERE ($kinds IS NULL OR n.kind IN $kinds)
  AND ($text IS NULL OR n.name CONTAINS $text)
WITH n, CASE WHEN $areaIds IS NULL THEN [] ELSE [(n)-[:COVERS]->(a:Area) | a.id] END AS places
WHERE $areaIds IS NULL OR any(place IN places WHERE place IN $areaIds)
WITH n, coalesce(n.name, '') AS sortKey
WHERE $afterKey IS NULL OR sortKey > $afterKey OR (sortKey = $afterKey AND n.id > $afterId)
RETURN properties(n) AS node, sortKey, n.id AS id
ORDER BY sortKey, id
LIMIT $limit
