"""Demo data: a deterministic, realistic co-construction network (``gongjian demo load``).

    with Graph.open() as graph:
        init_schema(graph)
        counts = load_demo(graph, scale="district", seed=0)

Three scales:

- ``tiny``: Qilin district (麒麟区, 曲靖市) with two streets and one town, seven communities and
  villages, about 25 grids and 800 members. For tests and quick looks.
- ``district``: Qilin as seed 003 describes it — 11 streets and 3 towns, 84 communities and 50
  villages, 686 grids, ≈2,100 party organisations, 32,885 members, plus ≈2,000 resident units,
  ≈6,000 resources and ≈3,000 demands with their projects and closed-loop timelines.
- ``city``: the nine county-level divisions of Qujing (曲靖市) with ≈5,000 communities and villages,
  100,000 units, ≈300,000 resources, 1,000,000 members and ≈100,000 demands. Members, buildings and
  timelines are generated and written in streaming batches.

Everything follows design.md §4 and the glossary: territory (district → street/town →
community/village → grid → estate → building, ``WITHIN``), the five-level organisations
(``UNDER``/``COVERS``), units (``LOCATED_IN``, ``CO_BUILDS``, ``SEATED_ON``, ``REPORTED_TO``,
``ORG_OF``), members, resources, demands in every state with an ``Event`` timeline that obeys
``DEMAND_TRANSITIONS``, and projects whose status follows their demand's story.

Determinism: every random choice comes from ``random.Random`` instances seeded from ``seed`` (one per
phase), never the global generator or the clock; timestamps count back from :data:`REFERENCE`. The
same seed gives the same ids, names, properties and counts, whatever the batch size.

Writes: one parameterised ``UNWIND $rows`` statement per ``graph/cypher/demo_*.cypher`` file (the
common Cypher of FalkorDB and Neo4j 5), in batches of ``batch_size`` rows, parents before children. A
background thread sends the batches in order while the next ones are generated; each statement returns
how many rows it wrote, and a row that found no node to attach to is an error, never a silent gap.
Members are split by shape (with or without employer and 双报到) so that every statement is a plain
``MATCH … CREATE``, which FalkorDB runs faster than ``OPTIONAL MATCH`` with ``FOREACH``.

Conventions of the data (useful to whoever queries it):

- Areas have ``code`` down to communities and villages (district 530302, street ``530302001``, town
  ``530302100``, community ``530302001001``, village ``530302100201``); grids, estates and buildings
  have no code and are keyed by their path.
- Units are ``LOCATED_IN`` their community or village; members ``LIVES_IN`` a grid, an estate or a
  community; units co-build with their own community and sometimes a neighbouring one (some of the
  agreements have expired, some run without end date).
- A unit's own organisation (``unit_org``) is ``UNDER`` its community committee for firms, shops,
  property companies and social organisations (属地管理) and ``UNDER`` the street committee for
  agencies, schools, hospitals, banks and state-owned enterprises.
- In-service members belong to their employer's organisation when it has one; retired and mobile
  members to the branch of their grid; new-employment members mostly to a street's joint branch.
- Every demand has a ``raise`` event (``toStatus`` open) and one event per transition; the last
  event's ``toStatus`` is the demand's status. Each dispatch creates a project for the unit or member
  it was sent to: ``proposed`` until accepted, then ``accepted``, ``in_progress``, ``done`` and
  ``closed`` (rated 1–5, with feedback) as the demand moves, ``rejected`` or ``cancelled`` when the
  demand is. Projects that are still open (proposed, accepted, in progress) never use more of a
  resource than it offers.
"""

from __future__ import annotations

import math
import queue
import random
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from itertools import accumulate
from typing import Any, Literal

from .errors import GraphError
from .facade import Graph
from .identity import (
    area_id,
    demand_id,
    event_id,
    member_id,
    normalise_name,
    org_id,
    project_id,
    resource_id,
    unit_id,
    uscc_with_check,
)
from .model import AreaLevel, DemandStatus, OrgKind, ProjectStatus, UnitType
from .schema import init_schema
from .taxonomy import Taxonomy

__all__ = ["QILIN_BOX", "REFERENCE", "SCALES", "DistrictSpec", "Progress", "Scale", "StreetSpec", "load_demo"]

Scale = Literal["tiny", "district", "city"]
Progress = Callable[[str, int, int], None]
Box = tuple[float, float, float, float]  # lat_min, lat_max, lon_min, lon_max
Row = dict[str, Any]

#: Every timestamp of the demo counts back from this moment (China Standard Time).
REFERENCE = datetime(2026, 6, 30, 12, 0, tzinfo=timezone(timedelta(hours=8)))
#: Qilin district (麒麟区, 曲靖市, Yunnan): every coordinate of the tiny and district scales lies inside.
QILIN_BOX: Box = (25.40, 25.60, 103.70, 103.90)
_CITY = "曲靖市"
_MARGIN = 0.002  # keep generated points this far (degrees) inside their district's box


