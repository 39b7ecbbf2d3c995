// Demo data: create the top areas (districts), which have no parent area.
// Parameters: $rows list<map{id, name, level, code, path, location{latitude, longitude}, households, population}>
// Returns: written (int)
UNWIND $rows AS row
CREATE (a:Area {id: row.id, name: row.name, level: row.level, code: row.code, path: row.path,
                location: point(row.location), households: row.households, population: row.population})
RETURN count(a) AS written
