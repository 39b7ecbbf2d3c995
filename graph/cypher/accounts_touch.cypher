// Accounts: record that a key was verified against its hash (lastUsedAt), and store a new hash when
// the argon2 parameters changed. Matches on the prefix too, so a key rotated meanwhile is left alone.
// Parameters: $id, $keyPrefix, $at, $keyHash? (null keeps the stored hash)
// Returns: nothing
MATCH (a:Account {id: $id, keyPrefix: $keyPrefix})
SET a.lastUsedAt = $at, a.keyHash = coalesce($keyHash, a.keyHash)
