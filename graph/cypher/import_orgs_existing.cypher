// Importers: the stored state of party organisations, to tell created / updated / unchanged apart.
// Parameters: $ids list<string>
// Returns: id, name, kind, secretary, brand, parent, area (lists of ids)
// The patterns name no label at their far end: the relationship type fixes it (graph/model.py), and
// FalkorDB checks a label there at a cost (3.1 s against 0.9 s for 90,000 resources' categories).
UNWIND $ids AS id
MATCH (o:Org {id: id})
RETURN o.id AS id, o.name AS name, o.kind AS kind, o.secretary AS secretary, o.brand AS brand,
       [(o)-[:UNDER]->(p) | p.id] AS parent, [(o)-[:COVERS]->(a) | a.id] AS area
