// Access control: who delivers a demand's live project (dispatched to or claimed by them), so that a
// unit liaison may accept, reject, start and complete only the work given to their unit.
// Parameters: $id (demand id), $live list<string>
// Returns: unitId (one row per delivering unit)
MATCH (u:Unit)-[:DELIVERS]->(p:Project)-[:FULFILS]->(:Demand {id: $id})
WHERE p.status IN $live
RETURN DISTINCT u.id AS unitId
