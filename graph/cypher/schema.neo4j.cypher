// Schema for Neo4j 5: uniqueness constraints on node keys, lookup and point indexes.
// Every statement is idempotent (IF NOT EXISTS). Applied by `gongjian db init`.

CREATE CONSTRAINT area_id IF NOT EXISTS FOR (n:Area) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT org_id IF NOT EXISTS FOR (n:Org) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT unit_id IF NOT EXISTS FOR (n:Unit) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT member_id IF NOT EXISTS FOR (n:Member) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT resource_id IF NOT EXISTS FOR (n:Resource) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT demand_id IF NOT EXISTS FOR (n:Demand) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT project_id IF NOT EXISTS FOR (n:Project) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT category_code IF NOT EXISTS FOR (n:Category) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT account_id IF NOT EXISTS FOR (n:Account) REQUIRE n.id IS UNIQUE;
CREATE INDEX area_name IF NOT EXISTS FOR (n:Area) ON (n.name);
CREATE INDEX area_level IF NOT EXISTS FOR (n:Area) ON (n.level);
CREATE INDEX area_code IF NOT EXISTS FOR (n:Area) ON (n.code);
CREATE INDEX area_path IF NOT EXISTS FOR (n:Area) ON (n.path);
CREATE INDEX org_name IF NOT EXISTS FOR (n:Org) ON (n.name);
CREATE INDEX org_kind IF NOT EXISTS FOR (n:Org) ON (n.kind);
CREATE INDEX unit_name IF NOT EXISTS FOR (n:Unit) ON (n.name);
CREATE INDEX unit_uscc IF NOT EXISTS FOR (n:Unit) ON (n.uscc);
CREATE INDEX unit_type IF NOT EXISTS FOR (n:Unit) ON (n.type);
CREATE INDEX member_phone IF NOT EXISTS FOR (n:Member) ON (n.phone);
CREATE INDEX member_status IF NOT EXISTS FOR (n:Member) ON (n.status);
CREATE INDEX resource_category IF NOT EXISTS FOR (n:Resource) ON (n.category);
CREATE INDEX resource_cell IF NOT EXISTS FOR (n:Resource) ON (n.cell);
CREATE INDEX demand_status IF NOT EXISTS FOR (n:Demand) ON (n.status);
CREATE INDEX demand_category IF NOT EXISTS FOR (n:Demand) ON (n.category);
CREATE INDEX demand_created_at IF NOT EXISTS FOR (n:Demand) ON (n.createdAt);
CREATE INDEX demand_urgency IF NOT EXISTS FOR (n:Demand) ON (n.urgency);
CREATE INDEX project_status IF NOT EXISTS FOR (n:Project) ON (n.status);
CREATE INDEX event_at IF NOT EXISTS FOR (n:Event) ON (n.at);
CREATE INDEX event_action IF NOT EXISTS FOR (n:Event) ON (n.action);
CREATE INDEX event_request IF NOT EXISTS FOR (n:Event) ON (n.requestId);
CREATE INDEX account_key_prefix IF NOT EXISTS FOR (n:Account) ON (n.keyPrefix);
CREATE POINT INDEX area_location IF NOT EXISTS FOR (n:Area) ON (n.location);
CREATE POINT INDEX unit_location IF NOT EXISTS FOR (n:Unit) ON (n.location);
// Not indexed, for the write time their index costs every import of the resource list:
// Resource.location (matching finds resources by their spatial key, Resource.cell), Resource.status
// (three values, mostly 'active') and Resource.name (read with CONTAINS, which no range index serves).
// Databases initialised before lose them here.
DROP INDEX resource_location IF EXISTS;
DROP INDEX resource_status IF EXISTS;
DROP INDEX resource_name IF EXISTS;
