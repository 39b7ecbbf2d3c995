// title: 吹哨报到（按职能部门） / Escalations by department
// description: Demands escalated at least once (街乡吹哨, an escalate event), by the government department
// description: (a unit of type government delivering a project for the demand; "(未派单)" while none has been
// description: sent): how many, how many are done or closed, how many still open, and escalations counted.
// columns: department, departmentId, demands, resolved, pending, escalations
MATCH (d:Demand)-[:HAS_EVENT]->(e:Event {action: 'escalate'})
WITH d, count(e) AS escalations
OPTIONAL MATCH (g:Unit {type: 'government'})-[:DELIVERS]->(:Project)-[:FULFILS]->(d)
WITH d, escalations, collect(DISTINCT g) AS departments
UNWIND CASE WHEN size(departments) = 0 THEN [null] ELSE departments END AS g
WITH coalesce(g.name, '(未派单 / not yet assigned)') AS department, g.id AS departmentId, d, escalations
RETURN department, departmentId, count(d) AS demands,
       toInteger(sum(CASE WHEN d.status IN ['done', 'closed'] THEN 1 ELSE 0 END)) AS resolved,
       toInteger(sum(CASE WHEN d.status IN ['done', 'closed', 'cancelled'] THEN 0 ELSE 1 END)) AS pending,
       toInteger(sum(escalations)) AS escalations
ORDER BY demands DESC, department
