// Matching, step 3 (docs/matching.md): candidates near the community — active, in one of $categories,
// farther than $beyond (−1: no inner limit; an earlier step has read everything nearer that could reach
// $floor) and within $reach (≤ the radius) of the community by their location (every writer stores the
// owner's location on a resource without its own), not in $seen, with remaining capacity (quantity
// minus the reserved quantity the loop keeps on the resource) above zero — whose bound reaches $floor.
// They are read through the spatial key: $cells lists every cell of the need's top-level category that
// covers the disc (graph/spatial.py), and the exact distance decides. The bound is the score with the
// tie counted as none and the schedule as fully covered, every other part exact: distance over
// $radius, capacity fit for $quantity, record (Bayesian rating around $mean with $ratingPrior,
// experience with $experienceHalf), load ($loadHalf). The weights are the $w… parameters, not
// normalised ($floor is the threshold × their sum). The owner's project counts are the statistics the
// loop keeps on it (graph/loop/statistics.py). At most $top rows, best bound first. A tied candidate
// (match_tied_ids) may come back too, its tie counted as none: the engine leaves it to
// match_candidate_facts, so no row here needs the owner's ties read.
// Dialect: falkordb (distance function).
// Parameters: $lat, $lon, $reach, $radius (m), $cells, $categories list<string>, $active, $beyond (m),
//   $seen list<string>, $quantity, $mean, $ratingPrior, $experienceHalf, $loadHalf, $wTie, $wDistance,
//   $wCapacity, $wSchedule, $wRecord, $wLoad, $floor (numbers), $top (int)
// Returns: resourceId, resourceName, category, quantity, remaining, unitOfMeasure, availability,
//   ownerLabel, ownerId, ownerName, distance (m), completed, openCommitments, rated, ratingSum (the
//   owner's project statistics), bound
MATCH (r:Resource)
WHERE r.cell IN $cells
// The filters apply to projected values: FalkorDB pushes filters on r's indexed properties into the
// index lookup, which then costs an index query per cell.
WITH r, r.category AS category, r.status AS status, r.id AS id,
     distance(r.location, point({latitude: $lat, longitude: $lon})) AS distance
WHERE category IN $categories AND status = $active AND distance <= $reach AND distance > $beyond
  AND NOT id IN $seen
MATCH (o)-[:OFFERS]->(r)
WITH r, o, 0.0 AS tie, distance,
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
RETURN r.id AS resourceId, r.name AS resourceName, r.category AS category, r.quantity AS quantity,
       remaining, r.unitOfMeasure AS unitOfMeasure, r.availability AS availability,
       labels(o)[0] AS ownerLabel, o.id AS ownerId, o.name AS ownerName, distance,
       coalesce(o.projectsCompleted, 0) AS completed, coalesce(o.projectsOpen, 0) AS openCommitments,
       coalesce(o.projectsRated, 0) AS rated, coalesce(o.ratingSum, 0.0) AS ratingSum, bound
