// Accounts: one account by id, without the key hash; no row when there is none.
// Parameters: $id
// Returns: id, name, roles, scopes, unitId, keyPrefix, status, createdAt, rotatedAt?, revokedAt?,
//          expiresAt?, lastUsedAt? (never keyHash)
MATCH (a:Account {id: $id})
RETURN a.id AS id, a.name AS name, a.roles AS roles, a.scopes AS scopes, a.unitId AS unitId,
       a.keyPrefix AS keyPrefix, a.status AS status, a.createdAt AS createdAt, a.rotatedAt AS rotatedAt,
       a.revokedAt AS revokedAt, a.expiresAt AS expiresAt, a.lastUsedAt AS lastUsedAt