# ============================================================================ scales
def _apportion(total: int, weights: Sequence[float], minimum: int = 0) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder), each share ≥ ``minimum``."""
    if not weights:
        return []
    base = [minimum] * len(weights)
    rest = total - minimum * len(weights)
    if rest <= 0:
        return [total // len(weights) + (1 if i < total % len(weights) else 0) for i in range(len(weights))]
    scale = rest / (sum(weights) or 1)
    exact = [w * scale for w in weights]
    shares = [math.floor(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (shares[i] - exact[i], i))
    for i in order[: rest - sum(shares)]:
        shares[i] += 1
    return [b + s for b, s in zip(base, shares, strict=True)]


@dataclass(frozen=True)
class StreetSpec:
    """A street (街道) or town (镇): centre, and weights for its share of the district's communities
    and villages (the named streets of a scale give exact counts)."""

    name: str
    level: AreaLevel
    lat: float
    lon: float
    communities: float
    villages: float


@dataclass(frozen=True)
class DistrictSpec:
    """One district or county: its box and totals. Named streets first, then generated ones."""

    name: str
    code: str
    box: Box
    communities: int
    villages: int
    grids: int
    members: int
    units: int
    demands: int
    streets: tuple[StreetSpec, ...] = ()
    extra_streets: int = 0
    extra_towns: int = 0


_S, _T = AreaLevel.STREET, AreaLevel.TOWN
_QILIN_STREETS = (
    StreetSpec("南宁街道", _S, 25.497, 103.797, 9, 0),
    StreetSpec("建宁街道", _S, 25.508, 103.812, 9, 0),
    StreetSpec("白石江街道", _S, 25.520, 103.790, 10, 0),
    StreetSpec("寥廓街道", _S, 25.488, 103.781, 9, 0),
    StreetSpec("西城街道", _S, 25.500, 103.765, 8, 0),
    StreetSpec("益宁街道", _S, 25.478, 103.812, 8, 0),
    StreetSpec("潇湘街道", _S, 25.535, 103.825, 9, 3),
    StreetSpec("太和街道", _S, 25.468, 103.792, 6, 2),
    StreetSpec("文华街道", _S, 25.462, 103.762, 6, 4),
    StreetSpec("沿江街道", _S, 25.440, 103.835, 4, 6),
    StreetSpec("珠街街道", _S, 25.556, 103.742, 3, 8),
    StreetSpec("越州镇", _T, 25.420, 103.860, 1, 11),
    StreetSpec("东山镇", _T, 25.445, 103.880, 1, 9),
    StreetSpec("茨营镇", _T, 25.580, 103.870, 1, 7),
)

_TINY = (
    DistrictSpec(
        "麒麟区",
        "530302",
        QILIN_BOX,
        communities=5,
        villages=2,
        grids=24,
        members=800,
        units=90,
        demands=180,
        streets=(
            StreetSpec("南宁街道", _S, 25.497, 103.797, 2, 0),
            StreetSpec("建宁街道", _S, 25.508, 103.812, 2, 0),
            StreetSpec("越州镇", _T, 25.420, 103.860, 1, 2),
        ),
    ),
)

# Seed 003: 3 towns and 11 streets, 84 communities and 50 villages, 686 grids, 32,885 members.
_DISTRICT = (
    DistrictSpec(
        "麒麟区",
        "530302",
        QILIN_BOX,
        communities=84,
        villages=50,
        grids=686,
        members=32_885,
        units=2_000,
        demands=3_000,
        streets=_QILIN_STREETS,
    ),
)

# The county-level divisions of Qujing: name, code, box, weight, share of villages, urban district?
_QUJING: tuple[tuple[str, str, Box, float, float, bool], ...] = (
    ("麒麟区", "530302", QILIN_BOX, 1.7, 0.30, True),
    ("沾益区", "530303", (25.62, 25.82, 103.72, 103.92), 1.0, 0.50, True),
    ("马龙区", "530304", (25.33, 25.50, 103.46, 103.66), 0.6, 0.55, True),
    ("陆良县", "530322", (24.95, 25.12, 103.58, 103.76), 1.0, 0.60, False),
    ("师宗县", "530323", (24.74, 24.90, 103.92, 104.08), 0.7, 0.62, False),
    ("罗平县", "530324", (24.80, 24.96, 104.22, 104.38), 0.9, 0.62, False),
    ("富源县", "530325", (25.58, 25.74, 104.18, 104.34), 0.9, 0.62, False),
    ("会泽县", "530326", (26.33, 26.49, 103.22, 103.38), 1.2, 0.66, False),
    ("宣威市", "530381", (26.14, 26.30, 104.02, 104.18), 1.4, 0.64, False),
)


def _city_specs() -> tuple[DistrictSpec, ...]:
    weights = [w for *_, w, _, _ in _QUJING]
    areas = _apportion(5_000, weights)
    grids = _apportion(25_000, weights)
    members = _apportion(1_000_000, weights)
    units = _apportion(100_000, weights)
    demands = _apportion(100_000, weights)
    specs = []
    for i, (name, code, box, _w, village_share, urban) in enumerate(_QUJING):
        villages = round(areas[i] * village_share)
        subdivisions = max(2, round(areas[i] / 12))
        named = _QILIN_STREETS if name == "麒麟区" else ()
        towns = max(1, round(subdivisions * (0.25 if urban else 0.7)))
        extra = max(0, subdivisions - len(named))
        extra_towns = 0 if named else min(towns, extra - 1)
        specs.append(
            DistrictSpec(
                name,
                code,
                box,
                communities=areas[i] - villages,
                villages=villages,
                grids=grids[i],
                members=members[i],
                units=units[i],
                demands=demands[i],
                streets=named,
                extra_streets=extra - extra_towns,
                extra_towns=extra_towns,
            )
        )
    return tuple(specs)


SCALES: dict[str, tuple[DistrictSpec, ...]] = {
    "tiny": _TINY,
    "district": _DISTRICT,
    "city": _city_specs(),
}


# ============================================================================ vocabulary
def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_SURNAME_CUM = list(accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(_SURNAMES))))  # Zipf-like
_GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚辉玲华飞桂红建国文斌宇浩凯鹏俊帆琳欣婷雪梅兰云波志海林峰"
    "鑫宁瑞佳慧晨阳凤春兴荣德贵富成昌翠琼莲琴永忠燕萍丹玉思雨子涵梓轩诗琪嘉怡晓光跃福顺祥"
)
_PHONE_PREFIXES = _words(
    "130 131 132 133 135 136 137 138 139 150 151 152 153 155 157 158 159 166 173 175 176 177 178 "
    "180 181 182 183 185 186 187 188 189 191 193 195 198 199"
)
_PLACE_1 = (
    "南北东西中新翠紫金银玉龙凤朝阳春和安康宁兴华文明瑞祥福泰丰"
    "江湖山石桥花锦胜珠益建白沙黄青红云松柏梅兰竹桂清德仁永长太顺宝"
)
_PLACE_2 = "关门城峰园林湖江山坡街桥湾塘坝庄河溪泉岭源亭台苑府港洲滨坪"
_VILLAGE_2 = "营堡屯寨庄冲坝哨铺沟箐塘坡湾邑旗田村"
_ESTATE_1 = _words(
    "阳光 锦绣 书香 金色 碧水 紫云 翠峰 凤凰 麒麟 南城 东方 世纪 幸福 和谐 康乐 华府 滨江 盛世 馨园 雅居 "
    "龙泉 春城 丽景 温馨 怡景 御景 兴隆 富康 安居 文昌 玉林 银河 星河 万象 锦江 翡翠 紫薇 桂花 南苑 北苑 "
    "珠江源 瑞和 清华 金桂 兰亭 玉龙 云岭 天悦 润城 水岸"
)
_ESTATE_2 = _words("小区 花园 苑 家园 新村 雅苑 佳园 公寓 名城 府")
_QILIN_ROADS = _words(
    "麒麟南路 麒麟北路 麒麟东路 麒麟西路 寥廓南路 寥廓北路 南宁西路 南宁东路 建宁西路 建宁东路 珠江源大道 "
    "紫云路 胜峰路 翠峰路 文昌街 太和路 白石江路 官坡路 潇湘路 龙潭路 三江大道 西城街 北京路 南片区大道"
)
_ROAD_SUFFIX = _words("路 街 巷 大道 东路 西路 南路 北路")
_BRANDS = _words(
    "鑫源 宏达 恒通 瑞丰 华盛 金诚 正和 德润 麒盛 滇东 振兴 兴业 永安 天润 嘉禾 锦程 博远 宏图 万通 顺达 "
    "众邦 汇通 泰和 隆盛 康达 凯越 腾飞 东方 益民 安泰 昌盛 华宇 聚源 润达 云帆 佳和 诚信 百福 惠民 合力"
)
_INDUSTRIES = _words(
    "商贸 建筑工程 科技 食品 物流 汽车销售服务 房地产开发 餐饮管理 文化传媒 农业开发 医药 建材 家政服务 "
    "信息技术 快递服务 电子商务 环保科技 广告 装饰工程 旅游开发 教育咨询 人力资源服务"
)
_BANKS = _words(
    "中国工商银行 中国农业银行 中国银行 中国建设银行 交通银行 中国邮政储蓄银行 曲靖市商业银行 云南红塔银行"
)
_FOODS = _words("小锅米线 过桥米线 蒸饵丝 烧豆腐 羊肉馆 牛肉馆 面馆 饺子馆 烧烤 汽锅鸡 家常菜")
_SHOPS = _words("便民超市 五金店 水果店 大药房 理发店 干洗店 便利店 家电维修部 粮油店 母婴店 眼镜店 书店")
_AGENCIES = _words(
    "民政局 人力资源和社会保障局 司法局 卫生健康局 城市管理综合执法局 市场监督管理局 住房和城乡建设局 "
    "教育体育局 自然资源局 退役军人事务局 应急管理局 文化和旅游局 医疗保障局 财政局 统计局 农业农村局 "
    "交通运输局 水务局 人民法院 人民检察院 总工会 妇女联合会 残疾人联合会 红十字会 科学技术协会 档案馆 "
    "图书馆 文化馆 融媒体中心 信访局"
)
_STREET_OFFICES = _words(
    "派出所 司法所 市场监督管理所 财政所 便民服务中心 综合文化站 退役军人服务站 社会保障服务中心 "
    "城市管理中队 自然资源所 税务分局"
)
_SOCIAL_DISTRICT = _words(
    "志愿者协会 老年人协会 书法家协会 摄影家协会 慈善总会 个体劳动者协会 青年志愿者协会 作家协会"
)
_ORDINALS = "一二三四五六七八九十"
_SOURCES = (
    "群众点单",
    "网格员上报",
    "入户走访",
    "12345热线转办",
    "居民议事会",
    "党员中心户反映",
    "“啄木鸟”随手拍",
)
_FESTIVALS = _words("春节 元宵节 端午节 中秋节 重阳节 国庆节 七一建党节")
_ACTIVITIES = _words(
    "重阳节文艺汇演 主题党日活动 居民议事会 暑期托管班 老年大学课程 广场舞培训 消防演练 健康讲座 "
    "邻里节 道德讲堂 亲子阅读会 书法培训班"
)
_BRAND_PREFIX = _words("红色 初心 暖心 连心 和美 幸福 同心 聚力")
_BRAND_SUFFIX = _words("先锋 红 家园 e家 驿站 邻里 之家")

# Unit types: shares (most shops and firms, then property, schools, agencies, banks, hospitals…).
_UNIT_TYPES: tuple[tuple[UnitType, float], ...] = (
    (UnitType.MERCHANT, 32), (UnitType.ENTERPRISE, 26), (UnitType.PROPERTY, 9), (UnitType.SCHOOL, 7),
    (UnitType.GOVERNMENT, 6), (UnitType.BANK, 5), (UnitType.HOSPITAL, 4), (UnitType.SOE, 4),
    (UnitType.SOCIAL_ORG, 3), (UnitType.OWNERS_COMMITTEE, 3), (UnitType.OTHER, 1),
)  # fmt: skip
# Per type: has a party organisation, co-builds, sits on the committee, resources (mean), staff weight.
_UNIT_TRAITS: dict[UnitType, tuple[float, float, float, float, float]] = {
    UnitType.GOVERNMENT: (1.00, 0.85, 0.70, 3.5, 30),
    UnitType.SCHOOL: (0.95, 0.85, 0.60, 3.7, 40),
    UnitType.HOSPITAL: (0.95, 0.80, 0.70, 4.1, 50),
    UnitType.BANK: (0.90, 0.75, 0.50, 2.8, 15),
    UnitType.SOE: (1.00, 0.85, 0.80, 3.7, 40),
    UnitType.PROPERTY: (0.60, 0.80, 0.60, 3.2, 8),
    UnitType.ENTERPRISE: (0.25, 0.30, 0.25, 2.4, 6),
    UnitType.MERCHANT: (0.04, 0.12, 0.10, 1.9, 2),
    UnitType.SOCIAL_ORG: (0.35, 0.60, 0.30, 3.2, 4),
    UnitType.OWNERS_COMMITTEE: (0.15, 0.70, 0.10, 1.3, 3),
    UnitType.OTHER: (0.20, 0.30, 0.10, 2.2, 5),
}
# Registration authority + kind (first two characters of the unified social credit code).
_USCC_KIND: dict[UnitType, str] = {
    UnitType.GOVERNMENT: "11", UnitType.SCHOOL: "12", UnitType.HOSPITAL: "12", UnitType.BANK: "91",
    UnitType.SOE: "91", UnitType.PROPERTY: "91", UnitType.ENTERPRISE: "91", UnitType.MERCHANT: "92",
    UnitType.SOCIAL_ORG: "52", UnitType.OTHER: "12",
}  # fmt: skip
_PUBLIC_TYPES = frozenset(
    {UnitType.GOVERNMENT, UnitType.SCHOOL, UnitType.HOSPITAL, UnitType.BANK, UnitType.SOE}
)

# What each kind of owner offers: category code (or "top.*" for any child of top) and weight.
_OFFER_PROFILES: dict[str, tuple[tuple[str, float], ...]] = {
    UnitType.GOVERNMENT: (("parking.offpeak", 5), ("venue.meeting", 4), ("venue.hall", 2),
                          ("legal.consult", 2), ("safety.*", 2), ("employment.*", 1), ("funding.project", 1),
                          ("affairs.*", 1)),
    UnitType.SCHOOL: (("parking.offpeak", 4), ("venue.sports", 5), ("venue.hall", 2), ("education.*", 4),
                      ("childcare.*", 2), ("culture.*", 1)),
    UnitType.HOSPITAL: (("medical.clinic", 5), ("medical.*", 6), ("parking.offpeak", 1), ("venue.meeting", 1),
                        ("psych.*", 1)),
    UnitType.BANK: (("safety.antifraud", 4), ("finance.*", 2), ("venue.meeting", 2), ("funding.*", 2),
                    ("parking.offpeak", 2)),
    UnitType.SOE: (("parking.offpeak", 3), ("funding.sponsor", 2), ("volunteer.*", 3), ("safety.*", 2),
                   ("employment.jobs", 2), ("venue.meeting", 1)),
    UnitType.PROPERTY: (("property.repair", 5), ("property.*", 3), ("parking.*", 3), ("environment.*", 2),
                        ("venue.hall", 1)),
    UnitType.ENTERPRISE: (("funding.*", 2), ("employment.*", 3), ("goods.*", 3), ("volunteer.*", 2),
                          ("parking.offpeak", 1), ("parking.shared", 1)),
    UnitType.MERCHANT: (("goods.*", 3), ("meals.*", 3), ("volunteer.haircut", 2), ("volunteer.fixit", 1),
                        ("parking.shared", 1)),
    UnitType.SOCIAL_ORG: (("volunteer.*", 3), ("elderly.*", 3), ("culture.*", 2), ("childcare.*", 2),
                          ("psych.*", 1), ("legal.*", 1), ("aid.*", 1)),
    UnitType.OWNERS_COMMITTEE: (("venue.meeting", 1), ("volunteer.*", 2), ("environment.*", 1)),
    UnitType.OTHER: (("venue.*", 2), ("goods.*", 1), ("parking.*", 1), ("culture.*", 1)),
    "area": (("venue.hall", 5), ("venue.meeting", 3), ("venue.reading", 3), ("venue.station", 3),
             ("elderly.daycare", 2), ("meals.elderly", 2), ("culture.troupe", 2), ("venue.sports", 1),
             ("legal.consult", 1)),
}  # fmt: skip
_SKILL_TOPS = ("medical", "legal", "education", "culture", "volunteer", "elderly", "property", "safety",
               "employment", "childcare", "psych", "environment", "finance")  # fmt: skip
# Demand shares by top-level category.
_DEMAND_TOPS: tuple[tuple[str, float], ...] = (
    ("parking", 14), ("venue", 12), ("medical", 9), ("elderly", 9), ("property", 9), ("legal", 6),
    ("education", 6), ("culture", 6), ("volunteer", 6), ("safety", 5), ("meals", 5), ("goods", 4),
    ("employment", 3), ("funding", 3), ("childcare", 3), ("environment", 3), ("psych", 1),
)  # fmt: skip

# Units of measure, resource quantities and demand quantities: by code, else by top-level code.
_UOM: dict[str, str] = {
    "parking": "个", "venue": "小时", "venue.outdoor": "平方米", "medical": "次", "legal": "小时",
    "education": "小时", "elderly": "次", "meals": "次", "culture": "次", "volunteer": "小时",
    "funding": "元", "goods": "个", "employment": "个", "employment.training": "次", "safety": "次",
    "property": "次", "childcare": "小时", "environment": "次", "psych": "小时",
}  # fmt: skip
_OFFER_QTY: dict[str, tuple[int, int]] = {
    "parking": (10, 150), "venue": (16, 120), "venue.outdoor": (200, 3000), "medical": (2, 12),
    "legal": (8, 40), "education": (10, 80), "elderly": (8, 60), "meals": (100, 900), "culture": (2, 12),
    "volunteer": (10, 100), "funding": (2_000, 50_000), "goods": (20, 500), "employment": (2, 30),
    "safety": (2, 12), "property": (4, 40), "childcare": (10, 80), "environment": (2, 12), "psych": (4, 30),
}  # fmt: skip
_NEED_QTY: dict[str, tuple[int, int]] = {
    "parking": (5, 40), "venue": (2, 12), "venue.outdoor": (100, 600), "medical": (1, 3), "legal": (2, 10),
    "education": (4, 30), "elderly": (2, 20), "meals": (20, 200), "culture": (1, 3), "volunteer": (4, 30),
    "funding": (1_000, 20_000), "goods": (10, 200), "employment": (1, 10), "safety": (1, 4),
    "property": (1, 5), "childcare": (4, 30), "environment": (1, 4), "psych": (2, 10),
}  # fmt: skip
_OVERNIGHT = (
    ("mon-fri 18:00-08:00", "sat,sun 00:00-24:00"),
    ("mon-fri 18:30-07:30",),
    ("daily 19:00-07:00",),
    ("workday 18:00-08:00", "holiday 00:00-24:00"),
    ("mon-fri 17:30-08:30", "sat,sun 00:00-24:00"),
)
_ALL_DAY = (("daily 00:00-24:00",), ("daily 07:00-22:00",))
_OFFICE = (
    ("mon-fri 09:00-17:00",), ("sat,sun 09:00-17:00",), ("daily 09:00-21:00",),
    ("mon-fri 19:00-21:00", "sat,sun 09:00-18:00"), ("daily 09:00-17:00",),
)  # fmt: skip
_SERVICE = (("daily 09:00-17:00",), ("sat,sun 09:00-12:00",), ("mon-fri 14:00-17:30",), ("sat 09:00-12:00",),
            ("wed 14:30-17:30",))  # fmt: skip
_VOLUNTEER_HOURS = (("sat,sun 09:00-12:00",), ("sat 14:00-17:00",), ("mon-fri 19:00-21:00",),
                    ("daily 09:00-11:00",), ("sun 09:00-17:00",))  # fmt: skip
_CONDITIONS: dict[str, tuple[str | None, ...]] = {
    "parking.offpeak": (
        "限本社区登记车辆，次日8:00前驶离", "凭社区停车证进入，工作日早8点前驶离", "需提前在社区登记车牌号",
    ),
    "parking": ("需提前登记车牌号", None, "按物业规定收取停车费"),
    "venue": ("需提前3天预约", "公益活动免费，需签订使用协议", "爱护设施，用后恢复原状", None),
    "medical": ("需提前一周联系", "每月一次，由社区组织", None),
    "funding": ("专款专用，项目结束后提交使用报告",),
    "goods": ("凭社区证明领取", None),
}  # fmt: skip
_DEFAULT_CONDITIONS: tuple[str | None, ...] = (None, "需提前预约", "公益性质，免费提供")
_RESOURCE_NAMES: dict[str, tuple[str, ...]] = {
    "parking.offpeak": ("错时停车位", "停车场错时开放", "地面停车场夜间错时停车", "地下车库错时停车位"),
    "parking.shared": ("共享停车位", "门前共享车位"),
    "venue.hall": ("多功能厅", "报告厅", "礼堂", "党群服务中心多功能厅"),
    "venue.meeting": ("会议室", "党员活动室", "议事厅"),
    "venue.sports": ("运动场", "篮球场", "操场", "健身广场"),
    "venue.reading": ("图书室", "农家书屋", "阅览室"),
    "venue.station": ("红色驿站", "小哥驿站", "爱心驿站"),
    "medical.clinic": ("义诊服务", "健康义诊进社区"),
    "legal.consult": ("法律咨询服务", "公益法律咨询"),
    "property.repair": ("公共设施维修", "便民维修服务"),
    "safety.antifraud": ("防诈骗宣传", "反诈知识讲座"),
    "elderly.daycare": ("日间照料中心",),
    "meals.elderly": ("长者食堂", "老年助餐点"),
    "culture.troupe": ("社区文艺队", "花灯队"),
}  # fmt: skip
# Demand titles by category code ({estate}, {place}, {n}, {month}, {activity}, {festival}, {building},
# {category}); a code without its own titles uses the generic ones with its Chinese name.
_NEED_TITLES: dict[str, tuple[str, ...]] = {
    "parking": ("{estate}停车位紧张，需协调停车位{n}个",),
    "parking.offpeak": ("{estate}夜间停车难，申请错时停车位{n}个", "{estate}周边错时停车需求"),
    "parking.shared": ("{estate}周边共享停车位{n}个",),
    "parking.charging": ("{estate}电动汽车充电桩需求",),
    "parking.ebike": ("{estate}电动自行车集中停放充电点建设",),
    "parking.temporary": ("{activity}期间临时停车位{n}个",),
    "venue": ("{activity}借用活动场地",),
    "venue.hall": ("{activity}借用多功能厅", "{month}{activity}场地"),
    "venue.meeting": ("{estate}居民议事会借用会议室", "{month}主题党日活动借用会议室"),
    "venue.sports": ("{month}社区运动会借用运动场", "青少年篮球赛场地"),
    "venue.outdoor": ("{festival}便民集市场地{n}平方米",),
    "medical.clinic": ("{place}老年人健康义诊",),
    "medical.checkup": ("{estate}老年人免费体检",),
    "medical.family": ("{estate}家庭医生签约服务",),
    "medical.lecture": ("{month}健康知识讲座",),
    "medical.firstaid": ("居民应急救护培训",),
    "medical.rehab": ("{estate}慢病患者康复指导",),
    "legal.consult": ("{estate}物业纠纷法律咨询",),
    "legal.aid": ("困难群众法律援助",),
    "legal.education": ("{month}普法宣传进小区",),
    "education.tutoring": ("暑期青少年课业辅导",),
    "education.digital": ("老年人智能手机使用培训",),
    "education.science": ("{month}科普进社区活动",),
    "education.party": ("{month}主题党课宣讲",),
    "elderly.visit": ("{estate}独居老人定期探访",),
    "elderly.care": ("高龄老人助浴服务",),
    "elderly.daycare": ("失能老人日间照料",),
    "elderly.aging": ("{estate}适老化改造",),
    "meals.elderly": ("{place}老年助餐点供餐",),
    "meals.delivery": ("{estate}独居老人送餐上门",),
    "meals.charity": ("{festival}困难群众爱心餐",),
    "culture.performance": ("{festival}文艺演出支持",),
    "culture.reading": ("{month}社区读书会",),
    "culture.festival": ("{festival}邻里节活动",),
    "culture.troupe": ("广场舞队服装与音响",),
    "volunteer.haircut": ("{estate}义务理发进小区",),
    "volunteer.fixit": ("{estate}家电义务维修活动",),
    "volunteer.civility": ("{estate}文明劝导志愿者招募",),
    "funding.project": ("{estate}老旧小区改造资金",),
    "funding.donation": ("{festival}困难党员慰问资金",),
    "funding.scholarship": ("困难学生助学金",),
    "funding.sponsor": ("{festival}社区活动赞助",),
    "goods.emergency": ("防汛应急物资储备",),
    "goods.daily": ("{festival}困难家庭慰问物资",),
    "goods.equipment": ("{estate}消防器材配置",),
    "employment.jobs": ("辖区失业人员就业岗位推荐",),
    "employment.training": ("{month}职业技能培训",),
    "safety.mediation": ("{estate}邻里纠纷调解",),
    "safety.patrol": ("{estate}夜间治安巡逻",),
    "safety.fire": ("{month}消防安全检查",),
    "safety.antifraud": ("老年人防诈骗宣传",),
    "property.repair": ("{estate}{building}屋面漏水维修", "{estate}路灯损坏维修"),
    "property.elevator": ("{estate}加装电梯协调",),
    "environment.cleanup": ("{estate}卫生死角清理",),
    "environment.waste": ("{estate}垃圾分类宣传",),
    "environment.greening": ("{estate}绿化补植",),
    "childcare.afterschool": ("暑期“四点半课堂”",),
    "childcare.holiday": ("{estate}儿童假期托管",),
    "psych.counseling": ("{place}青少年心理疏导",),
}  # fmt: skip
_GENERIC_TITLES = ("{estate}{category}需求", "{place}居民{category}服务", "{month}{category}活动")
_FEEDBACK = {
    5: (
        "服务很及时，非常满意",
        "解决了大问题，感谢共建单位",
        "党员志愿者热情周到",
        "效果很好，希望常态化开展",
    ),
    4: ("总体满意，希望常态化开展", "效果不错，时间可再灵活些", "服务到位，沟通可再加强"),
    3: ("基本解决，还有改进空间", "服务一般，等待时间较长"),
    2: ("响应较慢，效果一般",),
    1: ("问题未根本解决",),
}
_REJECT_NOTES = ("资源已满，无法承接", "时间冲突，建议改派", "超出服务范围")
_CANCEL_NOTES = ("居民已自行解决", "需求重复，合并处理", "情况变化，需求撤销")

# Demand states: shares, and the paths (transitions after the raise) that end in them.
_D = DemandStatus
_STATUS_SHARES: tuple[tuple[DemandStatus, float], ...] = (
    (_D.OPEN, 12), (_D.DISPATCHED, 7), (_D.ACCEPTED, 6), (_D.IN_PROGRESS, 9), (_D.DONE, 8),
    (_D.CLOSED, 43), (_D.REJECTED, 4), (_D.CANCELLED, 6), (_D.ESCALATED, 5),
)  # fmt: skip
_TO_DONE = (_D.DISPATCHED, _D.ACCEPTED, _D.IN_PROGRESS, _D.DONE)
_REDISPATCH = (_D.DISPATCHED, _D.REJECTED, _D.DISPATCHED)
_WHISTLE = (_D.ESCALATED, _D.DISPATCHED)
_PATHS: dict[DemandStatus, tuple[tuple[float, tuple[DemandStatus, ...]], ...]] = {
    _D.OPEN: ((1, ()),),
    _D.DISPATCHED: ((8, (_D.DISPATCHED,)), (1, _REDISPATCH), (1, _WHISTLE)),
    _D.ACCEPTED: ((8, _TO_DONE[:2]), (1, (*_REDISPATCH, _D.ACCEPTED))),
    _D.IN_PROGRESS: ((8, _TO_DONE[:3]), (1, (*_REDISPATCH, *_TO_DONE[1:3])),
                     (1, (*_WHISTLE, *_TO_DONE[1:3]))),
    _D.DONE: ((8, _TO_DONE), (1, (*_REDISPATCH, *_TO_DONE[1:]))),
    _D.CLOSED: ((16, (*_TO_DONE, _D.CLOSED)), (2, (*_REDISPATCH, *_TO_DONE[1:], _D.CLOSED)),
                (1, (*_WHISTLE, *_TO_DONE[1:], _D.CLOSED))),
    _D.REJECTED: ((1, (_D.DISPATCHED, _D.REJECTED)),),
    _D.CANCELLED: ((3, (_D.CANCELLED,)), (2, (_D.DISPATCHED, _D.CANCELLED)),
                   (1, (*_TO_DONE[:2], _D.CANCELLED))),
    _D.ESCALATED: ((3, (_D.ESCALATED,)), (1, (*_TO_DONE[:3], _D.ESCALATED))),
}  # fmt: skip
_ACTIONS: dict[DemandStatus, str] = {
    _D.DISPATCHED: "dispatch", _D.ACCEPTED: "accept", _D.REJECTED: "reject", _D.IN_PROGRESS: "start",
    _D.DONE: "complete", _D.CLOSED: "close", _D.CANCELLED: "cancel", _D.ESCALATED: "escalate",
}  # fmt: skip
# Hours a transition takes (min, max).
_HOURS: dict[DemandStatus, tuple[float, float]] = {
    _D.DISPATCHED: (1, 72), _D.ACCEPTED: (1, 96), _D.REJECTED: (2, 72), _D.IN_PROGRESS: (12, 240),
    _D.DONE: (24, 720), _D.CLOSED: (24, 336), _D.CANCELLED: (1, 240), _D.ESCALATED: (24, 480),
}  # fmt: skip
_PROJECT_AFTER: dict[DemandStatus, ProjectStatus] = {
    _D.DISPATCHED: ProjectStatus.PROPOSED, _D.ACCEPTED: ProjectStatus.ACCEPTED,
    _D.REJECTED: ProjectStatus.REJECTED, _D.IN_PROGRESS: ProjectStatus.IN_PROGRESS,
    _D.DONE: ProjectStatus.DONE, _D.CLOSED: ProjectStatus.CLOSED, _D.CANCELLED: ProjectStatus.CANCELLED,
}  # fmt: skip
# Members: status shares in villages and in towns (cumulative), how many skills they list.
_MEMBER_STATUSES = ("in_service", "retired", "mobile", "new_employment")
_VILLAGE_SHARES = (25, 70, 92, 100)
_TOWN_SHARES = (46, 84, 90, 100)
_SKILLS = (40, 75, 93, 100)
_OPEN_PROJECTS = frozenset({ProjectStatus.PROPOSED, ProjectStatus.ACCEPTED, ProjectStatus.IN_PROGRESS})


# ============================================================================ small helpers
def _permute(i: int, key: int, half: int = 10_000) -> int:
    """A keyed bijection on ``[0, half²)`` (four Feistel rounds): unique, scattered numbers."""
    left, right = divmod(i, half)
    for rnd in range(4):
        mixed = (right * 0x9E3779B1 + key * 0x85EBCA6B + rnd * 0xC2B2AE35) & 0xFFFFFFFF
        left, right = right, (left + (mixed ^ (mixed >> 13))) % half
    return left * half + right


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _day(moment: datetime | date) -> str:
    return moment.strftime("%Y-%m-%d")


def _ago(rng: random.Random, min_days: float, max_days: float) -> datetime:
    """A whole minute between ``max_days`` and ``min_days`` before :data:`REFERENCE`."""
    return REFERENCE - timedelta(minutes=rng.randint(int(min_days * 1440), int(max_days * 1440)))


def _daytime(moment: datetime) -> datetime:
    """People work by day: a moment between 22:00 and 07:00 moves on to the next 08:xx."""
    if moment.hour >= 22:
        moment += timedelta(days=1)
    if moment.hour >= 22 or moment.hour < 7:
        moment = moment.replace(hour=8)
    return moment


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _cn_number(n: int) -> str:
    if n <= 10:
        return _ORDINALS[n - 1]
    tens, ones = divmod(n, 10)
    return f"{'' if tens == 1 else _ORDINALS[tens - 1]}十{_ORDINALS[ones - 1] if ones else ''}"


def _person(rng: random.Random) -> str:
    surname = rng.choices(_SURNAMES, cum_weights=_SURNAME_CUM)[0]
    given = rng.choice(_GIVEN) + (rng.choice(_GIVEN) if rng.random() < 0.65 else "")
    return surname + given


def _org_code(body: str) -> str:
    """A nine-character organisation code: eight characters and the GB 11714 check character."""
    total = sum(int(ch, 36) * w for ch, w in zip(body, (3, 7, 9, 10, 5, 8, 4, 2), strict=True))
    check = 11 - total % 11
    return body + ("0" if check == 11 else "X" if check == 10 else str(check))


def _top(code: str) -> str:
    return code.split(".", 1)[0]


def _by_code(table: dict[str, Any], code: str, default: Any = None) -> Any:
    """The entry for ``code``, else for its top-level category, else ``default``."""
    return table.get(code, table.get(_top(code), default))


@dataclass(slots=True)
class _Place:
    """An area as written: the node's properties and its parent."""

    id: str
    name: str
    level: str
    path: str
    lat: float
    lon: float
    code: str | None = None
    households: int = 0
    population: int = 0
    parent_id: str | None = None

    def row(self) -> Row:
        return {
            "id": self.id, "name": self.name, "level": self.level, "code": self.code, "path": self.path,
            "location": {"latitude": round(self.lat, 6), "longitude": round(self.lon, 6)},
            "households": self.households, "population": self.population, "parentId": self.parent_id,
        }  # fmt: skip

    @property
    def location(self) -> dict[str, float]:
        return {"latitude": round(self.lat, 6), "longitude": round(self.lon, 6)}


