// Accounts: create an account, unless another account already uses the key prefix (then no row,
// and the caller draws a new key). Roles, scopes and the unit were validated before.
// Parameters: $id, $name, $roles list<string>, $scopes list<string>, $unitId?, $keyPrefix,
//             $keyHash, $status, $createdAt, $expiresAt?
// Returns: id, name, roles, scopes, unitId, keyPrefix, status, createdAt, rotatedAt?, revokedAt?,
//          expiresAt?, lastUsedAt? (never keyHash)
OPTIONAL MATCH (taken:Account {keyPrefix: $keyPrefix})
WITH taken
WHERE taken IS NULL
CREATE (a:Account {id: $id, name: $name, roles: $roles, scopes: $scopes, keyPrefix: $keyPrefix,
                   keyHash: $keyHash, status: $status, createdAt: $createdAt})
SET a.unitId = $unitId, a.expiresAt = $expiresAt
RETURN a.id AS id, a.name AS name, a.roles AS roles, a.scopes AS scopes, a.unitId AS unitId,
       a.keyPrefix AS keyPrefix, a.status AS status, a.createdAt AS createdAt, a.rotatedAt AS rotatedAt,
       a.revokedAt AS revokedAt, a.expiresAt AS expiresAt, a.lastUsedAt AS lastUsedAt
