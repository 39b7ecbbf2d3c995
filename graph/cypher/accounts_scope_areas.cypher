// Accounts: the level and path of each area named as an account's scope, to validate the scope.
// Parameters: $ids list<string>
// Returns: id, level? (null when no area has the id), path?
UNWIND $ids AS id
OPTIONAL MATCH (a:Area {id: id})
RETURN id, a.level AS level, a.path AS path
