// title: 单一来源资源（脆弱性） / Resources offered by a single provider in a street (fragility)
// description: Per street and category: categories whose active resources all come from one provider (a
// description: unit, an area or a member) — losing it loses the category in that street.
// param: street string = "" — street or town, by name or id; empty for the whole graph
// columns: street, category, categoryName, provider, providerType, resources, quantity
MATCH (o)-[:OFFERS]->(r:Resource {status: 'active'})
MATCH (o)-[:LOCATED_IN|LIVES_IN|WITHIN*0..5]->(s:Area)
WHERE s.level IN ['street', 'town'] AND ($street = '' OR s.name = $street OR s.id = $street)
WITH s, r.category AS category, collect(DISTINCT o) AS providers, count(r) AS resources,
     sum(r.quantity) AS quantity
WHERE size(providers) = 1
WITH s, category, providers[0] AS o, resources, quantity
OPTIONAL MATCH (cat:Category {code: category})
RETURN s.name AS street, category, cat.name AS categoryName,
       CASE WHEN o:Member THEN '党员 ' + o.id ELSE o.name END AS provider, labels(o)[0] AS providerType,
       resources, toInteger(quantity) AS quantity
ORDER BY street, category
