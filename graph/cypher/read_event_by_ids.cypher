// Event nodes by id, for the GraphQL DataLoader (one query per batch): the event a mutation wrote.
// Parameters: $ids list<string>
// Returns: key (the id), node (map of the node's properties); ids that do not exist give no row
UNWIND $ids AS key
MATCH (n:Event {id: key})
RETURN key, properties(n) AS node
