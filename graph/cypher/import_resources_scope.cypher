// Importers: the resources of the units present in an imported list (the list's scope, for "missing"
// rows and --prune), each with what import_resources_existing reads of it: a resource's id derives
// from its unit's, so these are every stored resource a row of the list can be, and the comparison
// needs no second read (importers/diff.py).
// Parameters: $scope list<string> (unit ids)
// Returns: id, label (unit name / resource name), and the columns of import_resources_existing
// The patterns name no label at their far end: the relationship type fixes it (graph/model.py), and
// FalkorDB checks a label there at a cost (3.1 s against 0.9 s for 90,000 resources' categories).
UNWIND $scope AS unitId
MATCH (u:Unit {id: unitId})-[:OFFERS]->(r:Resource)
RETURN r.id AS id, u.name + ' / ' + r.name AS label, r.name AS name, r.category AS category,
       r.quantity AS quantity, r.unitOfMeasure AS unitOfMeasure, r.availability AS availability,
       r.serviceType AS serviceType, r.address AS address, r.contactName AS contactName,
       r.contactPhone AS contactPhone, r.conditions AS conditions, r.note AS note, r.location AS location,
       [(o)-[:OFFERS]->(r) | o.id] AS owner, [(r)-[:IN_CATEGORY]->(c) | c.code] AS inCategory
