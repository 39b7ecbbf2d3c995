// Load the shipped category tree: one row per category (see graph/taxonomy.py category_rows).
// Parameters: $rows list<map{code, name, nameEn, synonyms, parent, radiusM, version}>
// Returns: loaded (int)
UNWIND $rows AS row
MERGE (c:Category {code: row.code})
SET c.name = row.name, c.nameEn = row.nameEn, c.synonyms = row.synonyms,
    c.radiusM = row.radiusM, c.version = row.version
RETURN count(c) AS loaded
