// Schema for FalkorDB: range indexes (unique constraints are created by graph/schema.py
// with GRAPH.CONSTRAINT, which is a command, not Cypher). Applied by `gongjian db init`;
// an index that already exists (or, to drop, does not) is skipped.

CREATE INDEX FOR (n:Area) ON (n.id);
CREATE INDEX FOR (n:Org) ON (n.id);
CREATE INDEX FOR (n:Unit) ON (n.id);
CREATE INDEX FOR (n:Member) ON (n.id);
CREATE INDEX FOR (n:Resource) ON (n.id);
CREATE INDEX FOR (n:Demand) ON (n.id);
CREATE INDEX FOR (n:Project) ON (n.id);
CREATE INDEX FOR (n:Category) ON (n.code);
CREATE INDEX FOR (n:Event) ON (n.id);
CREATE INDEX FOR (n:Account) ON (n.id);
CREATE INDEX FOR (n:Area) ON (n.name);
CREATE INDEX FOR (n:Area) ON (n.level);
CREATE INDEX FOR (n:Area) ON (n.code);
CREATE INDEX FOR (n:Area) ON (n.path);
CREATE INDEX FOR (n:Org) ON (n.name);
CREATE INDEX FOR (n:Org) ON (n.kind);
CREATE INDEX FOR (n:Unit) ON (n.name);
CREATE INDEX FOR (n:Unit) ON (n.uscc);
CREATE INDEX FOR (n:Unit) ON (n.type);
CREATE INDEX FOR (n:Member) ON (n.phone);
CREATE INDEX FOR (n:Member) ON (n.status);
CREATE INDEX FOR (n:Resource) ON (n.category);
CREATE INDEX FOR (n:Resource) ON (n.cell);
CREATE INDEX FOR (n:Demand) ON (n.status);
CREATE INDEX FOR (n:Demand) ON (n.category);
CREATE INDEX FOR (n:Demand) ON (n.createdAt);
CREATE INDEX FOR (n:Demand) ON (n.urgency);
CREATE INDEX FOR (n:Project) ON (n.status);
CREATE INDEX FOR (n:Event) ON (n.at);
CREATE INDEX FOR (n:Event) ON (n.action);
CREATE INDEX FOR (n:Event) ON (n.requestId);
CREATE INDEX FOR (n:Account) ON (n.keyPrefix);
CREATE INDEX FOR (n:Area) ON (n.location);
CREATE INDEX FOR (n:Unit) ON (n.location);
// Not indexed, for the write time their index costs every import of the resource list (a fifth for the
// point index, a sixth for the two others): Resource.location (matching finds resources by their
// spatial key, Resource.cell), Resource.status (three values, mostly 'active': a label scan reads less)
// and Resource.name (read with CONTAINS, which no range index serves). Graphs initialised before lose
// them here.
DROP INDEX FOR (n:Resource) ON (n.location);
DROP INDEX FOR (n:Resource) ON (n.status);
DROP INDEX FOR (n:Resource) ON (n.name);
