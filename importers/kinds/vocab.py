"""Chinese terms of the model's enumerations, as people write them in their lists."""

from __future__ import annotations

from gongjian.graph.model import MemberRole, MemberStatus, OrgKind, Rel, ServiceType, UnitType, Urgency

UNIT_TYPES: dict[str, str] = {
    "学校": UnitType.SCHOOL,
    "医院": UnitType.HOSPITAL,
    "机关": UnitType.GOVERNMENT,
    "国企": UnitType.SOE,
    "企业": UnitType.ENTERPRISE,
    "银行": UnitType.BANK,
    "物业": UnitType.PROPERTY,
    "业委会": UnitType.OWNERS_COMMITTEE,
    "社会组织": UnitType.SOCIAL_ORG,
    "商户": UnitType.MERCHANT,
    "其他": UnitType.OTHER,
    # aliases
    "机关单位": UnitType.GOVERNMENT,
    "政府机关": UnitType.GOVERNMENT,
    "事业单位": UnitType.GOVERNMENT,
    "国有企业": UnitType.SOE,
    "央企": UnitType.SOE,
    "民营企业": UnitType.ENTERPRISE,
    "私营企业": UnitType.ENTERPRISE,
    "非公企业": UnitType.ENTERPRISE,
    "物业公司": UnitType.PROPERTY,
    "物业服务企业": UnitType.PROPERTY,
    "业主委员会": UnitType.OWNERS_COMMITTEE,
    "社团": UnitType.SOCIAL_ORG,
    "协会": UnitType.SOCIAL_ORG,
    "个体工商户": UnitType.MERCHANT,
    "商铺": UnitType.MERCHANT,
    "其它": UnitType.OTHER,
}

ORG_KINDS: dict[str, str] = {
    "街道党工委": OrgKind.STREET_COMMITTEE,
    "社区党委": OrgKind.COMMUNITY_COMMITTEE,
    "党总支": OrgKind.GENERAL_BRANCH,
    "党支部": OrgKind.BRANCH,
    "党小组": OrgKind.GROUP,
    "单位党组织": OrgKind.UNIT_ORG,
    "联合党支部": OrgKind.JOINT_BRANCH,
    "行业党委": OrgKind.INDUSTRY_COMMITTEE,
    "兼合式党支部": OrgKind.COMBINED_BRANCH,
    # aliases
    "党工委": OrgKind.STREET_COMMITTEE,
    "大工委": OrgKind.STREET_COMMITTEE,
    "乡镇党委": OrgKind.STREET_COMMITTEE,
    "大党委": OrgKind.COMMUNITY_COMMITTEE,
    "村党委": OrgKind.COMMUNITY_COMMITTEE,
    "村党支部": OrgKind.BRANCH,
    "社区党总支": OrgKind.GENERAL_BRANCH,
    "网格党支部": OrgKind.BRANCH,
    "小区党支部": OrgKind.BRANCH,
    "楼栋党小组": OrgKind.GROUP,
}

MEMBER_STATUSES: dict[str, str] = {
    "在职": MemberStatus.IN_SERVICE,
    "退休": MemberStatus.RETIRED,
    "流动": MemberStatus.MOBILE,
    "新就业群体": MemberStatus.NEW_EMPLOYMENT,
    "在职党员": MemberStatus.IN_SERVICE,
    "退休党员": MemberStatus.RETIRED,
    "流动党员": MemberStatus.MOBILE,
    "新就业": MemberStatus.NEW_EMPLOYMENT,
}

MEMBER_ROLES: dict[str, str] = {
    "党员中心户": MemberRole.CENTRAL_HOUSEHOLD,
    "楼栋长": MemberRole.BUILDING_HEAD,
    "网格员": MemberRole.GRID_WORKER,
    "志愿者": MemberRole.VOLUNTEER,
    "啄木鸟": MemberRole.ISSUE_SPOTTER,
    "单元长": MemberRole.BUILDING_HEAD,
}

SERVICE_TYPES: dict[str, str] = {
    "公共服务": ServiceType.PUBLIC,
    "社会服务": ServiceType.SOCIAL,
    "志愿服务": ServiceType.VOLUNTEER,
    "公益服务": ServiceType.VOLUNTEER,
}

URGENCIES: dict[str, str] = {
    "一般": Urgency.NORMAL,
    "较急": Urgency.HIGH,
    "紧急": Urgency.URGENT,
    "特急": Urgency.URGENT,
    "不急": Urgency.LOW,
    "普通": Urgency.NORMAL,
}

AGREEMENT_TYPES: dict[str, str] = {
    "共建协议": Rel.CO_BUILDS,
    "大党委成员单位": Rel.SEATED_ON,
    "双报到": Rel.REPORTED_TO,
    "结对共建": Rel.CO_BUILDS,
    "共驻共建": Rel.CO_BUILDS,
    "兼职委员": Rel.SEATED_ON,
}
