// Demand list for GraphQL, keyset-paginated on (title, id): rows after ($afterKey, $afterId).
// Parameters (null = no filter): $areaIds list<string> (raised by an area in the subtree), $categories list<string>, $statuses list<string>, $urgencies list<string>, $text (title contains);
//   $afterKey, $afterId (null for the first page), $limit (page size + 1)
// Returns: node (properties), sortKey, id — ordered by sortKey, id
MATCH (n:Demand)
WHERE ($categories IS NULL OR n.category IN $categories)
  AND ($statuses IS NULL OR n.status IN $statuses)
  AND ($urgencies IS NULL OR n.urgency IN $urgencies)
  AND ($text IS NULL OR n.title CONTAINS $text)
WITH n, CASE WHEN $areaIds IS NULL THEN [] ELSE [(a:Area)-[:RAISED]->(n) | a.id] END AS places
WHERE $areaIds IS NULL OR any(place IN places WHERE place IN $areaIds)
WITH n, coalesce(n.title, '') AS sortKey
WHERE $afterKey IS NULL OR sortKey > $afterKey OR (sortKey = $afterKey AND n.id > $afterId)
RETURN properties(n) AS node, sortKey, n.id AS id
ORDER BY sortKey, id
LIMIT $limit
