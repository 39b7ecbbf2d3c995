// Audit: audit events matching the filters, newest first. Times are ISO strings in China Standard Time,
// so they compare in time order.
// Parameters: $actions list<string> (audit.mutation, audit.personal), $since string? (inclusive),
//   $until string? (exclusive), $actor string?, $subject string?, $limit int
// Returns: id, at, actor, callerRoles, action, operation, outcome, origin, subjects, fields
MATCH (e:Event)
WHERE e.action IN $actions
  AND ($since IS NULL OR e.at >= $since)
  AND ($until IS NULL OR e.at < $until)
  AND ($actor IS NULL OR e.actor = $actor)
  AND ($subject IS NULL OR $subject IN e.subjects)
RETURN e.id AS id, e.at AS at, e.actor AS actor, e.callerRoles AS callerRoles, e.action AS action,
       e.operation AS operation, e.outcome AS outcome, e.origin AS origin, e.subjects AS subjects,
       e.fields AS fields
ORDER BY at DESC, id DESC
LIMIT $limit
