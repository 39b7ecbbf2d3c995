// Access control: the areas a unit belongs to for scope checks — where it sits, the communities it
// co-builds with or reported to — and the unit itself (a unit liaison's own unit).
// Parameters: $ids list<string>
// Returns: key, areas list<string>, units list<string>
UNWIND $ids AS key
MATCH (u:Unit {id: key})
OPTIONAL MATCH (u)-[:LOCATED_IN|CO_BUILDS|REPORTED_TO]->(a:Area)
RETURN key, collect(DISTINCT a.id) AS areas, [key] AS units
