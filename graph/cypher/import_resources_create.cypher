// Importers: write one batch of resources that the diff found new (资源清单) — CREATE, which costs
// the engine about half of MERGE. The unique constraint on Resource.id refuses the whole batch if
// one of its ids was created meanwhile by someone else; the importer then sends it with
// import_resources (MERGE). The rows come grouped by their unit, and each category is looked up once
// per batch (a lookup per row cost the engine a sixth of the batch).
// Parameters: $codes list<string> (the categories of the batch, each once), $units list<[unit id,
//   list<row>]>, each row positional (no map keys to encode and parse; made by
//   importers/kinds/resources.py create_params): [0] id, [1] index of its category in $codes,
//   [2] name, [3] quantity, [4] unitOfMeasure, [5] availability list<string>, [6] serviceType,
//   [7] address, [8] contactName, [9] contactPhone, [10] conditions, [11] note, [12] latitude,
//   [13] longitude (null: no location), [14] cell (the spatial key, graph/spatial.py; null without a
//   location). The units and the categories exist.
// Returns: written (int)
UNWIND range(0, size($codes) - 1) AS i
OPTIONAL MATCH (c:Category {code: $codes[i]})
// collect([c]) keeps a place for a missing category, so positions stay those of $codes
WITH i, c ORDER BY i
WITH collect([c]) AS categories
UNWIND $units AS unit
MATCH (u:Unit {id: unit[0]})
UNWIND unit[1] AS row
WITH u, row, categories[row[1]][0] AS c
WHERE c IS NOT NULL
CREATE (u)-[:OFFERS]->(r:Resource {
    id: row[0], name: row[2], category: c.code, quantity: row[3],
    unitOfMeasure: row[4], availability: row[5], serviceType: row[6],
    address: row[7], contactName: row[8], contactPhone: row[9],
    conditions: row[10], note: row[11], status: 'active',
    // point(CASE …), not CASE … point(…): FalkorDB checks a point map even in a branch not taken
    location: point(CASE WHEN row[12] IS NULL THEN null ELSE {latitude: row[12], longitude: row[13]} END),
    cell: row[14]
  })-[:IN_CATEGORY]->(c)
RETURN count(r) AS written
