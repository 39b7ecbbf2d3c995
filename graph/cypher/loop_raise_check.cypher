// Loop: what raising a demand needs to know — the raising area (its level), whether the category
// exists, whether a demand with the id exists already and whether the request already ran.
// Parameters: $areaId, $category, $id, $requestId?
// Returns: areaLevel?, areaName?, categoryFound, existingStatus?, priorDemandId?
OPTIONAL MATCH (a:Area {id: $areaId})
OPTIONAL MATCH (c:Category {code: $category})
OPTIONAL MATCH (existing:Demand {id: $id})
OPTIONAL MATCH (prior:Demand)-[:HAS_EVENT]->(:Event {requestId: $requestId})
RETURN a.level AS areaLevel, a.name AS areaName, c IS NOT NULL AS categoryFound,
       existing.status AS existingStatus, prior.id AS priorDemandId
LIMIT 1