@dataclass(slots=True)
class _District:
    place: _Place
    spec: DistrictSpec
    short: str
    streets: list[int] = field(default_factory=list)
    used_names: set[str] = field(default_factory=set)  # communities, villages, district-wide units


@dataclass(slots=True)
class _Street:
    place: _Place
    district: int
    short: str
    communities: list[int] = field(default_factory=list)
    committee_id: str = ""
    committee_name: str = ""
    joint_id: str | None = None
    unit_names: set[str] = field(default_factory=set)
    agreements: Counter[int] = field(default_factory=Counter)


@dataclass(slots=True)
class _Community:
    place: _Place
    street: int
    short: str
    village: bool
    grids: list[int] = field(default_factory=list)
    estates: list[int] = field(default_factory=list)
    committee_id: str = ""
    committee_name: str = ""
    units: list[int] = field(default_factory=list)
    partners: list[int] = field(default_factory=list)  # units co-building with it
    demands: int = 0


@dataclass(slots=True)
class _Grid:
    place: _Place
    community: int
    number: int
    estates: list[int] = field(default_factory=list)
    members: int = 0
    branch_id: str = ""


@dataclass(slots=True)
class _Estate:
    place: _Place
    grid: int
    community: int
    buildings: int


@dataclass(slots=True)
class _Unit:
    id: str
    name: str
    type: UnitType
    community: int
    lat: float
    lon: float
    uscc: str | None
    address: str
    contact: str
    phone: str
    offers: tuple[str, ...]
    org_id: str | None = None
    org_name: str | None = None


