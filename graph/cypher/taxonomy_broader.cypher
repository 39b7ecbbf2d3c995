// Link each category to its parent (BROADER), after all categories exist.
// Parameters: $rows list<map{code, parent}> (rows without a parent are skipped)
// Returns: linked (int)
UNWIND $rows AS row
WITH row WHERE row.parent IS NOT NULL
MATCH (c:Category {code: row.code})
MATCH (p:Category {code: row.parent})
MERGE (c)-[:BROADER]->(p)
RETURN count(p) AS linked
