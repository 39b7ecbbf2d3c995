// Importers: write one batch of agreements (共建协议): CO_BUILDS {since, until, agreementNo} or
// REPORTED_TO {date} from a unit to a community, SEATED_ON {since} to the community's committee.
// Parameters: $rows list<map{type ('CO_BUILDS'|'SEATED_ON'|'REPORTED_TO'), unit, target,
//   since, until, agreementNo, date}>
// Returns: written (int)
UNWIND $rows AS row
MATCH (u:Unit {id: row.unit})
FOREACH (_ IN CASE WHEN row.type = 'CO_BUILDS' THEN [1] ELSE [] END |
  MERGE (a:Area {id: row.target})
  MERGE (u)-[r:CO_BUILDS]->(a)
  SET r.since = row.since, r.until = row.until, r.agreementNo = row.agreementNo)
FOREACH (_ IN CASE WHEN row.type = 'REPORTED_TO' THEN [1] ELSE [] END |
  MERGE (a:Area {id: row.target})
  MERGE (u)-[r:REPORTED_TO]->(a)
  SET r.date = row.date)
FOREACH (_ IN CASE WHEN row.type = 'SEATED_ON' THEN [1] ELSE [] END |
  MERGE (o:Org {id: row.target})
  MERGE (u)-[r:SEATED_ON]->(o)
  SET r.since = row.since)
RETURN count(u) AS written