@dataclass(slots=True)
class _Res:
    """What matching needs to know about a resource."""

    id: str
    category: str
    owner_id: str
    owner_kind: str  # unit, member
    owner_name: str
    community: int
    remaining: int
    active: bool


@dataclass(frozen=True)
class _Statement:
    """A demo_*.cypher statement: what one row creates and the optional parts it reports."""

    step: str
    creates: dict[str, int]
    optional: dict[str, tuple[str, str]] = field(default_factory=dict)  # column -> (row key, rel type)


_MEMBER = {"Member": 1, "BELONGS_TO": 1, "LIVES_IN": 1}
_RESOURCE = {"Resource": 1, "OFFERS": 1, "IN_CATEGORY": 1}
_PROJECT = {"Project": 1, "FULFILS": 1, "DELIVERS": 1}
_STATEMENTS: dict[str, _Statement] = {
    "demo_districts": _Statement("areas", {"Area": 1}),
    "demo_areas": _Statement("areas", {"Area": 1, "WITHIN": 1}),
    "demo_orgs": _Statement("orgs", {"Org": 1, "COVERS": 1}, {"linked": ("parentId", "UNDER")}),
    "demo_units": _Statement("units", {"Unit": 1, "LOCATED_IN": 1}),
    "demo_unit_orgs": _Statement("unit orgs", {"Org": 1, "ORG_OF": 1, "UNDER": 1}),
    "demo_co_builds": _Statement("co-building agreements", {"CO_BUILDS": 1}),
    "demo_seated_on": _Statement("committee seats", {"SEATED_ON": 1}),
    "demo_unit_reports": _Statement("unit reports", {"REPORTED_TO": 1}),
    "demo_members": _Statement("members", _MEMBER),
    "demo_members_working": _Statement("members", {**_MEMBER, "WORKS_AT": 1}),
    "demo_members_reported": _Statement("members", {**_MEMBER, "WORKS_AT": 1, "REPORTED_TO": 1}),
    "demo_resources_unit": _Statement("resources", _RESOURCE),
    "demo_resources_member": _Statement("resources", _RESOURCE),
    "demo_resources_area": _Statement("resources", _RESOURCE),
    "demo_demands": _Statement("demands", {"Demand": 1, "RAISED": 1, "IN_CATEGORY": 1}),
    "demo_events": _Statement("events", {"Event": 1, "HAS_EVENT": 1}),
    "demo_projects_unit": _Statement("projects", _PROJECT, {"used": ("resourceId", "USES")}),
    "demo_projects_member": _Statement("projects", _PROJECT, {"used": ("resourceId", "USES")}),
}


# ============================================================================ writing
class _Writer:
    """Buffers rows per statement and writes them in batches, in dependency order.

    Statements added to the writer earlier are dependencies of later ones: before a batch of a
    statement is sent, every earlier statement's buffer is sent, so the nodes a row MATCHes always
    exist. Batches go to one background thread in order (first in, first written), so generating the
    next batch overlaps with the database writing the last one; results are checked, counted and
    reported (``progress(step, done, total)``) on the caller's thread.
    """

    def __init__(self, graph: Graph, batch_size: int, progress: Progress | None) -> None:
        self.graph = graph
        self.batch_size = batch_size
        self.progress = progress
        self.counts: Counter[str] = Counter()
        self._buffers: dict[str, list[Row]] = {}
        self._done: Counter[str] = Counter()
        self._totals: Counter[str] = Counter()
        self._outbox: queue.Queue[tuple[str, list[Row]] | None] = queue.Queue(maxsize=2)
        self._results: queue.SimpleQueue[tuple[str, list[Row], Row]] = queue.SimpleQueue()
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._work, name="gongjian-demo-writer", daemon=True)
        self._thread.start()

    def expect(self, step: str, total: int) -> None:
        """Announce how many rows ``step`` will write (for progress reports)."""
        self._totals[step] += total

    def add(self, name: str, row: Row) -> None:
        buffer = self._buffers.setdefault(name, [])
        buffer.append(row)
        if len(buffer) >= self.batch_size:
            self.flush(name)

    def add_all(self, name: str, rows: Iterable[Row]) -> None:
        for row in rows:
            self.add(name, row)

    def flush(self, name: str | None = None) -> None:
        """Send ``name``'s buffer after those of every earlier statement (all buffers when None)."""
        for current in list(self._buffers):
            if self._buffers[current]:
                self._send((current, self._buffers[current]))
                self._buffers[current] = []
            if current == name:
                return

    def finish(self) -> None:
        """Send what is left, wait for every write and check it."""
        self.flush()
        self.stop()
        self._collect()

    def stop(self) -> None:
        """Stop the background thread once its queue is drained (idempotent)."""
        if self._thread.is_alive():
            self._outbox.put(None)
            self._thread.join()

    def _send(self, item: tuple[str, list[Row]]) -> None:
        self._collect()
        self._outbox.put(item)  # blocks while two batches wait; the thread always drains the queue

    def _work(self) -> None:
        while (item := self._outbox.get()) is not None:
            if self._failure is not None:
                continue  # after a failure nothing more is written; the caller raises it
            name, rows = item
            try:
                result = self.graph.write(self.graph.named(name), rows=rows)[0]
            except BaseException as exc:  # handed over to the caller's thread by _collect
                self._failure = exc
            else:
                self._results.put((name, rows, result))

    def _collect(self) -> None:
        """Check and report finished batches; raise the background thread's failure, if any."""
        while True:
            try:
                name, rows, result = self._results.get_nowait()
            except queue.Empty:
                break
            self._check(name, rows, result)
        if self._failure is not None:
            raise self._failure

    def _check(self, name: str, rows: list[Row], result: Row) -> None:
        spec = _STATEMENTS[name]
        if result["written"] != len(rows):
            raise GraphError(
                f"{name}: wrote {result['written']} of {len(rows)} rows — a row referred to a node that "
                "does not exist; this is a bug in the demo generator"
            )
        for key, per_row in spec.creates.items():
            self.counts[key] += per_row * len(rows)
        for column, (row_key, rel) in spec.optional.items():
            expected = sum(1 for row in rows if row.get(row_key) is not None)
            if result[column] != expected:
                raise GraphError(f"{name}: created {result[column]} {rel} of {expected} expected")
            self.counts[rel] += expected
        self._done[spec.step] += len(rows)
        if self.progress is not None:
            step = spec.step
            self.progress(step, self._done[step], max(self._totals[step], self._done[step]))


