// Loop: recount every deliverer's project statistics (projectsCompleted, projectsOpen, projectsRated,
// ratingSum — what matching's record and load parts read). The loop statements keep them as they
// write; this fills them in for a graph written before they did (graph/schema.py runs it when one is
// missing) and for whatever writes projects another way.
// Walked from the projects (the WITH keeps FalkorDB from scanning every node for the deliverers).
// Parameters: $completed, $open list<string> (the project statuses that count)
// Returns: refreshed (int, deliverers recounted)
MATCH (p:Project)
WITH p
MATCH (who)-[:DELIVERS]->(p)
WITH DISTINCT who
OPTIONAL MATCH (who)-[:DELIVERS]->(job:Project)
WITH who,
     sum(CASE WHEN job.status IN $completed THEN 1 ELSE 0 END) AS completed,
     sum(CASE WHEN job.status IN $open THEN 1 ELSE 0 END) AS openJobs,
     sum(CASE WHEN job.status IN $completed AND job.rating IS NOT NULL THEN 1 ELSE 0 END) AS rated,
     sum(CASE WHEN job.status IN $completed AND job.rating IS NOT NULL THEN toFloat(job.rating) ELSE 0.0 END) AS ratingSum
SET who.projectsCompleted = toInteger(completed), who.projectsOpen = toInteger(openJobs),
    who.projectsRated = toInteger(rated), who.ratingSum = ratingSum
RETURN count(who) AS refreshed
