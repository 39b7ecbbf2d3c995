// Lists: pause, resume or retire a resource — set its status with the reason and time. Guard: its status
// now is one of $sources (a retired resource stays retired). Existing reservations are kept; the loop
// refuses new dispatches to a resource that is not active. No row when the guard fails.
// Parameters: $id, $sources list<string>, $target, $reason?, $at
// Returns: node (the resource's properties afterwards), before (its status before)
MATCH (r:Resource {id: $id})
WITH r, r.status AS before
WHERE before IN $sources
SET r.status = $target, r.statusReason = $reason, r.statusChangedAt = $at
RETURN properties(r) AS node, before
