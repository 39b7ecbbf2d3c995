// Lists: what reporting to a community (双报到) needs to know — whether the unit or member exists, the
// community's level and the date of an earlier report there.
// Parameters: $unitId?, $memberId?, $communityId
// Returns: reporterFound (bool), areaLevel?, reportedOn? (ISO date of an earlier report), reported (bool)
OPTIONAL MATCH (u:Unit {id: $unitId})
OPTIONAL MATCH (m:Member {id: $memberId})
OPTIONAL MATCH (a:Area {id: $communityId})
WITH coalesce(u, m) AS who, a
OPTIONAL MATCH (who)-[r:REPORTED_TO]->(a)
RETURN who IS NOT NULL AS reporterFound, a.level AS areaLevel, r.date AS reportedOn, r IS NOT NULL AS reported
LIMIT 1
