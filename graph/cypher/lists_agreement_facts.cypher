// Lists: what signing or ending an agreement between a unit and a community needs to know — the unit,
// the community's level, the committees ($committeeKind) that COVER it, the unit's co-construction
// agreements with it and its seats on those committees. (OPTIONAL MATCH, not pattern comprehensions:
// FalkorDB caches a comprehension between two bound nodes as empty while its relationship type does
// not exist yet, and the first agreement of a graph is signed exactly then.)
// Parameters: $unitId, $communityId, $committeeKind
// Returns: unitFound (bool), areaLevel?, committees list<string> (org ids), coBuilds list<map{since,
//   until, agreementNo}>, seats list<[org id, role, since]>
OPTIONAL MATCH (u:Unit {id: $unitId})
OPTIONAL MATCH (a:Area {id: $communityId})
OPTIONAL MATCH (u)-[cb:CO_BUILDS]->(a)
WITH u, a, collect(properties(cb)) AS coBuilds
OPTIONAL MATCH (o:Org)-[:COVERS]->(a)
WHERE o.kind = $committeeKind
WITH u, a, coBuilds, collect(o.id) AS committees
OPTIONAL MATCH (u)-[s:SEATED_ON]->(g:Org)-[:COVERS]->(a)
WHERE g.kind = $committeeKind
RETURN u IS NOT NULL AS unitFound, a.level AS areaLevel, committees, coBuilds,
       collect(CASE WHEN s IS NULL THEN null ELSE [g.id, s.role, s.since] END) AS seats
