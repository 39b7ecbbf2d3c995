// Node counts per label. Returns: label (string), count (int)
MATCH (n)
UNWIND labels(n) AS label
RETURN label, count(*) AS count
ORDER BY label
