// Member.pointEvents: the points events (积分) crediting each member — GraphQL DataLoader batch, one query
// for all keys.
// Parameters: $ids list<string> (ids of the Member nodes)
// Returns: key (Member id), label (of the neighbour), node (its properties), rel (the relationship's)
UNWIND $ids AS key
MATCH (n:Member {id: key})<-[rel:CREDITS]-(m:Event)
WHERE m.action = 'credit'
RETURN key, labels(m)[0] AS label, properties(m) AS node, properties(rel) AS rel