# ============================================================================ the generator
class _Demo:
    """Plans and writes one demo network. Phases run in order; each has its own random stream."""

    def __init__(self, specs: Sequence[DistrictSpec], seed: int, taxonomy: Taxonomy) -> None:
        self.specs = specs
        self.seed = seed
        self.tax = taxonomy
        self.codes = {c.code for c in taxonomy.categories}
        self.children = {c.code: [child.code for child in taxonomy.children(c.code)] for c in taxonomy}
        self.key = (seed * 0x2545F491 + 0x1234567) & 0xFFFFFFFF
        self.districts: list[_District] = []
        self.streets: list[_Street] = []
        self.communities: list[_Community] = []
        self.grids: list[_Grid] = []
        self.estates: list[_Estate] = []
        self.groups: list[tuple[str, str, int]] = []  # (building id, group name, grid)
        self.units: list[_Unit] = []
        self.resources: list[_Res] = []
        self.member_offers: list[Row] = []
        self.phones = 0

    def rng(self, phase: str) -> random.Random:
        return random.Random(f"gongjian-demo:{self.seed}:{phase}")

    def run(self, writer: _Writer) -> None:
        self.plan_territory(self.rng("territory"))
        self.write_areas(writer, self.rng("buildings"))
        self.write_orgs(writer, self.rng("orgs"))
        self.write_units(writer, self.rng("units"))
        self.write_members(writer, self.rng("members"))
        self.write_resources(writer, self.rng("resources"))
        self.write_demands(writer, self.rng("demands"))

    # ------------------------------------------------------------------ territory
    def plan_territory(self, rng: random.Random) -> None:
        for spec in self.specs:
            self._plan_district(spec, rng)
        for district in self.districts:
            self._plan_grids(district, rng)
        self._sum_up()

    def _point(
        self, rng: random.Random, lat: float, lon: float, sigma: float, box: Box
    ) -> tuple[float, float]:
        lat = min(max(rng.gauss(lat, sigma), box[0] + _MARGIN), box[1] - _MARGIN)
        lon = min(max(rng.gauss(lon, sigma * 1.1), box[2] + _MARGIN), box[3] - _MARGIN)
        return lat, lon

    def _plan_district(self, spec: DistrictSpec, rng: random.Random) -> None:
        lat, lon = (spec.box[0] + spec.box[1]) / 2, (spec.box[2] + spec.box[3]) / 2
        place = _Place(
            area_id([spec.name], spec.code), spec.name, AreaLevel.DISTRICT, spec.name, lat, lon, spec.code
        )
        district = _District(place, spec, spec.name[:-1])
        self.districts.append(district)
        invented = self._invent_streets(spec, rng)
        streets = list(spec.streets) + invented
        weights = [s.communities for s in streets]
        village_weights = [s.villages for s in streets]
        if invented:  # named streets count as average ones; every weight jittered
            named_c = sum(s.communities for s in spec.streets) / max(len(spec.streets), 1) or 1
            named_v = sum(s.villages for s in spec.streets) / max(len(spec.streets), 1) or 1
            weights = [w / (named_c if i < len(spec.streets) else 1) * rng.uniform(0.7, 1.3)
                       for i, w in enumerate(weights)]  # fmt: skip
            village_weights = [w / (named_v if i < len(spec.streets) else 1) * rng.uniform(0.7, 1.3)
                               for i, w in enumerate(village_weights)]  # fmt: skip
        communities = _apportion(spec.communities, weights)
        villages = _apportion(spec.villages, village_weights)
        numbers = Counter[AreaLevel]()
        for street_spec, n_comm, n_vill in zip(streets, communities, villages, strict=True):
            numbers[street_spec.level] += 1
            number = numbers[street_spec.level] + (99 if street_spec.level == AreaLevel.TOWN else 0)
            self._plan_street(district, street_spec, f"{spec.code}{number:03d}", n_comm, n_vill, rng)

    def _invent_streets(self, spec: DistrictSpec, rng: random.Random) -> list[StreetSpec]:
        used = {s.name[:-2] if s.name.endswith("街道") else s.name[:-1] for s in spec.streets}
        invented = []
        for i in range(spec.extra_streets + spec.extra_towns):
            town = i >= spec.extra_streets
            short = self._fresh_name(rng, used, _PLACE_1, _PLACE_2)
            suffix = ("乡" if rng.random() < 0.2 else "镇") if town else "街道"
            lat, lon = self._point(rng, (spec.box[0] + spec.box[1]) / 2, (spec.box[2] + spec.box[3]) / 2,
                                   0.035 if town else 0.02, spec.box)  # fmt: skip
            level = AreaLevel.TOWN if town else AreaLevel.STREET
            weight_c, weight_v = (0.08, 1.0) if town else (1.0, 0.15)
            invented.append(StreetSpec(short + suffix, level, lat, lon, weight_c, weight_v))
        return invented

    @staticmethod
    def _fresh_name(rng: random.Random, used: set[str], first: str, second: str) -> str:
        for _ in range(200):
            name = rng.choice(first) + rng.choice(second)
            if name not in used:
                used.add(name)
                return name
        name = rng.choice(first) + rng.choice(first) + rng.choice(second)
        while name in used:
            name += rng.choice(second)
        used.add(name)
        return name

    def _plan_street(
        self, district: _District, spec: StreetSpec, code: str, n_comm: int, n_vill: int, rng: random.Random
    ) -> None:
        path = f"{district.place.path}/{spec.name}"
        place = _Place(area_id([path], code), spec.name, spec.level, path, spec.lat, spec.lon, code,
                       parent_id=district.place.id)  # fmt: skip
        short = spec.name.removesuffix("街道").removesuffix("镇").removesuffix("乡")
        street = _Street(place, len(self.districts) - 1, short)
        district.streets.append(len(self.streets))
        self.streets.append(street)
        sigma = 0.006 if spec.level == AreaLevel.STREET else 0.015
        for i in range(n_comm + n_vill):
            village = i >= n_comm
            short_name = self._fresh_name(
                rng, district.used_names, _PLACE_1, _VILLAGE_2 if village else _PLACE_2
            )
            name = short_name + ("村" if village else "社区")
            number = (200 + i - n_comm + 1) if village else i + 1
            lat, lon = self._point(
                rng, spec.lat, spec.lon, sigma * (1.6 if village else 1), district.spec.box
            )
            c_path = f"{path}/{name}"
            c_place = _Place(area_id([c_path], f"{code}{number:03d}"), name,
                             AreaLevel.VILLAGE if village else AreaLevel.COMMUNITY, c_path, lat, lon,
                             f"{code}{number:03d}", parent_id=place.id)  # fmt: skip
            street.communities.append(len(self.communities))
            self.communities.append(_Community(c_place, len(self.streets) - 1, short_name, village))

    def _plan_grids(self, district: _District, rng: random.Random) -> None:
        indexes = [c for s in district.streets for c in self.streets[s].communities]
        weights = [
            rng.uniform(0.4, 0.7) if self.communities[c].village else rng.uniform(1.0, 1.6) for c in indexes
        ]
        first_grid = len(self.grids)
        for c, n_grids in zip(indexes, _apportion(district.spec.grids, weights, 1), strict=True):
            for number in range(1, n_grids + 1):
                self._plan_grid(district, c, number, rng)
        grids = self.grids[first_grid:]
        weights = [
            g.place.households * (0.8 if self.communities[g.community].village else 1.0) for g in grids
        ]
        for grid, n in zip(grids, _apportion(district.spec.members, weights), strict=True):
            grid.members = n

    def _plan_grid(self, district: _District, community_index: int, number: int, rng: random.Random) -> None:
        box = district.spec.box
        community = self.communities[community_index]
        c = community.place
        name = f"第{number}网格"
        path = f"{c.path}/{name}"
        lat, lon = self._point(rng, c.lat, c.lon, 0.003 if not community.village else 0.006, box)
        households = rng.randint(150, 450) if community.village else rng.randint(300, 500)
        factor = rng.uniform(2.3, 3.1)
        place = _Place(area_id([path]), name, AreaLevel.GRID, path, lat, lon, None, households,
                       round(households * factor), c.id)  # fmt: skip
        index = len(self.grids)
        grid = _Grid(place, community_index, number)
        community.grids.append(index)
        self.grids.append(grid)
        n_estates = rng.choices((0, 1), (80, 20))[0] if community.village else rng.choices(
            (0, 1, 2, 3, 4), (5, 30, 35, 20, 10))[0]  # fmt: skip
        if not n_estates:
            return
        housed = round(households * rng.uniform(0.5, 0.95))
        used = {self.estates[e].place.name for e in community.estates}
        for share in _apportion(housed, [rng.uniform(0.5, 1.5) for _ in range(n_estates)], 1):
            estate_name = self._estate_name(rng, used, community)
            e_path = f"{path}/{estate_name}"
            e_lat, e_lon = self._point(rng, lat, lon, 0.0015, box)
            e_place = _Place(area_id([e_path]), estate_name, AreaLevel.ESTATE, e_path, e_lat, e_lon, None,
                             share, round(share * factor), place.id)  # fmt: skip
            buildings = max(1, min(share, round(share / rng.uniform(24, 90))))
            community.estates.append(len(self.estates))
            grid.estates.append(len(self.estates))
            self.estates.append(_Estate(e_place, index, community_index, buildings))

    @staticmethod
    def _estate_name(rng: random.Random, used: set[str], community: _Community) -> str:
        for _ in range(50):
            if community.village:
                name = rng.choice(
                    (f"{community.short}安置小区", f"{community.short}新村", f"{community.short}佳园")
                )
            else:
                name = rng.choice(_ESTATE_1) + rng.choice(_ESTATE_2)
            if name not in used:
                used.add(name)
                return name
        name = f"{community.short}{len(used) + 1}号小区"
        used.add(name)
        return name

    def _sum_up(self) -> None:
        for grid in self.grids:
            community = self.communities[grid.community].place
            community.households += grid.place.households
            community.population += grid.place.population
        for community in self.communities:
            street = self.streets[community.street]
            street.place.households += community.place.households
            street.place.population += community.place.population
        for street in self.streets:
            district = self.districts[street.district].place
            district.households += street.place.households
            district.population += street.place.population

    # ------------------------------------------------------------------ areas
    def write_areas(self, writer: _Writer, rng: random.Random) -> None:
        buildings = sum(e.buildings for e in self.estates)
        fixed = (
            len(self.districts)
            + len(self.streets)
            + len(self.communities)
            + len(self.grids)
            + len(self.estates)
        )
        writer.expect("areas", fixed + buildings)
        writer.add_all("demo_districts", (d.place.row() for d in self.districts))
        writer.flush()
        for level in (self.streets, self.communities, self.grids, self.estates):  # parents first
            writer.add_all("demo_areas", (item.place.row() for item in level))
            writer.flush()
        groups_share = 0.15  # a party group in about one building in seven
        for estate in self.estates:
            writer.add_all("demo_areas", self._buildings(estate, rng, groups_share))
        writer.flush()

    def _buildings(self, estate: _Estate, rng: random.Random, groups_share: float) -> Iterator[Row]:
        e = estate.place
        households = _apportion(e.households, [rng.uniform(0.6, 1.4) for _ in range(estate.buildings)], 1)
        box = self.districts[self.streets[self.communities[estate.community].street].district].spec.box
        for number, hh in enumerate(households, 1):
            name = f"{number}栋"
            path = f"{e.path}/{name}"
            lat, lon = self._point(rng, e.lat, e.lon, 0.0004, box)
            population = round(hh * e.population / max(e.households, 1))
            place = _Place(
                area_id([path]), name, AreaLevel.BUILDING, path, lat, lon, None, hh, population, e.id
            )
            if rng.random() < groups_share:
                self.groups.append((place.id, f"{e.name}{name}党小组", estate.grid))
            yield place.row()

    # ------------------------------------------------------------------ organisations
    def write_orgs(self, writer: _Writer, rng: random.Random) -> None:
        streets = [self._street_org(street, rng) for street in self.streets]
        joint = [row for street in self.streets if (row := self._joint_branch(street, rng))]
        communities = [self._community_org(community, rng) for community in self.communities]
        branches = [self._branch(grid, rng) for grid in self.grids]
        groups = [
            self._org_row(name, self.grids[grid].branch_id, OrgKind.GROUP, building, None, None)
            for building, name, grid in self.groups
        ]
        levels = (streets, joint + communities, branches, groups)
        writer.expect("orgs", sum(len(level) for level in levels))
        for level in levels:  # parents first: a row cannot MATCH a node created in the same statement
            writer.add_all("demo_orgs", level)
            writer.flush()

    @staticmethod
    def _org_row(
        name: str,
        parent: str,
        kind: OrgKind,
        area: str,
        brand: str | None,
        secretary: str | None,
        *,
        root: bool = False,
    ) -> Row:
        return {"id": org_id(name, parent), "name": name, "kind": kind.value, "brand": brand,
                "secretary": secretary, "areaId": area, "parentId": None if root else parent}  # fmt: skip

    @staticmethod
    def _brand(rng: random.Random, short: str) -> str | None:
        if rng.random() >= 0.5:
            return None
        if rng.random() < 0.5:
            return f"{rng.choice(_BRAND_PREFIX)}{short}"
        return f"{short}{rng.choice(_BRAND_SUFFIX)}"

    def _street_org(self, street: _Street, rng: random.Random) -> Row:
        town = street.place.level == AreaLevel.TOWN
        name = f"{street.place.name}{'党委' if town else '党工委'}"
        row = self._org_row(name, street.place.id, OrgKind.STREET_COMMITTEE, street.place.id,
                            self._brand(rng, street.short), _person(rng), root=True)  # fmt: skip
        street.committee_id, street.committee_name = row["id"], name
        return row

    def _joint_branch(self, street: _Street, rng: random.Random) -> Row | None:
        """Couriers, riders and drivers (新就业群体) of the street in one joint branch, in most streets."""
        if rng.random() >= (0.3 if street.place.level == AreaLevel.TOWN else 0.8):
            return None
        name = f"{street.place.name}新就业群体联合党支部"
        row = self._org_row(
            name, street.committee_id, OrgKind.JOINT_BRANCH, street.place.id, None, _person(rng)
        )
        street.joint_id = row["id"]
        return row

    def _community_org(self, community: _Community, rng: random.Random) -> Row:
        street = self.streets[community.street]
        name = f"{community.place.name}党委"
        row = self._org_row(name, street.committee_id, OrgKind.COMMUNITY_COMMITTEE, community.place.id,
                            self._brand(rng, community.short), _person(rng))  # fmt: skip
        community.committee_id, community.committee_name = row["id"], name
        return row

    def _branch(self, grid: _Grid, rng: random.Random) -> Row:
        community = self.communities[grid.community]
        name = f"{community.place.name}{grid.place.name}党支部"
        row = self._org_row(name, community.committee_id, OrgKind.BRANCH, grid.place.id, None, _person(rng))
        grid.branch_id = row["id"]
        return row

    # ------------------------------------------------------------------ units
    def write_units(self, writer: _Writer, rng: random.Random) -> None:
        for district in self.districts:
            self._plan_units(district, rng)
        co_builds, seats, reports, orgs = self._unit_links(rng)
        writer.expect("units", len(self.units))
        writer.expect("unit orgs", len(orgs))
        writer.expect("co-building agreements", len(co_builds))
        writer.expect("committee seats", len(seats))
        writer.expect("unit reports", len(reports))
        writer.add_all("demo_units", (self._unit_row(u) for u in self.units))
        writer.add_all("demo_unit_orgs", orgs)
        writer.add_all("demo_co_builds", co_builds)
        writer.add_all("demo_seated_on", seats)
        writer.add_all("demo_unit_reports", reports)
        writer.flush()

    def _plan_units(self, district: _District, rng: random.Random) -> None:
        communities = [c for s in district.streets for c in self.streets[s].communities]
        weights = [
            0.35 if self.communities[c].village else 1 + 0.25 * len(self.communities[c].grids)
            for c in communities
        ]
        types = [t for t, _ in _UNIT_TYPES]
        shares = [w for _, w in _UNIT_TYPES]
        for c, n in zip(communities, _apportion(district.spec.units, weights), strict=True):
            for _ in range(n):
                self._plan_unit(district, c, rng.choices(types, shares)[0], rng)

    def _plan_unit(self, district: _District, c: int, kind: UnitType, rng: random.Random) -> None:
        community = self.communities[c]
        street = self.streets[community.street]
        if community.village and kind in (UnitType.PROPERTY, UnitType.OWNERS_COMMITTEE, UnitType.BANK):
            kind = rng.choice((UnitType.MERCHANT, UnitType.ENTERPRISE, UnitType.OTHER))
        name = self._unit_name(kind, district, street, community, rng)
        if name is None:
            kind = UnitType.MERCHANT
            name = self._unit_name(kind, district, street, community, rng)
        assert name is not None
        name = normalise_name(name)
        index = len(self.units)
        uscc = None
        if kind in _USCC_KIND and not (kind == UnitType.MERCHANT and rng.random() < 0.15):
            body = f"{_permute(index, self.key ^ 0x5A5A):08d}"
            uscc = uscc_with_check(f"{_USCC_KIND[kind]}{district.spec.code}{_org_code(body)}")
        lat, lon = self._point(rng, community.place.lat, community.place.lon, 0.004, district.spec.box)
        road = self._road(rng, district, community)
        address = f"{_CITY}{district.place.name}{road}{rng.randint(1, 300)}号"
        contact, phone = _person(rng), self._phone(rng, 60_000_000 + index)
        offers = self._offer_codes(kind, rng)
        uid = unit_id(name, street.place.id, uscc)
        self.units.append(_Unit(uid, name, kind, c, lat, lon, uscc, address, contact, phone, offers))
        community.units.append(index)

    @staticmethod
    def _road(rng: random.Random, district: _District, community: _Community) -> str:
        if district.place.name == "麒麟区" and not community.village and rng.random() < 0.5:
            return rng.choice(_QILIN_ROADS)
        if community.village:
            return f"{community.place.name}{rng.choice('一二三四五六')}组"
        return community.short + rng.choice(_ROAD_SUFFIX)

    def _phone(self, rng: random.Random, index: int) -> str:
        return f"{rng.choice(_PHONE_PREFIXES)}{_permute(index, self.key):08d}"

    def _offer_codes(self, kind: str, rng: random.Random, mean: float | None = None) -> tuple[str, ...]:
        profile = _OFFER_PROFILES[kind]
        mean = _UNIT_TRAITS[kind][3] if mean is None else mean  # type: ignore[index]
        wanted = max(1, min(len(profile), round(rng.gauss(mean, 0.9))))
        codes: list[str] = []
        for _ in range(wanted * 4):
            if len(codes) >= wanted:
                break
            code = self._resolve(rng.choices([p for p, _ in profile], [w for _, w in profile])[0], rng)
            if code is not None and code not in codes:
                codes.append(code)
        return tuple(codes)

    def _resolve(self, pattern: str, rng: random.Random) -> str | None:
        """A real category code for a profile entry (``top.*`` picks a child of ``top``)."""
        if pattern.endswith(".*"):
            top = pattern[:-2]
            if top not in self.codes:
                return None
            children = self.children[top]
            return rng.choice(children) if children else top
        if pattern in self.codes:
            return pattern
        return _top(pattern) if _top(pattern) in self.codes else None

    def _unit_name(
        self, kind: UnitType, district: _District, street: _Street, community: _Community, rng: random.Random
    ) -> str | None:
        for attempt in range(30):
            name = _UNIT_NAMERS[kind](self, district, street, community, rng)
            if name is None:
                return None
            scope = (
                district.used_names
                if name.startswith(_CITY) or district.place.name in name
                else street.unit_names
            )
            if attempt >= 25:
                name = f"{name}({community.short}{attempt - 24})"
            if name not in scope and name not in street.unit_names:
                scope.add(name)
                street.unit_names.add(name)
                return name
        return None

    def _unit_links(self, rng: random.Random) -> tuple[list[Row], list[Row], list[Row], list[Row]]:
        co_builds: list[Row] = []
        seats: list[Row] = []
        reports: list[Row] = []
        orgs: list[Row] = []
        for index, unit in enumerate(self.units):
            has_org, co_build, seat, _, _ = _UNIT_TRAITS[unit.type]
            community = self.communities[unit.community]
            street = self.streets[community.street]
            if rng.random() < has_org:
                orgs.append(self._unit_org(unit, community, street, rng))
                if rng.random() < 0.85:
                    reports.append({"unitId": unit.id, "areaId": community.place.id,
                                    "date": _day(_ago(rng, 5, 2_550))})  # fmt: skip
            if rng.random() < co_build:
                since = _ago(rng, 30, 2_700).date()
                co_builds.append(self._agreement(unit, community, street, since, rng))
                community.partners.append(index)
                neighbour = self._neighbour(community, street, rng)
                if neighbour is not None and rng.random() < 0.15:
                    co_builds.append(
                        self._agreement(unit, neighbour, street, _ago(rng, 30, 2_000).date(), rng)
                    )
                    neighbour.partners.append(index)
                if unit.org_id and rng.random() < seat:
                    role = rng.choices(("兼职委员", "兼职副书记", "成员单位代表"), (80, 8, 12))[0]
                    seats.append({"unitId": unit.id, "orgId": community.committee_id, "role": role,
                                  "since": _day(since)})  # fmt: skip
            if (
                unit.org_id
                and unit.type in (UnitType.GOVERNMENT, UnitType.SOE, UnitType.HOSPITAL)
                and (rng.random() < 0.3)
            ):
                seats.append({"unitId": unit.id, "orgId": street.committee_id, "role": "兼职委员",
                              "since": _day(_ago(rng, 60, 2_000))})  # fmt: skip
        return co_builds, seats, reports, orgs

    def _unit_org(self, unit: _Unit, community: _Community, street: _Street, rng: random.Random) -> Row:
        if unit.type in (UnitType.HOSPITAL, UnitType.SOE, UnitType.SCHOOL, UnitType.GOVERNMENT):
            suffix = rng.choices(("党委", "党总支", "党支部"), (2, 3, 5))[0]
        else:
            suffix = "党支部"
        parent = street.committee_id if unit.type in _PUBLIC_TYPES else community.committee_id
        name = f"{unit.name}{suffix}"
        unit.org_id, unit.org_name = org_id(name, unit.id), name
        return {"id": unit.org_id, "name": name, "kind": OrgKind.UNIT_ORG.value, "secretary": _person(rng),
                "unitId": unit.id, "parentId": parent}  # fmt: skip

    def _agreement(
        self, unit: _Unit, community: _Community, street: _Street, since: date, rng: random.Random
    ) -> Row:
        years = rng.choices((0, 1, 2, 3), (1, 3, 4, 3))[0]
        until = None if years == 0 else _day(_add_years(since, years) - timedelta(days=1))
        street.agreements[since.year] += 1
        number = f"{street.short}共建〔{since.year}〕{street.agreements[since.year]:03d}号"
        return {"unitId": unit.id, "areaId": community.place.id, "since": _day(since), "until": until,
                "agreementNo": number}  # fmt: skip

    def _neighbour(self, community: _Community, street: _Street, rng: random.Random) -> _Community | None:
        others = [self.communities[c] for c in street.communities if self.communities[c] is not community]
        if not others:
            return None
        c = community.place
        return min(others, key=lambda o: (o.place.lat - c.lat) ** 2 + (o.place.lon - c.lon) ** 2)

    def _unit_row(self, unit: _Unit) -> Row:
        return {"id": unit.id, "name": unit.name, "uscc": unit.uscc, "type": unit.type.value,
                "address": unit.address, "location": {"latitude": round(unit.lat, 6),
                                                      "longitude": round(unit.lon, 6)},
                "contactName": unit.contact, "contactPhone": unit.phone,
                "areaId": self.communities[unit.community].place.id}  # fmt: skip

    # ------------------------------------------------------------------ members
    def write_members(self, writer: _Writer, rng: random.Random) -> None:
        employers = _Employers(self)
        skills = [code for top in _SKILL_TOPS if top in self.codes for code in self.children[top]]
        writer.expect("members", sum(g.members for g in self.grids))
        for grid in self.grids:
            for _ in range(grid.members):
                row = self._member(grid, employers, skills, rng)
                shape = "_reported" if "reportedToId" in row else "_working" if "unitId" in row else ""
                writer.add(f"demo_members{shape}", row)
        writer.flush()

    def _member(self, grid: _Grid, employers: _Employers, skills: list[str], rng: random.Random) -> Row:
        community = self.communities[grid.community]
        street = self.streets[community.street]
        status = rng.choices(
            _MEMBER_STATUSES, cum_weights=_VILLAGE_SHARES if community.village else _TOWN_SHARES
        )[0]
        name = _person(rng)
        phone = self._phone(rng, self.phones)
        self.phones += 1
        org, unit, reported = grid.branch_id, None, None
        if status == "in_service":
            employer = employers.pick(grid.community, rng)
            unit = employer.id if employer else None
            org = (employer.org_id if employer else None) or grid.branch_id
            reported = community.place.id if rng.random() < 0.85 else None
        elif status == "new_employment":
            if street.joint_id and rng.random() < 0.75:
                org = street.joint_id
            if rng.random() < 0.5:
                unit = employers.gig(community.street, rng)
        home = self._home(grid, community, rng)
        roles = self._roles(status, home.level, rng)
        member_skills = rng.sample(
            skills, k=min(len(skills), rng.choices((0, 1, 2, 3), cum_weights=_SKILLS)[0])
        )
        points = rng.randint(20, 400) if "volunteer" in roles else rng.randint(0, 120)
        row = {"id": member_id(name, phone), "name": name, "phone": phone, "status": status, "roles": roles,
               "skills": member_skills, "points": points, "orgId": org, "homeId": home.id}  # fmt: skip
        if unit is not None:
            row["unitId"] = unit
            if reported is not None:
                row["reportedToId"], row["reportedOn"] = reported, _day(_ago(rng, 3, 2_400))
        if "volunteer" in roles and member_skills and rng.random() < 0.05:
            self._member_offer(row, home, grid.community, rng)
        return row

    def _home(self, grid: _Grid, community: _Community, rng: random.Random) -> _Place:
        draw = rng.random()
        if grid.estates and draw < 0.55:
            return self.estates[rng.choice(grid.estates)].place
        if draw < 0.85:
            return grid.place
        return community.place

    @staticmethod
    def _roles(status: str, home_level: str, rng: random.Random) -> list[str]:
        roles = []
        if rng.random() < (0.08 if status == "retired" else 0.03):
            roles.append("central_household")
        if home_level == AreaLevel.ESTATE and rng.random() < 0.06:
            roles.append("building_head")
        if status in ("in_service", "new_employment") and rng.random() < 0.015:
            roles.append("grid_worker")
        if rng.random() < 0.4:
            roles.append("volunteer")
        if rng.random() < 0.03:
            roles.append("issue_spotter")
        return roles

    def _member_offer(self, member: Row, home: _Place, community: int, rng: random.Random) -> None:
        code = member["skills"][0]
        category = self.tax.get(code)
        name = f"{category.name}志愿服务"
        low, high = _by_code(_OFFER_QTY, code, (2, 20))
        quantity = max(1, round(rng.randint(low, high) * 0.3))
        active = rng.random() < 0.9
        rid = resource_id(member["id"], code, name)
        self.member_offers.append({
            "id": rid, "name": name, "category": code, "quantity": quantity,
            "unitOfMeasure": _by_code(_UOM, code, "次"), "availability": list(rng.choice(_VOLUNTEER_HOURS)),
            "conditions": "需提前一周预约", "serviceType": "volunteer",
            "status": "active" if active else "paused",
            "location": home.location, "ownerId": member["id"],
        })  # fmt: skip
        self.resources.append(
            _Res(rid, code, member["id"], "member", "党员志愿者", community, quantity, active)
        )

    # ------------------------------------------------------------------ resources
    def write_resources(self, writer: _Writer, rng: random.Random) -> None:
        area_rows = [row for community in self.communities for row in self._area_offers(community, rng)]
        writer.expect(
            "resources", sum(len(u.offers) for u in self.units) + len(area_rows) + len(self.member_offers)
        )
        writer.add_all("demo_resources_member", self.member_offers)
        self.member_offers = []
        writer.add_all("demo_resources_area", area_rows)
        for unit in self.units:
            for code in unit.offers:
                writer.add("demo_resources_unit", self._unit_offer(unit, code, rng))
        writer.flush()

    def _offer_row(self, owner: str, code: str, rng: random.Random, location: dict[str, float]) -> Row:
        category = self.tax.get(code)
        name = rng.choice(_RESOURCE_NAMES.get(code, (category.name,)))
        low, high = _by_code(_OFFER_QTY, code, (2, 20))
        quantity = rng.randint(low, high)
        if _top(code) == "funding":
            quantity = max(500, round(quantity, -3))
        if code == "parking.offpeak":
            availability = rng.choice(_OVERNIGHT)
        elif _top(code) == "parking":
            availability = rng.choice(_ALL_DAY)
        elif _top(code) == "venue":
            availability = rng.choice(_OFFICE)
        else:
            availability = rng.choice(_SERVICE)
        status = rng.choices(("active", "paused", "retired"), (85, 10, 5))[0]
        return {"id": resource_id(owner, code, name), "name": name, "category": code, "quantity": quantity,
                "unitOfMeasure": _by_code(_UOM, code, "次"), "availability": list(availability),
                "conditions": rng.choice(_by_code(_CONDITIONS, code, _DEFAULT_CONDITIONS)),
                "serviceType": "public", "status": status, "location": location,
                "ownerId": owner}  # fmt: skip

    def _unit_offer(self, unit: _Unit, code: str, rng: random.Random) -> Row:
        location = {"latitude": round(unit.lat, 6), "longitude": round(unit.lon, 6)}
        row = self._offer_row(unit.id, code, rng, location)
        if _top(code) == "volunteer" or unit.type in (UnitType.SOCIAL_ORG, UnitType.OWNERS_COMMITTEE):
            row["serviceType"] = "volunteer"
        elif unit.type not in _PUBLIC_TYPES:
            row["serviceType"] = "volunteer" if rng.random() < 0.25 else "social"
        self.resources.append(
            _Res(
                row["id"],
                code,
                unit.id,
                "unit",
                unit.name,
                unit.community,
                row["quantity"],
                row["status"] == "active",
            )
        )
        return row

    def _area_offers(self, community: _Community, rng: random.Random) -> list[Row]:
        codes = self._offer_codes("area", rng, mean=4.5)
        return [self._offer_row(community.place.id, code, rng, community.place.location) for code in codes]

    # ------------------------------------------------------------------ demands and the closed loop
    def write_demands(self, writer: _Writer, rng: random.Random) -> None:
        for district in self.districts:
            communities = [self.communities[c] for s in district.streets for c in self.streets[s].communities]
            weights = [c.place.population or 1 for c in communities]
            for community, n in zip(communities, _apportion(district.spec.demands, weights), strict=True):
                community.demands = n
        total = sum(c.demands for c in self.communities)
        statuses = [s for s, n in zip(_STATUS_SHARES, _apportion(total, [w for _, w in _STATUS_SHARES], 1),
                                      strict=True) for _ in range(n)]  # fmt: skip
        rng.shuffle(statuses)
        paths = [self._path(s[0], rng) for s in statuses]
        writer.expect("demands", total)
        writer.expect("events", sum(len(p) + 1 for p in paths))
        writer.expect("projects", sum(p.count(_D.DISPATCHED) for p in paths))
        loop = _Loop(self, rng)
        position = 0
        for index, community in enumerate(self.communities):
            for _ in range(community.demands):
                demand, events, projects = loop.story(index, paths[position])
                position += 1
                writer.add("demo_demands", demand)
                writer.add_all("demo_events", events)
                for project in projects:
                    writer.add(f"demo_projects_{project.pop('delivererKind')}", project)
        writer.flush()

    @staticmethod
    def _path(status: DemandStatus, rng: random.Random) -> tuple[DemandStatus, ...]:
        options = _PATHS[status]
        return rng.choices([p for _, p in options], [w for w, _ in options])[0]


