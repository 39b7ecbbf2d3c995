// Loop: overdue demands — still waiting (status in $unsettled) and past their deadline or raised before
// the cut-off of their urgency's service level ($cut… = now minus the level's hours). Times are ISO
// strings in China Standard Time, so they compare in time order.
// Parameters: $areaIds list<string>? (raising areas; null = everywhere), $unsettled list<string>, $now,
//   $cutUrgent, $cutHigh, $cutNormal, $cutLow (ISO times), $limit (int)
// Returns: id — the longest-waiting first
MATCH (a:Area)-[:RAISED]->(d:Demand)
WHERE d.status IN $unsettled
  AND ($areaIds IS NULL OR a.id IN $areaIds)
  AND ((d.deadline IS NOT NULL AND d.deadline < $now)
       OR d.createdAt < CASE d.urgency WHEN 'urgent' THEN $cutUrgent WHEN 'high' THEN $cutHigh
                                       WHEN 'low' THEN $cutLow ELSE $cutNormal END)
RETURN d.id AS id
ORDER BY d.createdAt, d.id
LIMIT $limit
