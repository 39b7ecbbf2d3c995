// Lists: a unit's party organisation or an in-service member reports to a community (双报到) —
// REPORTED_TO {date}. Guard: not reported there yet (a report is made once; the first date stands).
// No row when the guard fails or the reporter or community is missing.
// Parameters: $unitId?, $memberId? (exactly one), $communityId, $date (ISO date)
// Returns: rel (the report's properties)
OPTIONAL MATCH (u:Unit {id: $unitId})
OPTIONAL MATCH (m:Member {id: $memberId})
WITH coalesce(u, m) AS who
WHERE who IS NOT NULL
MATCH (a:Area {id: $communityId})
OPTIONAL MATCH (who)-[existing:REPORTED_TO]->(a)
WITH who, a, existing
WHERE existing IS NULL
CREATE (who)-[r:REPORTED_TO {date: $date}]->(a)
RETURN properties(r) AS rel
