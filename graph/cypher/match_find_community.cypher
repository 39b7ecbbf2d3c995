// Communities (or villages) named by a text: the exact name, the full name path, or a path suffix
// such as 街道/社区. Used to resolve COMMUNITY given by name on the command line and in the API.
// Parameters: $text, $suffix ("/" + text), $levels list<string> (community, village)
// Returns: id, name, path — at most 20 rows, ordered by path
MATCH (a:Area)
WHERE a.level IN $levels AND (a.name = $text OR a.path = $text OR a.path ENDS WITH $suffix)
RETURN a.id AS id, a.name AS name, a.path AS path
ORDER BY path, id
LIMIT 20
