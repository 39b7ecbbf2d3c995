"""The domain vocabulary of design.md §4: labels, relationship types, enumerations and properties.

Everything that names a label, a relationship type or a property in a dynamic query must come from
here, never from input. The Chinese terms follow ``shared/domain/glossary.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Label(StrEnum):
    AREA = "Area"
    ORG = "Org"
    UNIT = "Unit"
    MEMBER = "Member"
    RESOURCE = "Resource"
    DEMAND = "Demand"
    PROJECT = "Project"
    CATEGORY = "Category"
    EVENT = "Event"
    ACCOUNT = "Account"


class Rel(StrEnum):
    WITHIN = "WITHIN"
    UNDER = "UNDER"
    COVERS = "COVERS"
    LOCATED_IN = "LOCATED_IN"
    CO_BUILDS = "CO_BUILDS"
    SEATED_ON = "SEATED_ON"
    REPORTED_TO = "REPORTED_TO"
    ORG_OF = "ORG_OF"
    BELONGS_TO = "BELONGS_TO"
    WORKS_AT = "WORKS_AT"
    LIVES_IN = "LIVES_IN"
    OFFERS = "OFFERS"
    IN_CATEGORY = "IN_CATEGORY"
    BROADER = "BROADER"
    RAISED = "RAISED"
    FULFILS = "FULFILS"
    USES = "USES"
    DELIVERS = "DELIVERS"
    HAS_EVENT = "HAS_EVENT"
    CREDITS = "CREDITS"


class AreaLevel(StrEnum):
    DISTRICT = "district"
    STREET = "street"
    TOWN = "town"
    COMMUNITY = "community"
    VILLAGE = "village"
    GRID = "grid"
    ESTATE = "estate"
    BUILDING = "building"


class OrgKind(StrEnum):
    STREET_COMMITTEE = "street_committee"
    COMMUNITY_COMMITTEE = "community_committee"
    GENERAL_BRANCH = "general_branch"
    BRANCH = "branch"
    GROUP = "group"
    UNIT_ORG = "unit_org"
    JOINT_BRANCH = "joint_branch"
    INDUSTRY_COMMITTEE = "industry_committee"
    COMBINED_BRANCH = "combined_branch"


class UnitType(StrEnum):
    GOVERNMENT = "government"
    SCHOOL = "school"
    HOSPITAL = "hospital"
    ENTERPRISE = "enterprise"
    SOE = "soe"
    BANK = "bank"
    PROPERTY = "property"
    OWNERS_COMMITTEE = "owners_committee"
    SOCIAL_ORG = "social_org"
    MERCHANT = "merchant"
    OTHER = "other"


class MemberStatus(StrEnum):
    IN_SERVICE = "in_service"
    RETIRED = "retired"
    MOBILE = "mobile"
    NEW_EMPLOYMENT = "new_employment"


class MemberRole(StrEnum):
    CENTRAL_HOUSEHOLD = "central_household"
    BUILDING_HEAD = "building_head"
    GRID_WORKER = "grid_worker"
    VOLUNTEER = "volunteer"
    ISSUE_SPOTTER = "issue_spotter"


class ServiceType(StrEnum):
    PUBLIC = "public"
    SOCIAL = "social"
    VOLUNTEER = "volunteer"


class ResourceStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    RETIRED = "retired"


class Urgency(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class DemandStatus(StrEnum):
    OPEN = "open"
    DISPATCHED = "dispatched"
    ACCEPTED = "accepted"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CLOSED = "closed"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    ESCALATED = "escalated"


class ProjectStatus(StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CLOSED = "closed"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


class Role(StrEnum):
    """What an API principal (``Account``) may do, within its scope (issue 7)."""

    ADMIN = "admin"
    STREET_COORDINATOR = "street_coordinator"
    COMMUNITY_WORKER = "community_worker"
    UNIT_LIAISON = "unit_liaison"
    ANALYST = "analyst"
    VIEWER = "viewer"


class AccountStatus(StrEnum):
    ACTIVE = "active"
    REVOKED = "revoked"


#: Demand transitions of design.md §6. ``done → closed`` happens when the resident rates the result;
#: ``→ accepted`` straight from open, rejected or escalated is a unit's own claim (双向认领 / 部门报到).
DEMAND_TRANSITIONS: dict[DemandStatus, frozenset[DemandStatus]] = {
    DemandStatus.OPEN: frozenset(
        {DemandStatus.DISPATCHED, DemandStatus.ACCEPTED, DemandStatus.CANCELLED, DemandStatus.ESCALATED}
    ),
    DemandStatus.DISPATCHED: frozenset(
        {DemandStatus.ACCEPTED, DemandStatus.REJECTED, DemandStatus.CANCELLED}
    ),
    DemandStatus.ACCEPTED: frozenset({DemandStatus.IN_PROGRESS, DemandStatus.CANCELLED}),
    DemandStatus.IN_PROGRESS: frozenset({DemandStatus.DONE, DemandStatus.ESCALATED}),
    DemandStatus.DONE: frozenset({DemandStatus.CLOSED, DemandStatus.OPEN}),
    DemandStatus.CLOSED: frozenset({DemandStatus.OPEN}),
    DemandStatus.REJECTED: frozenset(
        {DemandStatus.DISPATCHED, DemandStatus.ACCEPTED, DemandStatus.OPEN, DemandStatus.CANCELLED}
    ),
    DemandStatus.CANCELLED: frozenset({DemandStatus.OPEN}),
    DemandStatus.ESCALATED: frozenset(
        {DemandStatus.DISPATCHED, DemandStatus.ACCEPTED, DemandStatus.CANCELLED}
    ),
}


@dataclass(frozen=True)
class Prop:
    """One property of a node or relationship, documented in both languages."""

    name: str
    type: str
    zh: str
    en: str


@dataclass(frozen=True)
class NodeSpec:
    label: Label
    zh: str
    en: str
    key: str
    props: tuple[Prop, ...]


@dataclass(frozen=True)
class RelSpec:
    type: Rel
    sources: tuple[Label, ...]
    target: Label
    zh: str
    en: str
    props: tuple[Prop, ...] = ()


def _p(name: str, type_: str, zh: str, en: str) -> Prop:
    return Prop(name, type_, zh, en)


_ID = _p("id", "string", "稳定标识（由自然键生成）", "stable id derived from natural keys")
_NAME = _p("name", "string", "名称", "name")
_LOCATION = _p("location", "point", "位置（WGS84 经纬度）", "location (WGS84 point)")
# A deliverer's projects counted by the loop as it writes them (graph/loop/statistics.py), for matching.
_PROJECT_STATISTICS = (
    _p("projectsCompleted", "int?", "已完成项目数（闭环维护）", "completed projects (kept by the loop)"),
    _p("projectsOpen", "int?", "在办项目数（闭环维护）", "open commitments (kept by the loop)"),
    _p(
        "projectsRated",
        "int?",
        "已评价的完成项目数（闭环维护）",
        "rated completed projects (kept by the loop)",
    ),
    _p("ratingSum", "float?", "评价星数之和（闭环维护）", "sum of their ratings (kept by the loop)"),
)

NODES: tuple[NodeSpec, ...] = (
    NodeSpec(
        Label.AREA,
        "区域",
        "territorial area",
        "id",
        (
            _ID,
            _NAME,
            _p("level", "AreaLevel", "层级：区/街道/乡镇/社区/村/网格/小区/楼栋", "level in the territory"),
            _p("code", "string?", "行政区划代码", "administrative division code"),
            _p("path", "string", "名称路径（区/街道/社区…）", "name path (district/street/community…)"),
            _LOCATION,
            _p("households", "int?", "户数", "households"),
            _p("population", "int?", "人口", "population"),
        ),
    ),
    NodeSpec(
        Label.ORG,
        "党组织",
        "party organisation",
        "id",
        (
            _ID,
            _NAME,
            _p("kind", "OrgKind", "类型：党工委/党委/党总支/党支部/党小组…", "kind of organisation"),
            _p("brand", "string?", "党建品牌", "party-building brand"),
            _p("secretary", "string?", "书记（个人信息）", "secretary (personal data)"),
        ),
    ),
    NodeSpec(
        Label.UNIT,
        "驻区单位",
        "resident unit",
        "id",
        (
            _ID,
            _NAME,
            _p("uscc", "string?", "统一社会信用代码", "unified social credit code"),
            _p("type", "UnitType", "单位类型", "unit type"),
            _p("address", "string?", "地址", "address"),
            _LOCATION,
            _p("contactName", "string?", "联系人（个人信息）", "contact person (personal data)"),
            _p("contactPhone", "string?", "联系电话（个人信息）", "contact phone (personal data)"),
            *_PROJECT_STATISTICS,
        ),
    ),
    NodeSpec(
        Label.MEMBER,
        "党员",
        "party member",
        "id",
        (
            _ID,
            _p("name", "string", "姓名（个人信息）", "name (personal data)"),
            _p("phone", "string", "手机号（个人信息）", "mobile phone (personal data)"),
            _p("status", "MemberStatus", "身份：在职/退休/流动/新就业群体", "status"),
            _p("roles", "list<MemberRole>", "角色：党员中心户/楼栋长/网格员/志愿者", "roles"),
            _p("skills", "list<category code>", "专长（类别代码）", "skills (category codes)"),
            _p("points", "int", "积分", "participation points"),
            *_PROJECT_STATISTICS,
        ),
    ),
    NodeSpec(
        Label.RESOURCE,
        "资源",
        "resource list entry",
        "id",
        (
            _ID,
            _NAME,
            _p("category", "category code", "资源类别", "category code"),
            _p("quantity", "int", "可提供数量", "quantity offered"),
            _p("unitOfMeasure", "string?", "计量单位", "unit of measure"),
            _p(
                "availability", "list<schedule>", "开放时间（如 mon-fri 18:00-08:00）", "availability windows"
            ),
            _p("conditions", "string?", "使用条件", "conditions of use"),
            _p("serviceType", "ServiceType", "服务类型：公共/社会/志愿服务", "service type"),
            _p("status", "ResourceStatus", "状态：可用/暂停/退出", "status"),
            _p("statusReason", "string?", "暂停/退出原因", "why it was paused, resumed or retired"),
            _p("statusChangedAt", "ISO-8601 string?", "状态变更时间", "when its status last changed"),
            _p(
                "location",
                "point",
                "位置（WGS84；无自有坐标时取提供单位的位置）",
                "location (WGS84; the owning unit's when the list gives none)",
            ),
            _p(
                "cell",
                "string?",
                "空间键：一级类别与0.01°网格（由位置计算，供匹配检索）",
                "spatial key: top-level category and 0.01° grid square (derived from the location, "
                "for matching; graph/spatial.py)",
            ),
            _p(
                "reserved",
                "int?",
                "在办项目占用的数量（闭环维护）",
                "quantity held by live projects (kept by the loop)",
            ),
            _p("address", "string?", "地址", "address"),
            _p("contactName", "string?", "联系人（个人信息）", "contact person (personal data)"),
            _p("contactPhone", "string?", "联系电话（个人信息）", "contact phone (personal data)"),
            _p("note", "string?", "备注", "note"),
        ),
    ),
    NodeSpec(
        Label.DEMAND,
        "需求",
        "demand list entry",
        "id",
        (
            _ID,
            _p("title", "string", "需求内容", "title"),
            _p("category", "category code", "需求类别", "category code"),
            _p("quantity", "int", "数量", "quantity needed"),
            _p("window", "list<schedule>", "需要时间", "time window"),
            _p("urgency", "Urgency", "紧急程度", "urgency"),
            _p("status", "DemandStatus", "状态（闭环）", "loop status"),
            _p("createdAt", "ISO-8601 string", "提出时间", "raised at"),
            _p("deadline", "ISO-8601 string?", "截止日期", "deadline"),
            _p("source", "string?", "来源（群众点单/走访/网格上报…）", "source"),
            _p("contactName", "string?", "联系人（个人信息）", "contact person (personal data)"),
            _p("contactPhone", "string?", "联系电话（个人信息）", "contact phone (personal data)"),
            _p("note", "string?", "备注", "note"),
        ),
    ),
    NodeSpec(
        Label.PROJECT,
        "项目",
        "project list entry",
        "id",
        (
            _ID,
            _p("title", "string", "项目名称", "title"),
            _p("status", "ProjectStatus", "状态", "status"),
            _p("quantity", "int", "使用数量", "quantity used"),
            _p("startedAt", "ISO-8601 string?", "开始时间", "started at"),
            _p("completedAt", "ISO-8601 string?", "完成时间", "completed at"),
            _p("rating", "int? 1-5", "群众评价（1-5星）", "resident rating"),
            _p("feedback", "string?", "评价意见", "feedback"),
        ),
    ),
    NodeSpec(
        Label.CATEGORY,
        "类别",
        "category of the shipped taxonomy",
        "code",
        (
            _p("code", "string", "类别代码（如 parking.offpeak）", "category code"),
            _NAME,
            _p("nameEn", "string", "英文名", "English name"),
            _p("synonyms", "list<string>", "同义词", "synonyms"),
            _p("radiusM", "int", "默认匹配半径（米）", "default matching radius (m)"),
            _p("version", "int", "分类表版本", "taxonomy version"),
        ),
    ),
    NodeSpec(
        Label.EVENT,
        "事件",
        "timeline and audit event",
        "id",
        (
            _ID,
            _p("at", "ISO-8601 string", "时间", "when"),
            _p("actor", "string", "操作人", "who"),
            _p("action", "string", "动作", "action"),
            _p("fromStatus", "string?", "原状态", "status before"),
            _p("toStatus", "string?", "新状态", "status after"),
            _p("note", "string?", "说明", "note"),
            _p(
                "targetId",
                "string?",
                "派单/吹哨对象（单位或党员编号）",
                "unit or member dispatched to or called",
            ),
            _p("quantity", "int?", "预留数量（派单/认领）", "quantity reserved (dispatch/claim)"),
            _p("points", "int?", "积分变动（积分事件）", "points credited (points events)"),
            _p(
                "requestId",
                "string?",
                "幂等键（调用方+clientMutationId）",
                "idempotency key (caller + clientMutationId)",
            ),
            _p(
                "operation",
                "string?",
                "审计：GraphQL 根字段（变更名或查询字段名）",
                "audit: GraphQL root field(s) (the mutation, or the query's fields)",
            ),
            _p("origin", "string?", "审计：客户端地址", "audit: client address"),
            _p(
                "subjects",
                "list<string>?",
                "审计：涉及的对象编号（被变更或被查看个人信息的对象）",
                "audit: ids acted on, or whose personal data was shown",
            ),
            _p(
                "fields",
                "list<string>?",
                "审计：显示的个人信息字段（如 Member.phone）",
                "audit: personal fields shown unmasked (e.g. Member.phone)",
            ),
            _p(
                "outcome",
                "string?",
                "审计：结果（ok / refused:拒绝类型 / error:异常类型）",
                "audit: outcome (ok, refused:ErrorType, error:ExceptionType)",
            ),
            _p("callerRoles", "list<Role>?", "审计：操作人的角色", "audit: the caller's roles"),
        ),
    ),
    NodeSpec(
        Label.ACCOUNT,
        "账号",
        "API principal (account with an API key)",
        "id",
        (
            _p("id", "string", "账号编号（acct-随机）", "account id (acct- + random hex)"),
            _NAME,
            _p("roles", "list<Role>", "角色", "roles"),
            _p(
                "scopes",
                "list<area id>",
                "负责区域（街道协调员：街道；社区工作者：社区/村）",
                "areas in scope (streets for street_coordinator, communities/villages for community_worker)",
            ),
            _p("unitId", "string?", "所联络单位（单位联络员）", "the unit of a unit_liaison"),
            _p(
                "keyPrefix",
                "string",
                "API 密钥前缀（公开，用于查找）",
                "API key prefix (not secret, for lookup)",
            ),
            _p(
                "keyHash",
                "string",
                "API 密钥的 argon2id 哈希（保密，永不返回）",
                "argon2id hash of the key (secret)",
            ),
            _p("status", "AccountStatus", "状态：有效/已吊销", "status"),
            _p("createdAt", "ISO-8601 string", "创建时间", "created at"),
            _p("rotatedAt", "ISO-8601 string?", "最近换发密钥时间", "key last rotated at"),
            _p("revokedAt", "ISO-8601 string?", "吊销时间", "revoked at"),
            _p("expiresAt", "ISO-8601 string?", "到期时间", "expires at"),
            _p(
                "lastUsedAt",
                "ISO-8601 string?",
                "最近使用时间（精确到验证缓存时长）",
                "last used at (accurate to the verification cache's TTL)",
            ),
        ),
    ),
)

_SINCE = _p("since", "ISO date", "开始日期", "since")
_DATE = _p("date", "ISO date", "报到日期", "date reported")

RELATIONSHIPS: tuple[RelSpec, ...] = (
    RelSpec(Rel.WITHIN, (Label.AREA,), Label.AREA, "隶属区域", "territorial hierarchy"),
    RelSpec(Rel.UNDER, (Label.ORG,), Label.ORG, "上级党组织", "organisational hierarchy"),
    RelSpec(Rel.COVERS, (Label.ORG,), Label.AREA, "负责区域（党支部建在网格上）", "responsible for area"),
    RelSpec(Rel.LOCATED_IN, (Label.UNIT,), Label.AREA, "所在区域", "where a unit sits"),
    RelSpec(
        Rel.CO_BUILDS,
        (Label.UNIT,),
        Label.AREA,
        "共建协议",
        "co-construction agreement",
        (
            _SINCE,
            _p("until", "ISO date?", "到期日期", "until"),
            _p("agreementNo", "string?", "协议编号", "agreement number"),
        ),
    ),
    RelSpec(
        Rel.SEATED_ON,
        (Label.UNIT,),
        Label.ORG,
        "大党委成员单位（兼职委员）",
        "seat on an enlarged committee",
        (_p("role", "string?", "职务", "role"), _SINCE),
    ),
    RelSpec(
        Rel.REPORTED_TO,
        (Label.UNIT, Label.MEMBER),
        Label.AREA,
        "双报到",
        "reported to the community",
        (_DATE,),
    ),
    RelSpec(Rel.ORG_OF, (Label.ORG,), Label.UNIT, "单位党组织", "a unit's own party organisation"),
    RelSpec(Rel.BELONGS_TO, (Label.MEMBER,), Label.ORG, "组织关系", "membership"),
    RelSpec(Rel.WORKS_AT, (Label.MEMBER,), Label.UNIT, "工作单位", "employer"),
    RelSpec(Rel.LIVES_IN, (Label.MEMBER,), Label.AREA, "居住地", "home"),
    RelSpec(
        Rel.OFFERS, (Label.UNIT, Label.MEMBER, Label.AREA), Label.RESOURCE, "提供资源", "resource list entry"
    ),
    RelSpec(Rel.IN_CATEGORY, (Label.RESOURCE, Label.DEMAND), Label.CATEGORY, "所属类别", "taxonomy"),
    RelSpec(Rel.BROADER, (Label.CATEGORY,), Label.CATEGORY, "上级类别", "broader category"),
    RelSpec(Rel.RAISED, (Label.AREA,), Label.DEMAND, "提出需求", "demand list entry"),
    RelSpec(Rel.FULFILS, (Label.PROJECT,), Label.DEMAND, "满足需求", "project meets demand"),
    RelSpec(
        Rel.USES,
        (Label.PROJECT,),
        Label.RESOURCE,
        "使用资源",
        "project uses resource",
        (_p("quantity", "int", "使用数量", "quantity reserved"),),
    ),
    RelSpec(Rel.DELIVERS, (Label.UNIT, Label.MEMBER), Label.PROJECT, "承接项目", "delivers the project"),
    RelSpec(Rel.HAS_EVENT, (Label.DEMAND, Label.PROJECT), Label.EVENT, "时间线事件", "timeline"),
    RelSpec(Rel.CREDITS, (Label.EVENT,), Label.MEMBER, "积分记入", "points event credits a member"),
)

#: Properties that hold personal data (PIPL): masked unless the caller may see them, never logged.
PERSONAL_PROPERTIES: dict[Label, frozenset[str]] = {
    Label.MEMBER: frozenset({"name", "phone"}),
    Label.UNIT: frozenset({"contactName", "contactPhone"}),
    Label.ORG: frozenset({"secretary"}),
    Label.RESOURCE: frozenset({"contactName", "contactPhone"}),
    Label.DEMAND: frozenset({"contactName", "contactPhone"}),
}

#: Secrets: never returned by any API or command output, never logged (read only to verify a key).
SECRET_PROPERTIES: dict[Label, frozenset[str]] = {Label.ACCOUNT: frozenset({"keyHash"})}


def node_spec(label: Label) -> NodeSpec:
    return next(spec for spec in NODES if spec.label == label)


#: Written and removed inside one Neo4j transaction to take a node's write lock before a guarded check
#: (Neo4j operations manual, "Concurrent data access"); never stored, never read.
LOCK_PROPERTY = "_lock"


def property_keys() -> set[str]:
    """Every property key of every node and relationship of the model (and the transient lock)."""
    keys = {prop.name for spec in NODES for prop in spec.props} | {LOCK_PROPERTY}
    keys |= {prop.name for spec in RELATIONSHIPS for prop in spec.props}
    return keys
