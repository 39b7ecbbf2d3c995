// Matching, step 2 (docs/matching.md): the tied candidates found by match_tied_ids — kept when their
// remaining capacity (quantity minus the reserved quantity the loop keeps on the resource) is above zero
// and their bound reaches $floor. The bound is the score with the tie at its value from match_tied_ids
// and the schedule as fully covered, every other part exact: distance over $radius (by the resource's
// location, else its owner's), capacity fit for $quantity, record (Bayesian rating around $mean with
// $ratingPrior, experience with $experienceHalf), load ($loadHalf). The weights are the $w… parameters,
// not normalised ($floor is the threshold × their sum). The owner's project counts are the statistics
// the loop keeps on it (graph/loop/statistics.py). At most $top rows, best bound first.
// Dialect: neo4j (distance function).
// Parameters: $tied list<map{id, tie (the tie part's value)}>, $communityId, $lat, $lon, $radius (m),
//   $today (ISO date), $committeeKind,
//   $streetIds list<string>, $quantity, $mean, $ratingPrior, $experienceHalf, $loadHalf, $wTie,
//   $wDistance, $wCapacity, $wSchedule, $wRecord, $wLoad, $floor (numbers), $top (int)
// Returns: resourceId, resourceName, category, quantity, remaining, unitOfMeasure, availability,
//   ownerLabel, ownerId, ownerName, distance (m), agreements list<map{since, until, agreementNo}>,
//   seats list<map{orgId, orgName, role}>, streetHits list<map{areaId, areaName, streetId,
//   streetName}>, completed, openCommitments, rated, ratingSum (the owner's project statistics), bound
UNWIND $tied AS t
MATCH (r:Resource {id: t.id})
MATCH (o)-[:OFFERS]->(r)
WITH r, o, toFloat(t.tie) AS tie,
     point.distance(coalesce(r.location, o.location), point({latitude: $lat, longitude: $lon})) AS distance,
     r.quantity - coalesce(r.reserved, 0) AS remaining,
     coalesce(o.projectsCompleted, 0) AS completed, coalesce(o.projectsRated, 0) AS rated
WHERE remaining > 0
WITH r, o, tie, distance, remaining, completed,
     CASE WHEN $ratingPrior + rated = 0 THEN $mean
          ELSE ($ratingPrior * $mean + coalesce(o.ratingSum, 0.0)) / ($ratingPrior + rated) END AS rating
WITH r, o, distance, remaining,
     $wTie * tie
     + $wDistance * CASE WHEN distance >= $radius THEN 0.0 ELSE 1.0 - distance / $radius END
     + $wCapacity * CASE WHEN remaining >= $quantity THEN 1.0 ELSE toFloat(remaining) / $quantity END
     + $wSchedule
     + $wRecord * (0.5 * CASE WHEN rating >= 5.0 THEN 1.0 WHEN rating <= 1.0 THEN 0.0 ELSE (rating - 1.0) / 4.0 END
                   + 0.5 * completed / (completed + $experienceHalf))
     + $wLoad * $loadHalf / ($loadHalf + coalesce(o.projectsOpen, 0)) AS bound
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
       [(o)-[seat:SEATED_ON]->(g)-[:COVERS]->(community) WHERE g.kind = $committeeKind
          | {orgId: g.id, orgName: g.name, role: seat.role}] AS seats,
       [(o)-[:LOCATED_IN]->(home)-[:WITHIN*0..3]->(street) WHERE street.id IN $streetIds
          | {areaId: home.id, areaName: home.name, streetId: street.id, streetName: street.name}] AS streetHits,
       coalesce(o.projectsCompleted, 0) AS completed, coalesce(o.projectsOpen, 0) AS openCommitments,
       coalesce(o.projectsRated, 0) AS rated, coalesce(o.ratingSum, 0.0) AS ratingSum, bound
