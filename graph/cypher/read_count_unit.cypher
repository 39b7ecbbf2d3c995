// Unit count for GraphQL totalCount, with the same filters as read_list_unit.
// Parameters (null = no filter): $areaIds list<string> (located in an area in the subtree), $types list<string>, $text (name contains)
// Returns: total (int)
MATCH (n:Unit)
WHERE ($types IS NULL OR n.type IN $types)
  AND ($text IS NULL OR n.name CONTAINS $text)
WITH n, CASE WHEN $areaIds IS NULL THEN [] ELSE [(n)-[:LOCATED_IN]->(a:Area) | a.id] END AS places
WHERE $areaIds IS NULL OR any(place IN places WHERE place IN $areaIds)
RETURN count(n) AS total
