// title: 群众满意度（按单位、类别） / Satisfaction by unit and category
// description: Per delivering unit and top-level category: rated projects (群众评价 1-5), the average
// description: rating, the share rated 4 or 5 (satisfiedPct) and the ratings of 2 or less.
// param: minRated int = 1 — only pairs with at least this many rated projects
// columns: unit, unitId, category, categoryName, rated, avgRating, satisfiedPct, lowRatings
MATCH (u:Unit)-[:DELIVERS]->(p:Project)-[:FULFILS]->(d:Demand)
WHERE p.rating IS NOT NULL
WITH u, split(d.category, '.')[0] AS category, count(p) AS rated, avg(p.rating) AS mean,
     sum(CASE WHEN p.rating >= 4 THEN 1 ELSE 0 END) AS satisfied, sum(CASE WHEN p.rating <= 2 THEN 1 ELSE 0 END) AS low
WHERE rated >= $minRated
OPTIONAL MATCH (cat:Category {code: category})
RETURN u.name AS unit, u.id AS unitId, category, cat.name AS categoryName, rated,
       round(100 * mean) / 100.0 AS avgRating, round(1000.0 * satisfied / rated) / 10.0 AS satisfiedPct,
       toInteger(low) AS lowRatings
ORDER BY avgRating, rated DESC, unit, unitId, category
