// Importers: write one batch of areas (区域), parents before children. Only the properties a row
// carries are set: an ancestor named in a path keeps its code, counts and own location.
// Parameters: $rows list<map{id, name, level, path, code?, households?, population?, own (bool),
//   location {latitude, longitude}?, parent [area id] or []}>
// Returns: written (int)
UNWIND $rows AS row
MERGE (a:Area {id: row.id})
SET a.name = row.name, a.level = row.level, a.path = row.path
FOREACH (_ IN CASE WHEN row.own THEN [1] ELSE [] END |
  SET a.code = row.code, a.households = row.households, a.population = row.population)
FOREACH (_ IN CASE WHEN row.location IS NULL THEN [] ELSE [1] END |
  SET a.location = point(row.location))
FOREACH (parentId IN row.parent |
  MERGE (p:Area {id: parentId})
  MERGE (a)-[:WITHIN]->(p))
RETURN count(a) AS written
