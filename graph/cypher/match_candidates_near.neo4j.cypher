// Matching, step 3 (docs/matching.md): the untied candidates, found through the point index of
// resources — active, in one of $categories, farther than $beyond (−1: no inner limit; an earlier step
// has read everything nearer that could reach $floor) and within $reach (≤ the radius) of the community
// by their location (every writer stores the owner's location on a resource without its own), not in
// $seen, with
// remaining capacity above zero — whose bound reaches $floor. The bound is the score with the tie
// counted as none (tied owners come from match_tied_ids) and the schedule as fully covered, every other
// part exact: distance over $radius, capacity fit for $quantity, record (Bayesian rating around $mean
// with $ratingPrior, experience with $experienceHalf), load ($loadHalf). The weights are the $w…
// parameters, not normalised ($floor is the threshold × their sum). The owner's project counts are the
// statistics the loop keeps on it (graph/loop/statistics.py), the capacity read only for the rows whose bound
// with the full quantity still reaches $floor. At most $top rows, best bound first.
// Dialect: neo4j (distance function).
// Parameters: $communityId, $lat, $lon, $reach, $radius (m), $categories list<string>, $active,
//   $reserving, $completed, $open list<string> (project statuses), $today (ISO date), $committeeKind,
//   $streetIds list<string>, $beyond (m), $seen list<string>, $quantity, $mean, $ratingPrior, $experienceHalf,
//   $loadHalf, $wTie, $wDistance, $wCapacity, $wSchedule, $wRecord, $wLoad, $floor (numbers), $top (int)
// Returns: resourceId, resourceName, category, quantity, remaining, unitOfMeasure, availability,
//   ownerLabel, ownerId, ownerName, distance (m), agreements list<map{since, until, agreementNo}>,
//   seats list<map{orgId, orgName, role}>, streetHits list<map{areaId, areaName, streetId,
//   streetName}>, jobs list<[status, rating]> (the owner's completed and open projects), bound
MATCH (r:Resource)
WHERE r.category IN $categories AND r.status = $active
  AND point.distance(r.location, point({latitude: $lat, longitude: $lon})) <= $reach
  AND point.distance(r.location, point({latitude: $lat, longitude: $lon})) > $beyond
  AND NOT r.id IN $seen
MATCH (o)-[:OFFERS]->(r)
WITH r, o, 0.0 AS tie, point.distance(r.location, point({latitude: $lat, longitude: $lon})) AS distance
WITH r, o, tie, distance,
     coalesce(o.projectsCompleted, 0) AS completed, coalesce(o.projectsOpen, 0) AS openJobs,
     coalesce(o.projectsRated, 0) AS rated, coalesce(o.ratingSum, 0.0) AS ratingSum
WITH r, o, tie, distance, completed, openJobs,
     CASE WHEN $ratingPrior + rated = 0 THEN $mean
          ELSE ($ratingPrior * $mean + ratingSum) / ($ratingPrior + rated) END AS rating
WITH r, o, distance,
     $wTie * tie
     + $wDistance * CASE WHEN distance >= $radius THEN 0.0 ELSE 1.0 - distance / $radius END
     + $wSchedule
     + $wRecord * (0.5 * CASE WHEN rating >= 5.0 THEN 1.0 WHEN rating <= 1.0 THEN 0.0 ELSE (rating - 1.0) / 4.0 END
                   + 0.5 * completed / (completed + $experienceHalf))
     + $wLoad * $loadHalf / ($loadHalf + openJobs) AS partial
WHERE partial + $wCapacity * CASE WHEN r.quantity >= $quantity THEN 1.0 ELSE toFloat(r.quantity) / $quantity END >= $floor
OPTIONAL MATCH (p:Project)-[u:USES]->(r)
WITH r, o, distance, partial,
     r.quantity - sum(CASE WHEN p.status IN $reserving THEN coalesce(u.quantity, 0) ELSE 0 END) AS remaining
WHERE remaining > 0
WITH r, o, distance, remaining,
     partial + $wCapacity * CASE WHEN remaining >= $quantity THEN 1.0 ELSE toFloat(remaining) / $quantity END AS bound
WHERE bound >= $floor
WITH r, o, distance, remaining, bound
ORDER BY bound DESC, distance, r.id
LIMIT $top
MATCH (community:Area {id: $communityId})
RETURN r.id AS resourceId, r.name AS resourceName, r.category AS category, r.quantity AS quantity,
       remaining, r.unitOfMeasure AS unitOfMeasure, r.availability AS availability,
       labels(o)[0] AS ownerLabel, o.id AS ownerId, o.name AS ownerName, distance,
       [(o)-[cb:CO_BUILDS]->(community) WHERE cb.since <= $today AND (cb.until IS NULL OR cb.until >= $today)
          | {since: cb.since, until: cb.until, agreementNo: cb.agreementNo}] AS agreements,
       [(o)-[seat:SEATED_ON]->(g:Org)-[:COVERS]->(community) WHERE g.kind = $committeeKind
          | {orgId: g.id, orgName: g.name, role: seat.role}] AS seats,
       [(o)-[:LOCATED_IN]->(home:Area)-[:WITHIN*0..3]->(street:Area) WHERE street.id IN $streetIds
          | {areaId: home.id, areaName: home.name, streetId: street.id, streetName: street.name}] AS streetHits,
       [(o)-[:DELIVERS]->(job:Project) WHERE job.status IN $completed OR job.status IN $open
          | [job.status, job.rating]] AS jobs,
       bound
