// Importers: the stored state of party organisations, to tell created / updated / unchanged apart.
// Parameters: $ids list<string>
// Returns: id, name, kind, secretary, brand, parent, area (lists of ids)
UNWIND $ids AS id
MATCH (o:Org {id: id})
RETURN o.id AS id, o.name AS name, o.kind AS kind, o.secretary AS secretary, o.brand AS brand,
       [(o)-[:UNDER]->(p:Org) | p.id] AS parent, [(o)-[:COVERS]->(a:Area) | a.id] AS area
