// Demo data: create areas below an existing parent area and link them (WITHIN).
// Parameters: $rows list<map{id, name, level, code?, path, location{latitude, longitude}, households,
//             population, parentId}>
// Returns: written (int)
UNWIND $rows AS row
MATCH (p:Area {id: row.parentId})
CREATE (a:Area {id: row.id, name: row.name, level: row.level, code: row.code, path: row.path,
                location: point(row.location), households: row.households, population: row.population})
CREATE (a)-[:WITHIN]->(p)
RETURN count(a) AS written
