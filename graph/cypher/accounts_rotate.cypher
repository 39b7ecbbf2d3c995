// Accounts: give an active account a new key; the old key stops matching at once. No row when the
// account is not active or another account already uses the new prefix (then the caller re-checks).
// Parameters: $id, $active ('active'), $keyPrefix, $keyHash, $at
// Returns: id, name, roles, scopes, unitId, keyPrefix, status, createdAt, rotatedAt?, revokedAt?,
//          expiresAt?, lastUsedAt? (never keyHash)
MATCH (a:Account {id: $id})
WHERE a.status = $active
OPTIONAL MATCH (taken:Account {keyPrefix: $keyPrefix})
WITH a, taken
WHERE taken IS NULL
SET a.keyPrefix = $keyPrefix, a.keyHash = $keyHash, a.rotatedAt = $at
RETURN a.id AS id, a.name AS name, a.roles AS roles, a.scopes AS scopes, a.unitId AS unitId,
       a.keyPrefix AS keyPrefix, a.status AS status, a.createdAt AS createdAt, a.rotatedAt AS rotatedAt,
       a.revokedAt AS revokedAt, a.expiresAt AS expiresAt, a.lastUsedAt AS lastUsedAt
