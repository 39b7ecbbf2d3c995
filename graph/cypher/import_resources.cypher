// Importers: write one batch of the resource list (资源清单) — one statement, so a batch commits whole.
// Parameters: $rows list<map{id, name, category, quantity, unitOfMeasure, availability, serviceType,
//   address, contactName, contactPhone, conditions, note, location {latitude, longitude}?, cell? (the
//   spatial key, graph/spatial.py), owner [unit id],
//   inCategory [code]}>
//   (owner and inCategory are one-element lists; the unit and the category exist)
// Returns: written (int)
UNWIND $rows AS row
MATCH (u:Unit {id: row.owner[0]})
MATCH (c:Category {code: row.inCategory[0]})
MERGE (r:Resource {id: row.id})
SET r.name = row.name, r.category = c.code, r.quantity = row.quantity,
    r.unitOfMeasure = row.unitOfMeasure, r.availability = row.availability,
    r.serviceType = row.serviceType, r.address = row.address, r.contactName = row.contactName,
    r.contactPhone = row.contactPhone, r.conditions = row.conditions, r.note = row.note,
    r.status = coalesce(r.status, 'active'), r.location = point(row.location), r.cell = row.cell
MERGE (u)-[:OFFERS]->(r)
MERGE (r)-[:IN_CATEGORY]->(c)
RETURN count(r) AS written
