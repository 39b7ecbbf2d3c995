// Lists: offer a resource (资源清单 entry) — an active Resource OFFERED by a unit, member or area, IN its
// CATEGORY, at $location (its own, or its owner's: matching finds untied resources by location). Guard:
// no resource has the id yet (ids derive from owner + category + name). No row when the owner or the
// category is missing or the id is taken; nothing is written then.
// Parameters: $ownerId, $id, $name, $category, $quantity, $unitOfMeasure?, $availability list<string>,
//   $serviceType?, $conditions?, $address?, $location {latitude, longitude}, $cell (the spatial key of
//   $location, graph/spatial.py), $contactName?,
//   $contactPhone?, $note?, $status
// Returns: node (the resource's properties), ownerLabel
OPTIONAL MATCH (u:Unit {id: $ownerId})
OPTIONAL MATCH (m:Member {id: $ownerId})
OPTIONAL MATCH (a:Area {id: $ownerId})
WITH coalesce(u, m, a) AS o
WHERE o IS NOT NULL
MATCH (c:Category {code: $category})
OPTIONAL MATCH (existing:Resource {id: $id})
WITH o, c, existing
WHERE existing IS NULL
CREATE (r:Resource {id: $id, name: $name, category: c.code, quantity: $quantity,
                    unitOfMeasure: $unitOfMeasure, availability: $availability, serviceType: $serviceType,
                    conditions: $conditions, address: $address, location: point($location), cell: $cell,
                    contactName: $contactName, contactPhone: $contactPhone, note: $note, status: $status})
CREATE (o)-[:OFFERS]->(r)
CREATE (r)-[:IN_CATEGORY]->(c)
RETURN properties(r) AS node, labels(o)[0] AS ownerLabel