# ============================================================================ unit names
def _singleton(district: _District, names: Sequence[str], rng: random.Random) -> str | None:
    free = [n for n in names if n not in district.used_names]
    return rng.choice(free) if free else None


def _name_government(demo: _Demo, d: _District, s: _Street, c: _Community, rng: random.Random) -> str:
    if rng.random() < 0.3:
        agency = _singleton(d, [f"{_CITY}{d.place.name}{a}" for a in _AGENCIES], rng)
        if agency:
            return agency
    if rng.random() < 0.15:
        return f"{_CITY}{d.place.name}{c.short}消防救援站"
    office = rng.choice(_STREET_OFFICES)
    if office == "派出所":
        return f"{_CITY}公安局{d.short}分局{s.short}派出所"
    return f"{d.place.name}{s.place.name}{office}"


def _name_school(demo: _Demo, d: _District, s: _Street, c: _Community, rng: random.Random) -> str:
    if c.village:
        return f"{d.place.name}{s.short}{c.short}{rng.choice(('小学', '幼儿园', '完小'))}"
    kind = rng.choices(("numbered", "primary", "middle", "kindergarten"), (2, 4, 2, 3))[0]
    if kind == "numbered":
        return f"{_CITY}第{_cn_number(rng.randint(1, 30))}中学"
    suffix = {"primary": "小学", "middle": "中学", "kindergarten": "幼儿园"}[kind]
    return f"{d.place.name}{c.short}{suffix}"


