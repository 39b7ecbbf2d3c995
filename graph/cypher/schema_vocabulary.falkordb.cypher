// db init, FalkorDB only: make every relationship type and property key of the model known up front.
// FalkorDB caches query plans, and a plan built while a relationship type or property key did not yet
// exist keeps answering as if it never will (a pattern comprehension over CO_BUILDS planned before the
// first agreement stays empty afterwards). Creating and deleting one of each registers them for good.
// tests/test_schema.py checks that this file names every type and key of graph/model.py.
// Parameters: none
// Returns: nothing
CREATE (a), (b)
CREATE (a)-[:BELONGS_TO]->(b)
CREATE (a)-[:BROADER]->(b)
CREATE (a)-[:COVERS]->(b)
CREATE (a)-[:CO_BUILDS]->(b)
CREATE (a)-[:CREDITS]->(b)
CREATE (a)-[:DELIVERS]->(b)
CREATE (a)-[:FULFILS]->(b)
CREATE (a)-[:HAS_EVENT]->(b)
CREATE (a)-[:IN_CATEGORY]->(b)
CREATE (a)-[:LIVES_IN]->(b)
CREATE (a)-[:LOCATED_IN]->(b)
CREATE (a)-[:OFFERS]->(b)
CREATE (a)-[:ORG_OF]->(b)
CREATE (a)-[:RAISED]->(b)
CREATE (a)-[:REPORTED_TO]->(b)
CREATE (a)-[:SEATED_ON]->(b)
CREATE (a)-[:UNDER]->(b)
CREATE (a)-[:USES]->(b)
CREATE (a)-[:WITHIN]->(b)
CREATE (a)-[:WORKS_AT]->(b)
SET a._lock = 0, a.action = 0, a.actor = 0, a.address = 0, a.agreementNo = 0, a.at = 0,
    a.availability = 0, a.brand = 0, a.callerRoles = 0, a.category = 0, a.cell = 0, a.code = 0, a.completedAt = 0,
    a.conditions = 0, a.contactName = 0, a.contactPhone = 0, a.createdAt = 0, a.date = 0, a.deadline = 0,
    a.expiresAt = 0, a.feedback = 0, a.fields = 0, a.fromStatus = 0, a.households = 0, a.id = 0,
    a.keyHash = 0, a.keyPrefix = 0, a.kind = 0, a.lastUsedAt = 0, a.level = 0, a.location = 0,
    a.name = 0, a.nameEn = 0, a.note = 0, a.operation = 0, a.origin = 0, a.outcome = 0,
    a.path = 0, a.phone = 0, a.points = 0, a.population = 0, a.projectsCompleted = 0,
    a.projectsOpen = 0, a.projectsRated = 0, a.quantity = 0, a.radiusM = 0,
    a.rating = 0, a.ratingSum = 0, a.requestId = 0, a.reserved = 0, a.revokedAt = 0, a.role = 0, a.roles = 0, a.rotatedAt = 0,
    a.scopes = 0, a.secretary = 0, a.serviceType = 0, a.since = 0, a.skills = 0, a.source = 0,
    a.startedAt = 0, a.status = 0, a.statusChangedAt = 0, a.statusReason = 0, a.subjects = 0, a.synonyms = 0,
    a.targetId = 0, a.title = 0, a.toStatus = 0, a.type = 0, a.unitId = 0, a.unitOfMeasure = 0,
    a.until = 0, a.urgency = 0, a.uscc = 0, a.version = 0, a.window = 0
DETACH DELETE a, b
