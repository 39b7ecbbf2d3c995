"""The demo's words and tables: names, unit types and what they offer, quantities, schedules, titles."""

from __future__ import annotations

from itertools import accumulate

from ..model import UnitType

_CITY = "曲靖市"


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
_MEMBER_STATUSES = ("in_service", "retired", "mobile", "new_employment")
_VILLAGE_SHARES = (25, 70, 92, 100)
_TOWN_SHARES = (46, 84, 90, 100)
_SKILLS = (40, 75, 93, 100)
