// The taxonomy version loaded in the graph, if any. Returns: version (int or null)
MATCH (c:Category)
RETURN max(c.version) AS version
