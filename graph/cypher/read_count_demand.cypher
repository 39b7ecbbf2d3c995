// Demand count for GraphQL totalCount, with the same filters as read_list_demand.
// Parameters (null = no filter): $areaIds list<string> (raised by an area in the subtree), $categories list<string>, $statuses list<string>, $urgencies list<string>, $text (title contains)
// Returns: total (int)
MATCH (n:Demand)
WHERE ($categories IS NULL OR n.category IN $categories)
  AND ($statuses IS NULL OR n.status IN $statuses)
  AND ($urgencies IS NULL OR n.urgency IN $urgencies)
  AND ($text IS NULL OR n.title CONTAINS $text)
WITH n, CASE WHEN $areaIds IS NULL THEN [] ELSE [(a:Area)-[:RAISED]->(n) | a.id] END AS places
WHERE $areaIds IS NULL OR any(place IN places WHERE place IN $areaIds)
RETURN count(n) AS total
