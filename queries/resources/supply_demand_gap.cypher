// title: 供需缺口表（按类别、街道） / Supply versus open demand per category and street
// description: Per street and top-level category: active resources and the quantity they offer, unmet
// description: demands (status in `unmet`) and the quantity they ask for; gap = demanded − supply
// description: (positive: a shortfall). Quantities mix units of measure only within a category.
// param: unmet list<string> = ["open", "dispatched", "rejected", "escalated"] — demand statuses that count as unmet
// columns: street, category, categoryName, resources, supply, openDemands, demanded, gap
MATCH (o)-[:OFFERS]->(r:Resource {status: 'active'})
MATCH (o)-[:LOCATED_IN|LIVES_IN|WITHIN*0..5]->(s:Area)
WHERE s.level IN ['street', 'town']
WITH s, split(r.category, '.')[0] AS category, count(r) AS resources, sum(r.quantity) AS supply
WITH s, collect({category: category, resources: resources, supply: supply}) AS supplyRows
WITH collect({id: s.id, rows: supplyRows}) AS supplyByStreet
MATCH (s:Area)
WHERE s.level IN ['street', 'town']
WITH s, [x IN supplyByStreet WHERE x.id = s.id | x.rows] AS found
WITH s, CASE WHEN size(found) = 0 THEN [] ELSE found[0] END AS supplyRows
OPTIONAL MATCH (s)<-[:WITHIN*1..3]-(:Area)-[:RAISED]->(d:Demand)
WHERE d.status IN $unmet
WITH s, supplyRows, split(d.category, '.')[0] AS category, count(d) AS demands, sum(d.quantity) AS demanded
WITH s, supplyRows, collect({category: category, demands: demands, demanded: demanded}) AS demandRows
UNWIND supplyRows + demandRows AS row
WITH s, row
WHERE row.category IS NOT NULL
WITH s, row.category AS category, sum(coalesce(row.resources, 0)) AS resources,
     sum(coalesce(row.supply, 0)) AS supply, sum(coalesce(row.demands, 0)) AS openDemands,
     sum(coalesce(row.demanded, 0)) AS demanded
OPTIONAL MATCH (cat:Category {code: category})
RETURN s.name AS street, category, cat.name AS categoryName, toInteger(resources) AS resources,
       toInteger(supply) AS supply, toInteger(openDemands) AS openDemands, toInteger(demanded) AS demanded,
       toInteger(demanded - supply) AS gap
ORDER BY gap DESC, street, category
