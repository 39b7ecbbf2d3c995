// Resource list for GraphQL, keyset-paginated on (name, id): rows after ($afterKey, $afterId).
// Parameters (null = no filter): $areaIds list<string> (offered by a unit located in, a member living in, or an area of the subtree), $categories list<string>, $statuses list<string>, $serviceTypes list<string>, $text (name contains);
//   $afterKey, $afterId (null for the first page), $limit (page size + 1)
// Returns: node (properties), sortKey, id — ordered by sortKey, id
MATCH (n:Resource)
WHERE ($categories IS NULL OR n.category IN $categories)
  AND ($statuses IS NULL OR n.status IN $statuses)
  AND ($serviceTypes IS NULL OR n.serviceType IN $serviceTypes)
  AND ($text IS NULL OR n.name CONTAINS $text)
WITH n, CASE WHEN $areaIds IS NULL THEN [] ELSE [(n)<-[:OFFERS]-(:Unit)-[:LOCATED_IN]->(a:Area) | a.id] + [(n)<-[:OFFERS]-(b:Area) | b.id] + [(n)<-[:OFFERS]-(:Member)-[:LIVES_IN]->(c:Area) | c.id] END AS places
WHERE $areaIds IS NULL OR any(place IN places WHERE place IN $areaIds)
WITH n, coalesce(n.name, '') AS sortKey
WHERE $afterKey IS NULL OR sortKey > $afterKey OR (sortKey = $afterKey AND n.id > $afterId)
RETURN properties(n) AS node, sortKey, n.id AS id
ORDER BY sortKey, id
LIMIT $limit
