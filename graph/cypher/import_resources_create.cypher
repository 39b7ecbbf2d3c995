// Importers: write one batch of resources that the diff found new (资源清单) — CREATE, which costs
// the engine about half of MERGE. The unique constraint on Resource.id refuses the whole batch if
// one of its ids was created meanwhile by someone else; running the import again finishes it.
// Parameters: $rows list<map> as for import_resources (owner and inCategory are one-element lists;
//   the unit and the category exist)
// Returns: written (int)
UNWIND $rows AS row
MATCH (u:Unit {id: row.owner[0]})
MATCH (c:Category {code: row.inCategory[0]})
CREATE (u)-[:OFFERS]->(r:Resource {
    id: row.id, name: row.name, category: c.code, quantity: row.quantity,
    unitOfMeasure: row.unitOfMeasure, availability: row.availability, serviceType: row.serviceType,
    address: row.address, contactName: row.contactName, contactPhone: row.contactPhone,
    conditions: row.conditions, note: row.note, status: 'active', location: point(row.location)
  })-[:IN_CATEGORY]->(c)
RETURN count(r) AS written
