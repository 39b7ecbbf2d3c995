// Loop: residents order (群众点单) — demand list entries RAISED by a community, in their category, each
// with its "raise" Event. Guards: the request item.requestId has not run before and no demand has the
// id yet (ids derive from community + category + title + day, so the same demand raised twice is
// refused, not doubled). No row comes back for an item whose guard fails.
// Parameters: $items list<map{id, title, category, quantity, window list<string>, urgency, status,
//   createdAt, deadline?, source?, contactName?, contactPhone?, note?, areaId, eventId, actor,
//   eventNote?, requestId?}>
// Returns: demandId, fromStatus (null), toStatus, eventId, at, actor, note, areaId
UNWIND $items AS item
MATCH (a:Area {id: item.areaId})
MATCH (c:Category {code: item.category})
OPTIONAL MATCH (prior:Event {requestId: item.requestId})
OPTIONAL MATCH (existing:Demand {id: item.id})
WITH item, a, c, prior, existing
WHERE prior IS NULL AND existing IS NULL
CREATE (d:Demand {id: item.id, title: item.title, category: item.category, quantity: item.quantity,
                  window: item.window, urgency: item.urgency, status: item.status, createdAt: item.createdAt,
                  deadline: item.deadline, source: item.source, contactName: item.contactName,
                  contactPhone: item.contactPhone, note: item.note})
CREATE (a)-[:RAISED]->(d)
CREATE (d)-[:IN_CATEGORY]->(c)
CREATE (e:Event {id: item.eventId, at: item.createdAt, actor: item.actor, action: 'raise', fromStatus: null,
                 toStatus: item.status, note: item.eventNote, requestId: item.requestId})
CREATE (d)-[:HAS_EVENT]->(e)
RETURN d.id AS demandId, null AS fromStatus, d.status AS toStatus, e.id AS eventId, e.at AS at,
       e.actor AS actor, e.note AS note, a.id AS areaId
