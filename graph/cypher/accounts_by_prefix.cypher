// Accounts: the account(s) whose key has this prefix, with the key hash, to verify a presented key.
// The only statement that reads keyHash; its rows never leave graph/accounts.
// Parameters: $keyPrefix
// Returns: id, name, roles, scopes, unitId, keyPrefix, status, createdAt, rotatedAt?, revokedAt?,
//          expiresAt?, lastUsedAt?, keyHash
MATCH (a:Account {keyPrefix: $keyPrefix})
RETURN a.id AS id, a.name AS name, a.roles AS roles, a.scopes AS scopes, a.unitId AS unitId,
       a.keyPrefix AS keyPrefix, a.status AS status, a.createdAt AS createdAt, a.rotatedAt AS rotatedAt,
       a.revokedAt AS revokedAt, a.expiresAt AS expiresAt, a.lastUsedAt AS lastUsedAt, a.keyHash AS keyHash
