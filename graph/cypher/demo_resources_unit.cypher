// Demo data: resource list entries (资源清单) offered by a unit (OFFERS), in their category (IN_CATEGORY).
// Parameters: $rows list<map{id, name, category, quantity, unitOfMeasure, availability, conditions?,
//             serviceType, status, location{latitude, longitude}, ownerId}>
// Returns: written (int)
// r.cell is the spatial key matching looks resources up by (graph/spatial.py CELL_EXPRESSION), set
// after a WITH: FalkorDB evaluates consecutive SET clauses against the node as it was before them.
UNWIND $rows AS row
MATCH (owner:Unit {id: row.ownerId})
MATCH (c:Category {code: row.category})
CREATE (r:Resource {id: row.id, name: row.name, category: row.category, quantity: row.quantity,
                    unitOfMeasure: row.unitOfMeasure, availability: row.availability, conditions: row.conditions,
                    serviceType: row.serviceType, status: row.status, location: point(row.location)})
WITH owner, c, r
SET r.cell = CASE WHEN r.location IS NULL THEN null ELSE split(r.category, '.')[0] + ':' +
    toString(toInteger(floor(r.location.latitude * 100))) + ':' +
    toString(toInteger(floor(r.location.longitude * 100))) END
CREATE (owner)-[:OFFERS]->(r)
CREATE (r)-[:IN_CATEGORY]->(c)
RETURN count(r) AS written
