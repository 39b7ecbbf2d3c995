// Access control: a resource belongs where its owner does — the unit's areas (where it sits, co-builds,
// reported to), the member's home and 双报到 community, or the offering area itself — and to its unit.
// Parameters: $ids list<string>
// Returns: key, areas list<string>, units list<string>
UNWIND $ids AS key
MATCH (o)-[:OFFERS]->(r:Resource {id: key})
OPTIONAL MATCH (o)-[:LOCATED_IN|CO_BUILDS|REPORTED_TO|LIVES_IN]->(a:Area)
WITH key, o, collect(DISTINCT a.id) AS around
RETURN key, CASE WHEN 'Area' IN labels(o) THEN around + [o.id] ELSE around END AS areas,
       CASE WHEN 'Unit' IN labels(o) THEN [o.id] ELSE [] END AS units
