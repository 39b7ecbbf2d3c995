// Access control: the areas a party member belongs to for scope checks — home and 双报到 community.
// Parameters: $ids list<string>
// Returns: key, areas list<string>, units list<string> (always empty: members are not a unit's data)
UNWIND $ids AS key
MATCH (m:Member {id: key})
OPTIONAL MATCH (m)-[:LIVES_IN|REPORTED_TO]->(a:Area)
RETURN key, collect(DISTINCT a.id) AS areas, [] AS units
