// Project count for GraphQL totalCount, with the same filters as read_list_project.
// Parameters (null = no filter): $areaIds list<string> (meeting a demand raised in the subtree), $statuses list<string>, $text (title contains)
// Returns: total (int)
MATCH (n:Project)
WHERE ($statuses IS NULL OR n.status IN $statuses)
  AND ($text IS NULL OR n.title CONTAINS $text)
WITH n, CASE WHEN $areaIds IS NULL THEN [] ELSE [(n)-[:FULFILS]->(:Demand)<-[:RAISED]-(a:Area) | a.id] END AS places
WHERE $areaIds IS NULL OR any(place IN places WHERE place IN $areaIds)
RETURN count(n) AS total
