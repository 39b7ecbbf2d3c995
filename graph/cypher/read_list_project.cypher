// Project list for GraphQL, keyset-paginated on (title, id): rows after ($afterKey, $afterId).
// Parameters (null = no filter): $areaIds list<string> (meeting a demand raised in the subtree), $statuses list<string>, $text (title contains);
//   $afterKey, $afterId (null for the first page), $limit (page size + 1)
// Returns: node (properties), sortKey, id — ordered by sortKey, id
MATCH (n:Project)
WHERE ($statuses IS NULL OR n.status IN $statuses)
  AND ($text IS NULL OR n.title CONTAINS $text)
WITH n, CASE WHEN $areaIds IS NULL THEN [] ELSE [(n)-[:FULFILS]->(:Demand)<-[:RAISED]-(a:Area) | a.id] END AS places
WHERE $areaIds IS NULL OR any(place IN places WHERE place IN $areaIds)
WITH n, coalesce(n.title, '') AS sortKey
WHERE $afterKey IS NULL OR sortKey > $afterKey OR (sortKey = $afterKey AND n.id > $afterId)
RETURN properties(n) AS node, sortKey, n.id AS id
ORDER BY sortKey, id
LIMIT $limit
