// Accounts: revoke an account (idempotent: a second revocation keeps the first revokedAt).
// Parameters: $id, $status ('revoked'), $at
// Returns: id, name, roles, scopes, unitId, keyPrefix, status, createdAt, rotatedAt?, revokedAt?,
//          expiresAt?, lastUsedAt? (never keyHash)
MATCH (a:Account {id: $id})
SET a.status = $status, a.revokedAt = coalesce(a.revokedAt, $at)
RETURN a.id AS id, a.name AS name, a.roles AS roles, a.scopes AS scopes, a.unitId AS unitId,
       a.keyPrefix AS keyPrefix, a.status AS status, a.createdAt AS createdAt, a.rotatedAt AS rotatedAt,
       a.revokedAt AS revokedAt, a.expiresAt AS expiresAt, a.lastUsedAt AS lastUsedAt
