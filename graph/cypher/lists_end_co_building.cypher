// Lists: end a co-construction agreement (共建协议) — set `until` on the unit's CO_BUILDS to the
// community. Guard: it has not ended by $until already. No row when it has or none exists.
// Parameters: $unitId, $communityId, $until (ISO date)
// Returns: rel (the agreement's properties afterwards)
MATCH (u:Unit {id: $unitId})-[r:CO_BUILDS]->(a:Area {id: $communityId})
WHERE r.until IS NULL OR r.until > $until
SET r.until = $until
RETURN properties(r) AS rel
