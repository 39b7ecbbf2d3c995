// Accounts: the unit a unit liaison is for, to check that it exists.
// Parameters: $id
// Returns: id, name (no row when no unit has the id)
MATCH (u:Unit {id: $id})
RETURN u.id AS id, u.name AS name
