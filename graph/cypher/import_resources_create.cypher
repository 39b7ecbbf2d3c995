// Importers: write one batch of resources that the diff found new (资源清单) — CREATE, which costs
// the engine about half of MERGE. The unique constraint on Resource.id refuses the whole batch if
// one of its ids was created meanwhile by someone else; the importer then sends it with
// import_resources (MERGE).
// Parameters: $rows list<list>, each positional (no map keys to encode and parse; made by
//   importers/kinds/resources.py create_row): [0] id, [1] owner unit id, [2] category code, [3] name,
//   [4] quantity, [5] unitOfMeasure, [6] availability list<string>, [7] serviceType, [8] address,
//   [9] contactName, [10] contactPhone, [11] conditions, [12] note, [13] latitude, [14] longitude
//   (null: no location), [15] cell (the spatial key, graph/spatial.py; null without a location). The
//   unit and the category exist.
// Returns: written (int)
UNWIND $rows AS row
MATCH (u:Unit {id: row[1]})
MATCH (c:Category {code: row[2]})
CREATE (u)-[:OFFERS]->(r:Resource {
    id: row[0], name: row[3], category: c.code, quantity: row[4],
    unitOfMeasure: row[5], availability: row[6], serviceType: row[7],
    address: row[8], contactName: row[9], contactPhone: row[10],
    conditions: row[11], note: row[12], status: 'active',
    // point(CASE …), not CASE … point(…): FalkorDB checks a point map even in a branch not taken
    location: point(CASE WHEN row[13] IS NULL THEN null ELSE {latitude: row[13], longitude: row[14]} END),
    cell: row[15]
  })-[:IN_CATEGORY]->(c)
RETURN count(r) AS written