def _name_hospital(demo: _Demo, d: _District, s: _Street, c: _Community, rng: random.Random) -> str:
    if c.village:
        return f"{d.place.name}{s.short}{c.place.name}卫生室"
    big = _singleton(d, [f"{d.place.name}人民医院", f"{d.place.name}中医医院", f"{d.place.name}妇幼保健院",
                         *(f"{_CITY}第{_cn_number(i)}人民医院" for i in range(1, 4))], rng)  # fmt: skip
    if big and rng.random() < 0.25:
        return big
    return rng.choice((
        f"{d.place.name}{s.place.name}社区卫生服务中心", f"{c.place.name}卫生服务站",
        f"曲靖{rng.choice(_BRANDS)}口腔医院", f"曲靖{rng.choice(_BRANDS)}眼科医院",
    ))  # fmt: skip


def _name_bank(demo: _Demo, d: _District, s: _Street, c: _Community, rng: random.Random) -> str:
    return f"{rng.choice(_BANKS)}曲靖{c.short}支行"


def _name_soe(demo: _Demo, d: _District, s: _Street, c: _Community, rng: random.Random) -> str:
    big = _singleton(d, [f"云南电网有限责任公司曲靖{d.short}供电局", f"{_CITY}烟草公司{d.place.name}分公司",
                         f"中国移动通信集团云南有限公司曲靖{d.place.name}分公司"], rng)  # fmt: skip
    if big and rng.random() < 0.3:
        return big
    return rng.choice((
        f"云南电网曲靖{d.short}供电局{s.short}供电所", f"中国移动曲靖分公司{c.short}营业厅",
        f"中国电信曲靖分公司{c.short}营业厅", f"中国邮政曲靖{c.short}邮政支局", f"中国石化{c.short}加油站",
        f"{_CITY}自来水有限公司{s.short}营业所", f"{_CITY}烟草公司{d.place.name}分公司{s.short}营销部",
    ))  # fmt: skip


def _name_property(demo: _Demo, d: _District, s: _Street, c: _Community, rng: random.Random) -> str:
    brand = rng.choice(_BRANDS)
    return rng.choice((f"曲靖{brand}物业服务有限公司", f"云南{brand}物业管理有限公司",
                       f"{brand}物业服务有限公司曲靖分公司"))  # fmt: skip


def _name_enterprise(demo: _Demo, d: _District, s: _Street, c: _Community, rng: random.Random) -> str:
    brand, industry = rng.choice(_BRANDS), rng.choice(_INDUSTRIES)
    return rng.choice((f"曲靖{brand}{industry}有限公司", f"云南{brand}{industry}有限公司",
                       f"曲靖市{d.short}{brand}{industry}有限公司"))  # fmt: skip


def _name_social(demo: _Demo, d: _District, s: _Street, c: _Community, rng: random.Random) -> str:
    association = _singleton(d, [f"{d.place.name}{a}" for a in _SOCIAL_DISTRICT], rng)
    if association and rng.random() < 0.3:
        return association
    return rng.choice((
        f"{_CITY}{rng.choice(_BRANDS)}社会工作服务中心", f"{c.place.name}居家养老服务中心",
        f"{c.place.name}老年协会", f"{d.place.name}{rng.choice(_BRANDS)}助残服务中心",
    ))  # fmt: skip


def _name_merchant(demo: _Demo, d: _District, s: _Street, c: _Community, rng: random.Random) -> str:
    brand = rng.choice(_BRANDS)
    surname = rng.choices(_SURNAMES, cum_weights=_SURNAME_CUM)[0]
    return rng.choice((
        f"{brand}超市({c.short}店)", f"{surname}记{rng.choice(_FOODS)}", f"{c.short}{rng.choice(_SHOPS)}",
        f"{brand}餐馆", f"{brand}大药房({c.short}店)", f"{surname}氏{rng.choice(_SHOPS)}",
    ))  # fmt: skip


def _name_owners(demo: _Demo, d: _District, s: _Street, c: _Community, rng: random.Random) -> str | None:
    free = [demo.estates[e].place.name for e in c.estates]
    free = [f"{n}业主委员会" for n in free if f"{n}业主委员会" not in s.unit_names]
    return rng.choice(free) if free else None


def _name_other(demo: _Demo, d: _District, s: _Street, c: _Community, rng: random.Random) -> str:
    if c.village:
        return f"{d.place.name}{s.short}{c.place.name}股份经济合作社"
    return rng.choice((f"{c.short}农贸市场", f"{d.place.name}{c.short}客运站", f"{c.short}文化广场管理处"))


_UNIT_NAMERS: dict[UnitType, Callable[[_Demo, _District, _Street, _Community, random.Random], str | None]] = {
    UnitType.GOVERNMENT: _name_government, UnitType.SCHOOL: _name_school, UnitType.HOSPITAL: _name_hospital,
    UnitType.BANK: _name_bank, UnitType.SOE: _name_soe, UnitType.PROPERTY: _name_property,
    UnitType.ENTERPRISE: _name_enterprise, UnitType.SOCIAL_ORG: _name_social,
    UnitType.MERCHANT: _name_merchant,
    UnitType.OWNERS_COMMITTEE: _name_owners, UnitType.OTHER: _name_other,
}  # fmt: skip


# ============================================================================ employers
class _Employers:
    """Where in-service members work: units with a party organisation, weighted by size, nearby first."""

    def __init__(self, demo: _Demo) -> None:
        self.demo = demo
        self.by_community: dict[int, tuple[list[int], list[float]]] = {}
        self.by_street: dict[int, tuple[list[int], list[float]]] = {}
        self.by_district: dict[int, tuple[list[int], list[float]]] = {}
        self.gig_by_street: dict[int, list[int]] = defaultdict(list)
        staged: dict[str, dict[int, list[int]]] = {
            "c": defaultdict(list),
            "s": defaultdict(list),
            "d": defaultdict(list),
        }
        for index, unit in enumerate(demo.units):
            street = demo.communities[unit.community].street
            if unit.type in (UnitType.ENTERPRISE, UnitType.MERCHANT):
                self.gig_by_street[street].append(index)
            if unit.org_id is None:
                continue
            staged["c"][unit.community].append(index)
            staged["s"][street].append(index)
            staged["d"][demo.streets[street].district].append(index)
        for key, target in (("c", self.by_community), ("s", self.by_street), ("d", self.by_district)):
            for scope, members in staged[key].items():
                target[scope] = (members, self._cumulative(members))

    def _cumulative(self, units: list[int]) -> list[float]:
        total, cumulative = 0.0, []
        for index in units:
            total += _UNIT_TRAITS[self.demo.units[index].type][4]
            cumulative.append(total)
        return cumulative

    def pick(self, community: int, rng: random.Random) -> _Unit | None:
        demo = self.demo
        if not demo.units:
            return None
        if rng.random() < 0.08 or not self.by_district:
            return demo.units[rng.randrange(len(demo.units))]
        street = demo.communities[community].street
        draw = rng.random()
        scopes = [
            (self.by_community.get(community), draw < 0.35),
            (self.by_street.get(street), draw < 0.7),
            (self.by_district.get(demo.streets[street].district), True),
        ]
        for scope, chosen in scopes:
            if scope and chosen:
                units, cumulative = scope
                return demo.units[rng.choices(units, cum_weights=cumulative)[0]]
        units, cumulative = next(iter(self.by_district.values()))
        return demo.units[rng.choices(units, cum_weights=cumulative)[0]]

    def gig(self, street: int, rng: random.Random) -> str | None:
        units = self.gig_by_street.get(street)
        return self.demo.units[rng.choice(units)].id if units else None


