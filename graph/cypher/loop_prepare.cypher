// Loop: what a dispatch, claim or escalation needs to know before it writes — the demand (state,
// quantity, title, category name), the community that raised it, and the named unit or member.
// Parameters: $demandId, $unitId?, $memberId?
// Returns: status?, quantity?, title?, categoryName?, communityName?, unitName?, unitType?, memberFound
OPTIONAL MATCH (d:Demand {id: $demandId})
OPTIONAL MATCH (d)-[:IN_CATEGORY]->(c:Category)
OPTIONAL MATCH (community:Area)-[:RAISED]->(d)
OPTIONAL MATCH (u:Unit {id: $unitId})
OPTIONAL MATCH (m:Member {id: $memberId})
RETURN d.status AS status, d.quantity AS quantity, d.title AS title, c.name AS categoryName,
       community.name AS communityName, u.name AS unitName, u.type AS unitType, m IS NOT NULL AS memberFound
LIMIT 1
