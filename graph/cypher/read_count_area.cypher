// Area count for GraphQL totalCount, with the same filters as read_list_area.
// Parameters (null = no filter): $areaIds list<string> (the area itself or below it), $levels list<string>, $text (name contains)
// Returns: total (int)
MATCH (n:Area)
WHERE ($levels IS NULL OR n.level IN $levels)
  AND ($text IS NULL OR n.name CONTAINS $text)
WITH n, CASE WHEN $areaIds IS NULL THEN [] ELSE [n.id] END AS places
WHERE $areaIds IS NULL OR any(place IN places WHERE place IN $areaIds)
RETURN count(n) AS total
