// Demo loader: the category codes present in the graph (loaded by init_schema).
// Parameters: none
// Returns: code (string), one row per Category
MATCH (c:Category)
RETURN c.code AS code