# ============================================================================ the closed loop
class _Loop:
    """Tells each demand's story: its row, its event timeline and the projects its dispatches create."""

    def __init__(self, demo: _Demo, rng: random.Random) -> None:
        self.demo = demo
        self.rng = rng
        self.ids: set[str] = set()
        self.by_community: dict[tuple[int, str], list[_Res]] = defaultdict(list)
        self.by_street: dict[tuple[int, str], list[_Res]] = defaultdict(list)
        self.by_district: dict[tuple[int, str], list[_Res]] = defaultdict(list)
        self.street_resources: dict[int, list[_Res]] = defaultdict(list)
        for res in demo.resources:
            street = demo.communities[res.community].street
            district = demo.streets[street].district
            self.by_community[(res.community, res.category)].append(res)
            self.by_street[(street, res.category)].append(res)
            self.by_district[(district, res.category)].append(res)
            self.street_resources[street].append(res)
        self.narrower = {c.code: [d.code for d in demo.tax.descendants(c.code)] for c in demo.tax.categories}
        self.governments: dict[int, list[_Unit]] = defaultdict(list)  # by district
        self.local_governments: dict[int, list[_Unit]] = defaultdict(list)  # by street
        for unit in demo.units:
            if unit.type == UnitType.GOVERNMENT:
                street = demo.communities[unit.community].street
                self.governments[demo.streets[street].district].append(unit)
                self.local_governments[street].append(unit)
        self.tops = [(t, w) for t, w in _DEMAND_TOPS if t in demo.codes]

    # -- the demand ---------------------------------------------------------------------------
    def story(self, c: int, path: tuple[DemandStatus, ...]) -> tuple[Row, list[Row], list[Row]]:
        rng, community = self.rng, self.demo.communities[c]
        code = self._category(community)
        low, high = _by_code(_NEED_QTY, code, (1, 5))
        quantity = rng.randint(low, high)
        if _top(code) == "funding":
            quantity = max(500, round(quantity, -3))
        hours = [rng.uniform(*_HOURS[s]) for s in path]
        settled = not path or path[-1] in (_D.CLOSED, _D.CANCELLED, _D.REJECTED)
        span = sum(hours) / 24 + 0.4 * len(path)  # room for moving night-time steps to the morning
        created = _daytime(_ago(rng, span + 0.5, span + (540 if settled else 45 if not path else 75)))
        title = self._title(code, community, quantity, created)
        did = demand_id(community.place.id, code, title, _day(created))
        while did in self.ids:
            title = f"{title}(续)"
            did = demand_id(community.place.id, code, title, _day(created))
        self.ids.add(did)
        urgency = rng.choices(("low", "normal", "high", "urgent"), (20, 52, 20, 8))[0]
        deadline_days = rng.randint(1, 7) if urgency == "urgent" else rng.randint(7, 90)
        demand = {
            "id": did, "title": title, "category": code, "quantity": quantity, "window": self._window(code),
            "urgency": urgency, "status": (path[-1] if path else _D.OPEN).value, "createdAt": _iso(created),
            "deadline": _iso((created + timedelta(days=deadline_days)).replace(hour=23, minute=59))
            if rng.random() < 0.85 else None,
            "source": rng.choice(_SOURCES), "areaId": community.place.id,
        }  # fmt: skip
        events, projects = self._timeline(demand, c, path, hours, created)
        return demand, events, projects

    def _category(self, community: _Community) -> str:
        rng = self.rng
        local = self.street_resources.get(community.street)
        if local and rng.random() < 0.65:
            return rng.choice(local).category
        top = rng.choices([t for t, _ in self.tops], [w for _, w in self.tops])[0]
        children = self.demo.children[top]
        return rng.choice(children) if children and rng.random() < 0.8 else top

    def _title(self, code: str, community: _Community, quantity: int, created: datetime) -> str:
        rng = self.rng
        estate = (
            self.demo.estates[rng.choice(community.estates)].place.name
            if community.estates
            else (
                f"{community.short}{rng.choice('一二三四五六')}组"
                if community.village
                else community.place.name
            )
        )
        template = rng.choice(_NEED_TITLES.get(code, _GENERIC_TITLES))
        return template.format(
            estate=estate, place=community.place.name, n=quantity, month=f"{created.month}月",
            activity=rng.choice(_ACTIVITIES), festival=rng.choice(_FESTIVALS),
            building=f"{rng.randint(1, 12)}栋", category=self.demo.tax.get(code).name,
        )  # fmt: skip

    def _window(self, code: str) -> list[str]:
        if code.startswith("parking.offpeak") or (code == "parking" and self.rng.random() < 0.5):
            return list(self.rng.choice(_OVERNIGHT[:3]))
        return list(self.rng.choice(_SERVICE if _top(code) != "venue" else _OFFICE))

    # -- the timeline ---------------------------------------------------------------------------
    def _timeline(
        self, demand: Row, c: int, path: tuple[DemandStatus, ...], hours: list[float], created: datetime
    ) -> tuple[list[Row], list[Row]]:
        rng, community = self.rng, self.demo.communities[c]
        street = self.demo.streets[community.street]
        events = [self._event(demand, 0, created, community.place.name, "raise", None, _D.OPEN,
                              f"{demand['source']}：{demand['title']}")]  # fmt: skip
        projects: list[Row] = []
        current: Row | None = None
        deliverer: tuple[str, str, str, _Res | None] | None = None  # (kind, id, name, resource)
        moment, state, escalated_to = created, _D.OPEN, None
        for seq, (target, h) in enumerate(zip(path, hours, strict=True), 1):
            moment = _daytime(moment + timedelta(minutes=round(h * 60)))
            actor, note = community.committee_name, None
            if target == _D.DISPATCHED:
                deliverer = self._deliverer(demand, c, escalated_to)
                current = self._project(demand, community, deliverer, len(projects))
                projects.append(current)
                note = f"{'改派' if state == _D.REJECTED else '派单'}至{deliverer[2]}"
            elif target in (_D.ACCEPTED, _D.REJECTED, _D.IN_PROGRESS, _D.DONE) and deliverer is not None:
                actor = deliverer[1] if deliverer[0] == "member" else deliverer[2]
                note = {_D.ACCEPTED: "接单", _D.IN_PROGRESS: "开始实施", _D.DONE: "已完成，待群众评价"}.get(
                    target, rng.choice(_REJECT_NOTES)
                )
            elif target == _D.ESCALATED:
                actor = street.committee_name
                escalated_to = self._government(community)
                note = f"街乡吹哨，提请{escalated_to.name if escalated_to else '职能部门'}报到"
            elif target == _D.CANCELLED:
                note = rng.choice(_CANCEL_NOTES)
            if current is not None and target in _PROJECT_AFTER and target != _D.DISPATCHED:
                self._advance(current, target, moment)
                if target == _D.CLOSED:
                    note = f"群众评价{current['rating']}星，办结"
            action = "redispatch" if target == _D.DISPATCHED and state == _D.REJECTED else _ACTIONS[target]
            events.append(self._event(demand, seq, moment, actor, action, state, target, note))
            state = target
        self._reserve(projects)
        return events, projects

    @staticmethod
    def _event(
        demand: Row,
        seq: int,
        at: datetime,
        actor: str,
        action: str,
        before: DemandStatus | None,
        after: DemandStatus,
        note: str | None,
    ) -> Row:
        return {"id": event_id(demand["id"], seq, action), "at": _iso(at), "actor": actor, "action": action,
                "fromStatus": before.value if before else None, "toStatus": after.value, "note": note,
                "subjectId": demand["id"]}  # fmt: skip

    def _advance(self, project: Row, target: DemandStatus, moment: datetime) -> None:
        status = _PROJECT_AFTER[target]
        if target == _D.CANCELLED and project["status"] not in _OPEN_PROJECTS:
            return
        project["status"] = status.value
        if status == ProjectStatus.IN_PROGRESS:
            project["startedAt"] = _iso(moment)
        elif status == ProjectStatus.DONE:
            project["completedAt"] = _iso(moment)
        elif status == ProjectStatus.CLOSED:
            rating = self.rng.choices((5, 4, 3, 2, 1), (55, 30, 10, 3, 2))[0]
            project["rating"] = rating
            project["feedback"] = self.rng.choice(_FEEDBACK[rating])

    def _reserve(self, projects: list[Row]) -> None:
        """Open projects hold capacity: take it from the resource, or drop the USES when it is gone."""
        for project in projects:
            res: _Res | None = project.pop("_resource")
            if res is None:
                continue
            if project["status"] in _OPEN_PROJECTS:
                if res.remaining < project["uses"] or not res.active:
                    project["resourceId"], project["uses"] = None, None
                    continue
                res.remaining -= project["uses"]

    # -- who delivers ---------------------------------------------------------------------------
    def _deliverer(
        self, demand: Row, c: int, escalated_to: _Unit | None
    ) -> tuple[str, str, str, _Res | None]:
        if escalated_to is not None:
            return ("unit", escalated_to.id, escalated_to.name, None)
        community = self.demo.communities[c]
        res = self._resource(demand["category"], demand["quantity"], c)
        if res is not None:
            return (res.owner_kind, res.owner_id, res.owner_name, res)
        units = self.demo.units
        pool = community.partners or community.units
        if pool:
            unit = units[self.rng.choice(pool)]
        else:
            street = self.demo.streets[community.street]
            nearby = [u for other in street.communities for u in self.demo.communities[other].units]
            unit = units[self.rng.choice(nearby)] if nearby else units[self.rng.randrange(len(units))]
        return ("unit", unit.id, unit.name, None)

    def _resource(self, code: str, quantity: int, c: int) -> _Res | None:
        rng = self.rng
        street = self.demo.communities[c].street
        district = self.demo.streets[street].district
        codes = self.narrower.get(code, [code])
        for table, key in ((self.by_community, c), (self.by_street, street), (self.by_district, district)):
            pool = [r for k in codes for r in table.get((key, k), ())]
            if len(pool) > 24:
                pool = rng.sample(pool, 24)
            fits = [r for r in pool if r.active and r.remaining >= quantity]
            if fits:
                return rng.choice(fits)
        return None

    def _government(self, community: _Community) -> _Unit | None:
        """The agency a street's whistle calls (街乡吹哨、部门报到): one of its own, else the district's."""
        units = self.local_governments.get(community.street) or self.governments.get(
            self.demo.streets[community.street].district
        )
        return self.rng.choice(units) if units else None

    def _project(
        self, demand: Row, community: _Community, deliverer: tuple[str, str, str, _Res | None], seq: int
    ) -> Row:
        kind, who, name, res = deliverer
        category = self.demo.tax.get(demand["category"]).name
        title = f"{name if kind == 'unit' else '党员志愿者'}助力{community.place.name}{category}"
        uses = min(demand["quantity"], res.remaining) if res is not None else None
        return {
            "id": project_id(demand["id"], who, res.id if res else None, seq), "title": title,
            "status": ProjectStatus.PROPOSED.value, "quantity": demand["quantity"] if uses is None else uses,
            "startedAt": None,
            "completedAt": None, "rating": None, "feedback": None, "demandId": demand["id"],
            "delivererId": who,
            "resourceId": res.id if res else None, "uses": uses, "delivererKind": kind, "_resource": res,
        }  # fmt: skip


# ============================================================================ entry point
def load_demo(
    graph: Graph,
    *,
    scale: Scale = "district",
    seed: int = 0,
    progress: Progress | None = None,
    batch_size: int = 5000,
    replace: bool = False,
) -> dict[str, int]:
    """Write the demo network of ``scale`` into ``graph``; returns node counts per label and
    relationship counts per type that were written (``{"Area": …, "WITHIN": …}``).

    Refuses (``ValueError``) when the graph already holds areas, units or members, unless ``replace``
    is true: then the graph is cleared and its schema initialised again first. Categories come from
    the graph's taxonomy (``init_schema``); when they are missing, ``init_schema`` runs first.
    """
    if scale not in SCALES:
        raise ValueError(f'unknown demo scale "{scale}"; use one of {", ".join(SCALES)}')
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1 (got {batch_size})")
    _make_room(graph, replace)
    taxonomy = Taxonomy.load()
    present = {row["code"] for row in graph.read(graph.named("demo_category_codes"))}
    if not {c.code for c in taxonomy.categories} <= present:
        init_schema(graph, taxonomy)
    writer = _Writer(graph, batch_size, progress)
    try:
        _Demo(SCALES[scale], seed, taxonomy).run(writer)
        writer.finish()
    finally:
        writer.stop()
    return dict(sorted(writer.counts.items()))


def _make_room(graph: Graph, replace: bool) -> None:
    existing = graph.read(graph.named("demo_guard"))[0]
    if not any(existing.values()):
        return
    if not replace:
        held = ", ".join(f"{n} {kind}" for kind, n in existing.items() if n)
        raise ValueError(
            f"the graph {graph.description} already holds data ({held}); load the demo into an empty "
            "graph, or pass replace=True (CLI: --replace) to clear it first"
        )
    graph.clear()
    init_schema(graph)
