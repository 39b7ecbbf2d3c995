// search(text): areas, units and party organisations whose name contains the text (CONTAINS is the
// common subset of both engines; names are short, so a scan per label is fine at district scale).
// Parameters: $text, $limit (rows per label)
// Returns: label, node (properties), name, id
MATCH (n:Area) WHERE n.name CONTAINS $text
RETURN 'Area' AS label, properties(n) AS node, n.name AS name, n.id AS id
ORDER BY name, id LIMIT $limit
UNION ALL
MATCH (n:Unit) WHERE n.name CONTAINS $text
RETURN 'Unit' AS label, properties(n) AS node, n.name AS name, n.id AS id
ORDER BY name, id LIMIT $limit
UNION ALL
MATCH (n:Org) WHERE n.name CONTAINS $text
RETURN 'Org' AS label, properties(n) AS node, n.name AS name, n.id AS id
ORDER BY name, id LIMIT $limit
