// Demo data: resource list entries (资源清单) offered by a area (OFFERS), in their category (IN_CATEGORY).
// Parameters: $rows list<map{id, name, category, quantity, unitOfMeasure, availability, conditions?,
//             serviceType, status, location{latitude, longitude}, cell (the spatial key,
//             graph/spatial.py), ownerId}>
// Returns: written (int)
UNWIND $rows AS row
MATCH (owner:Area {id: row.ownerId})
MATCH (c:Category {code: row.category})
CREATE (r:Resource {id: row.id, name: row.name, category: row.category, quantity: row.quantity,
                    unitOfMeasure: row.unitOfMeasure, availability: row.availability, conditions: row.conditions,
                    serviceType: row.serviceType, status: row.status, location: point(row.location),
                    cell: row.cell})
CREATE (owner)-[:OFFERS]->(r)
CREATE (r)-[:IN_CATEGORY]->(c)
RETURN count(r) AS written
