// Audit: write one request's audit events (a mutation each, and one for personal data shown unmasked)
// in one statement. Audit events have no relationships; they hold ids, field and operation names — never a
// personal value nor a request's variables (graph/audit.py, docs/security.md "Audit").
// Parameters: $events list<{id, at, actor, callerRoles list<string>, action, operation, origin?,
//   subjects list<string>, fields list<string>, outcome}>
// Returns: written (int)
UNWIND $events AS e
CREATE (a:Event {id: e.id, at: e.at, actor: e.actor, callerRoles: e.callerRoles, action: e.action,
                 operation: e.operation, subjects: e.subjects, fields: e.fields, outcome: e.outcome})
SET a.origin = e.origin
RETURN count(a) AS written
