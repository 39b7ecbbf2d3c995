// Lists: sign a co-construction agreement (共建协议) — CO_BUILDS {since, until, agreementNo} from the unit
// to the community, replacing one that has ended. Guard: no agreement between the two is in force or
// pending on $today (until missing or not before it). No row when the guard fails or the unit or
// community is missing; nothing is written then.
// Parameters: $unitId, $communityId, $since, $until?, $agreementNo?, $today (ISO dates)
// Returns: rel (the agreement's properties)
MATCH (u:Unit {id: $unitId})
MATCH (a:Area {id: $communityId})
OPTIONAL MATCH (u)-[current:CO_BUILDS]->(a)
WHERE current.until IS NULL OR current.until >= $today
WITH u, a, current
WHERE current IS NULL
MERGE (u)-[r:CO_BUILDS]->(a)
SET r.since = $since, r.until = $until, r.agreementNo = $agreementNo
RETURN properties(r) AS rel
