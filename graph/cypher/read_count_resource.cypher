// Resource count for GraphQL totalCount, with the same filters as read_list_resource.
// Parameters (null = no filter): $areaIds list<string> (offered by a unit located in, a member living in, or an area of the subtree), $categories list<string>, $statuses list<string>, $serviceTypes list<string>, $text (name contains)
// Returns: total (int)
MATCH (n:Resource)
WHERE ($categories IS NULL OR n.category IN $categories)
  AND ($statuses IS NULL OR n.status IN $statuses)
  AND ($serviceTypes IS NULL OR n.serviceType IN $serviceTypes)
  AND ($text IS NULL OR n.name CONTAINS $text)
WITH n, CASE WHEN $areaIds IS NULL THEN [] ELSE [(n)<-[:OFFERS]-(:Unit)-[:LOCATED_IN]->(a:Area) | a.id] + [(n)<-[:OFFERS]-(b:Area) | b.id] + [(n)<-[:OFFERS]-(:Member)-[:LIVES_IN]->(c:Area) | c.id] END AS places
WHERE $areaIds IS NULL OR any(place IN places WHERE place IN $areaIds)
RETURN count(n) AS total
