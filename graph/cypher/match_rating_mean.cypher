// The global mean rating of completed projects: the prior of the Bayesian average (docs/matching.md).
// Parameters: $completed list<string> (project statuses that count as completed: done, closed)
// Returns: mean (float or null), ratings (int)
MATCH (p:Project)
WHERE p.status IN $completed AND p.rating IS NOT NULL
RETURN avg(p.rating) AS mean, count(p) AS ratings
