import { industryNames } from '../../shared/enums.js';
import type { Enterprise } from '../entities/index.js';

/**
 * The catalogue of preferential tax policies the handbook draws on (适用的税费优惠政策): national policies
 * in force for enterprises in Bazhong, each with the document it rests on, what it gives, who qualifies
 * and for how long, and the industries and enterprise sizes it is selected for. Selection says a policy
 * may fit; whether the enterprise qualifies is the conditions' question, which the liaison goes through
 * with it. Keep to documents as published: a wrong document number in a handbook misleads the enterprise.
 */

type Industry = Enterprise['industry'];
export type EnterpriseSize = 'LARGE' | 'SMALL_MICRO';

export interface PolicyEntry {
  code: string;
  name: string;
  taxes: string[];
  document: string;
  benefit: string;
  conditions: string;
  validity: string;
  /** The industries it is selected for: a list, or every industry but `excluded`. */
  industries: readonly Industry[] | 'ALL';
  excluded?: readonly Industry[];
  sizes: readonly EnterpriseSize[];
}

const BOTH: readonly EnterpriseSize[] = ['LARGE', 'SMALL_MICRO'];
const VAT = '增值税';
const CIT = '企业所得税';

export const policyCatalogue: readonly PolicyEntry[] = [
  {
    code: 'RD_SUPER_DEDUCTION',
    name: '研发费用税前加计扣除',
    taxes: [CIT],
    document:
      '《财政部 税务总局关于进一步完善研发费用税前加计扣除政策的公告》（财政部 税务总局公告2023年第7号）',
    benefit:
      '研发费用未形成无形资产计入当期损益的，在据实扣除的基础上再按实际发生额的100%在税前加计扣除；形成无形资产的，按无形资产成本的200%在税前摊销。',
    conditions:
      '会计核算健全、实行查账征收并能准确归集研发费用的居民企业；烟草制造业、住宿和餐饮业、批发和零售业、房地产业、租赁和商务服务业、娱乐业不适用（《财政部 国家税务总局 科技部关于完善研究开发费用税前加计扣除政策的通知》财税〔2015〕119号）。',
    validity: '自2023年1月1日起作为制度性安排长期实施',
    industries: 'ALL',
    excluded: ['WHOLESALE_RETAIL', 'ACCOMMODATION_CATERING', 'REAL_ESTATE', 'BUSINESS_SERVICES'],
    sizes: BOTH,
  },
  {
    code: 'ADVANCED_MANUFACTURING_VAT_CREDIT',
    name: '先进制造业企业增值税加计抵减',
    taxes: [VAT],
    document:
      '《财政部 税务总局关于先进制造业企业增值税加计抵减政策的公告》（财政部 税务总局公告2023年第43号）',
    benefit: '按照当期可抵扣进项税额加计5%抵减应纳增值税税额。',
    conditions: '高新技术企业（含所属的非法人分支机构）中的制造业一般纳税人。',
    validity: '2023年1月1日至2027年12月31日',
    industries: ['MANUFACTURING'],
    sizes: BOTH,
  },
  {
    code: 'WESTERN_DEVELOPMENT_CIT',
    name: '西部大开发企业所得税优惠',
    taxes: [CIT],
    document:
      '《财政部 税务总局 国家发展改革委关于延续西部大开发企业所得税政策的公告》（财政部 税务总局 国家发展改革委公告2020年第23号）',
    benefit: '设在西部地区的鼓励类产业企业减按15%的税率征收企业所得税。',
    conditions:
      '以《西部地区鼓励类产业目录》中规定的产业项目为主营业务，且其主营业务收入占企业收入总额60%以上；巴中市属西部地区。',
    validity: '2021年1月1日至2030年12月31日',
    industries: 'ALL',
    excluded: ['FINANCE', 'REAL_ESTATE'],
    sizes: BOTH,
  },
  {
    code: 'VAT_CREDIT_REFUND',
    name: '增值税期末留抵退税（制造业等行业）',
    taxes: [VAT],
    document:
      '《财政部 税务总局关于进一步加大增值税期末留抵退税政策实施力度的公告》（财政部 税务总局公告2022年第14号）、《财政部 税务总局关于扩大全额退还增值税留抵税额政策行业范围的公告》（财政部 税务总局公告2022年第21号）',
    benefit: '可按月向主管税务机关申请退还增量留抵税额，并可一次性申请退还存量留抵税额。',
    conditions:
      '所列行业的销售额占全部增值税销售额的比重超过50%；纳税信用等级为A级或B级；申请退税前36个月未发生骗取留抵退税、骗取出口退税或虚开增值税专用发票情形，未因偷税被税务机关处罚两次及以上；2019年4月1日起未享受即征即退、先征后返（退）政策。',
    validity: '自2022年4月1日起执行（第21号公告所列行业自2022年7月1日起）',
    industries: [
      'MANUFACTURING',
      'UTILITIES',
      'INFORMATION_TECHNOLOGY',
      'TRANSPORT',
      'PUBLIC_FACILITIES',
      'WHOLESALE_RETAIL',
      'AGRICULTURE',
      'ACCOMMODATION_CATERING',
      'RESIDENT_SERVICES',
      'EDUCATION',
      'HEALTH',
      'CULTURE',
    ],
    sizes: BOTH,
  },
  {
    code: 'DISABLED_EMPLOYMENT_VAT',
    name: '安置残疾人就业增值税即征即退',
    taxes: [VAT],
    document: '《财政部 国家税务总局关于促进残疾人就业增值税优惠政策的通知》（财税〔2016〕52号）',
    benefit:
      '由税务机关按安置残疾人的人数限额即征即退增值税，每月退还限额为所安置的每位残疾人每月最低工资标准的4倍。',
    conditions:
      '月安置的残疾人占在职职工人数的比例不低于25%（含），且安置的残疾人人数不少于10人（含）；依法签订一年以上劳动合同或服务协议，足额缴纳社会保险，通过银行等金融机构按月支付不低于最低工资标准的工资。',
    validity: '自2016年5月1日起执行',
    industries: 'ALL',
    sizes: BOTH,
  },
  {
    code: 'DISABLED_WAGES_CIT',
    name: '安置残疾人员工资加计扣除',
    taxes: [CIT],
    document:
      '《中华人民共和国企业所得税法》第三十条、《财政部 国家税务总局关于安置残疾人员就业有关企业所得税优惠政策问题的通知》（财税〔2009〕70号）',
    benefit: '支付给残疾职工的工资在据实扣除的基础上，再按100%加计扣除。',
    conditions:
      '与安置的每位残疾人签订1年以上的劳动合同或服务协议并实际上岗工作；足额缴纳基本养老保险、基本医疗保险等社会保险；按月足额支付不低于最低工资标准的工资。',
    validity: '自2008年1月1日起执行',
    industries: 'ALL',
    sizes: BOTH,
  },
  {
    code: 'HIGH_TECH_CIT',
    name: '高新技术企业减按15%税率征收企业所得税',
    taxes: [CIT],
    document:
      '《中华人民共和国企业所得税法》第二十八条、《高新技术企业认定管理办法》（国科发火〔2016〕32号）',
    benefit: '国家需要重点扶持的高新技术企业，减按15%的税率征收企业所得税。',
    conditions: '取得高新技术企业证书且在有效期内；与西部大开发15%税率优惠不叠加享受，择一适用。',
    validity: '长期执行（资格有效期三年）',
    industries: [
      'MANUFACTURING',
      'INFORMATION_TECHNOLOGY',
      'UTILITIES',
      'MINING',
      'HEALTH',
      'CONSTRUCTION',
      'PUBLIC_FACILITIES',
    ],
    sizes: BOTH,
  },
  {
    code: 'EQUIPMENT_ONE_OFF_DEDUCTION',
    name: '设备、器具一次性税前扣除',
    taxes: [CIT],
    document:
      '《财政部 税务总局关于设备、器具扣除有关企业所得税政策的公告》（财政部 税务总局公告2023年第37号）',
    benefit:
      '新购进的设备、器具，单位价值不超过500万元的，允许一次性计入当期成本费用在计算应纳税所得额时扣除，不再分年度计算折旧。',
    conditions: '设备、器具指除房屋、建筑物以外的固定资产，于2024年1月1日至2027年12月31日期间新购进。',
    validity: '2024年1月1日至2027年12月31日',
    industries: 'ALL',
    sizes: BOTH,
  },
  {
    code: 'RESOURCE_RECYCLING_VAT',
    name: '资源综合利用增值税即征即退',
    taxes: [VAT],
    document: '《财政部 税务总局关于完善资源综合利用增值税政策的公告》（财政部 税务总局公告2021年第40号）',
    benefit:
      '销售自产的资源综合利用产品和提供资源综合利用劳务，按《资源综合利用产品和劳务增值税优惠目录（2022年版）》规定的退税比例实行增值税即征即退。',
    conditions:
      '增值税一般纳税人；综合利用的资源、产品及技术标准符合目录要求，并满足公告规定的纳税信用等条件。',
    validity: '自2022年3月1日起执行',
    industries: ['MANUFACTURING', 'UTILITIES', 'PUBLIC_FACILITIES', 'MINING'],
    sizes: BOTH,
  },
  {
    code: 'ENVIRONMENTAL_PROJECT_CIT',
    name: '环境保护、节能节水项目所得“三免三减半”',
    taxes: [CIT],
    document:
      '《中华人民共和国企业所得税法实施条例》第八十八条、《环境保护、节能节水项目企业所得税优惠目录（2021年版）》（财政部 税务总局 国家发展改革委 生态环境部公告2021年第36号）',
    benefit:
      '符合条件的项目所得，自项目取得第一笔生产经营收入所属纳税年度起，第一年至第三年免征企业所得税，第四年至第六年减半征收。',
    conditions: '从事目录所列的公共污水处理、公共垃圾处理、沼气综合开发利用、节能减排技术改造等项目。',
    validity: '长期执行（目录自2021年1月1日起施行）',
    industries: ['PUBLIC_FACILITIES', 'UTILITIES'],
    sizes: BOTH,
  },
  {
    code: 'INFRASTRUCTURE_CIT',
    name: '公共基础设施项目所得“三免三减半”',
    taxes: [CIT],
    document:
      '《中华人民共和国企业所得税法实施条例》第八十七条、《公共基础设施项目企业所得税优惠目录（2008年版）》（财税〔2008〕116号）',
    benefit:
      '从事国家重点扶持的公共基础设施项目投资经营的所得，自项目取得第一笔生产经营收入所属纳税年度起，三年免征、三年减半征收企业所得税。',
    conditions:
      '港口码头、机场、铁路、公路、城市公共交通、电力、水利等目录内项目；企业承包经营、承包建设和内部自建自用的不得享受。',
    validity: '长期执行',
    industries: ['TRANSPORT', 'UTILITIES', 'PUBLIC_FACILITIES'],
    sizes: BOTH,
  },
  {
    code: 'AGRICULTURE_CIT',
    name: '农、林、牧、渔业项目所得减免企业所得税',
    taxes: [CIT],
    document: '《中华人民共和国企业所得税法实施条例》第八十六条',
    benefit:
      '蔬菜、谷物、中药材种植，林木培育，牲畜、家禽饲养，农产品初加工等项目的所得免征企业所得税；花卉、茶及其他饮料作物和香料作物种植，海水养殖、内陆养殖的所得减半征收。',
    conditions: '从事条例所列农、林、牧、渔业项目并单独核算其所得。',
    validity: '长期执行',
    industries: ['AGRICULTURE'],
    sizes: BOTH,
  },
  {
    code: 'FARM_PRODUCE_VAT',
    name: '农业生产者销售自产农产品免征增值税',
    taxes: [VAT],
    document: '《中华人民共和国增值税法》第二十四条',
    benefit: '农业生产者销售的自产农产品免征增值税。',
    conditions: '从事种植业、养殖业、林业、牧业、水产业的单位和个人销售自产的初级农产品。',
    validity: '自2026年1月1日起施行（此前依《中华人民共和国增值税暂行条例》第十五条）',
    industries: ['AGRICULTURE'],
    sizes: BOTH,
  },
  {
    code: 'SOFTWARE_VAT',
    name: '软件产品增值税即征即退',
    taxes: [VAT],
    document: '《财政部 国家税务总局关于软件产品增值税政策的通知》（财税〔2011〕100号）',
    benefit:
      '一般纳税人销售其自行开发生产的软件产品，按法定税率征收增值税后，对实际税负超过3%的部分即征即退。',
    conditions: '取得著作权行政管理部门颁发的《计算机软件著作权登记证书》等证明材料。',
    validity: '自2011年1月1日起执行',
    industries: ['INFORMATION_TECHNOLOGY'],
    sizes: BOTH,
  },
  {
    code: 'MICRO_LOAN_INTEREST_VAT',
    name: '金融机构小微企业小额贷款利息收入免征增值税',
    taxes: [VAT],
    document: '《财政部 税务总局关于支持小微企业融资有关税收政策的公告》（财政部 税务总局公告2023年第13号）',
    benefit: '金融机构向小型企业、微型企业及个体工商户发放小额贷款取得的利息收入，免征增值税。',
    conditions: '小额贷款指单户授信1000万元（含）以下的贷款，并按公告规定的利率条件选择适用。',
    validity: '执行至2027年12月31日',
    industries: ['FINANCE'],
    sizes: BOTH,
  },
  {
    code: 'FARMER_LOAN_INTEREST_VAT',
    name: '金融机构农户小额贷款利息收入免征增值税',
    taxes: [VAT],
    document:
      '《财政部 税务总局关于延续实施金融机构农户贷款利息收入免征增值税政策的公告》（财政部 税务总局公告2023年第67号）',
    benefit: '金融机构向农户发放小额贷款取得的利息收入，免征增值税。',
    conditions: '单户授信100万元（含）以下的农户小额贷款。',
    validity: '执行至2027年12月31日',
    industries: ['FINANCE'],
    sizes: BOTH,
  },
  {
    code: 'ORDINARY_HOUSING_LAND_VAT',
    name: '普通标准住宅增值额未超过20%免征土地增值税',
    taxes: ['土地增值税'],
    document: '《中华人民共和国土地增值税暂行条例》第八条',
    benefit: '建造普通标准住宅出售，增值额未超过扣除项目金额20%的，免征土地增值税。',
    conditions: '普通标准住宅按当地标准认定；增值额超过扣除项目金额20%的，应就其全部增值额计税。',
    validity: '长期执行',
    industries: ['REAL_ESTATE'],
    sizes: BOTH,
  },
  {
    code: 'LOGISTICS_LAND_USE_TAX',
    name: '物流企业大宗商品仓储设施用地城镇土地使用税减半',
    taxes: ['城镇土地使用税'],
    document:
      '《财政部 税务总局关于继续实施物流企业大宗商品仓储设施用地城镇土地使用税优惠政策的公告》（财政部 税务总局公告2023年第5号）',
    benefit:
      '物流企业自有（包括自用和出租）或承租的大宗商品仓储设施用地，减按所属土地等级适用税额标准的50%计征城镇土地使用税。',
    conditions:
      '仓储设施占地面积不低于6000平方米，且主要储存粮食、棉花、油料、蔬菜、水果、肉类、化肥、钢材、水泥、木材等大宗商品。',
    validity: '2023年1月1日至2027年12月31日',
    industries: ['TRANSPORT', 'WHOLESALE_RETAIL'],
    sizes: BOTH,
  },
  {
    code: 'RESOURCE_TAX_REDUCTION',
    name: '资源税减征（高含硫天然气、衰竭期矿山等）',
    taxes: ['资源税'],
    document: '《中华人民共和国资源税法》第六条',
    benefit:
      '高含硫天然气、三次采油和从深水油气田开采的原油、天然气减征30%；从衰竭期矿山开采的矿产品减征30%；从低丰度油气田开采的原油、天然气减征20%。',
    conditions: '减税项目的销售额或者销售数量须单独核算。',
    validity: '自2020年9月1日起施行',
    industries: ['MINING'],
    sizes: BOTH,
  },
  {
    code: 'MEDICAL_SERVICE_VAT',
    name: '医疗机构提供的医疗服务免征增值税',
    taxes: [VAT],
    document: '《中华人民共和国增值税法》第二十四条',
    benefit: '医疗机构提供的医疗服务免征增值税。',
    conditions: '依法设立的医疗机构提供的医疗服务。',
    validity: '自2026年1月1日起施行',
    industries: ['HEALTH'],
    sizes: BOTH,
  },
  {
    code: 'EDUCATION_SERVICE_VAT',
    name: '学历教育服务免征增值税',
    taxes: [VAT],
    document: '《中华人民共和国增值税法》第二十四条',
    benefit: '学校提供的学历教育服务免征增值税。',
    conditions: '提供学历教育服务的学校。',
    validity: '自2026年1月1日起施行',
    industries: ['EDUCATION'],
    sizes: BOTH,
  },
  {
    code: 'SMALL_LOW_PROFIT_CIT',
    name: '小型微利企业所得税优惠',
    taxes: [CIT],
    document:
      '《财政部 税务总局关于进一步支持小微企业和个体工商户发展有关税费政策的公告》（财政部 税务总局公告2023年第12号）',
    benefit: '减按25%计算应纳税所得额，按20%的税率缴纳企业所得税。',
    conditions:
      '从事国家非限制和禁止行业，年度应纳税所得额不超过300万元、从业人数不超过300人、资产总额不超过5000万元。',
    validity: '2023年1月1日至2027年12月31日',
    industries: 'ALL',
    sizes: ['SMALL_MICRO'],
  },
  {
    code: 'SIX_TAXES_TWO_FEES',
    name: '“六税两费”减半征收',
    taxes: [
      '资源税',
      '城市维护建设税',
      '房产税',
      '城镇土地使用税',
      '印花税',
      '耕地占用税',
      '教育费附加',
      '地方教育附加',
    ],
    document:
      '《财政部 税务总局关于进一步支持小微企业和个体工商户发展有关税费政策的公告》（财政部 税务总局公告2023年第12号）',
    benefit:
      '减半征收资源税（不含水资源税）、城市维护建设税、房产税、城镇土地使用税、印花税（不含证券交易印花税）、耕地占用税和教育费附加、地方教育附加。',
    conditions: '增值税小规模纳税人、小型微利企业和个体工商户。',
    validity: '2023年1月1日至2027年12月31日',
    industries: 'ALL',
    sizes: ['SMALL_MICRO'],
  },
];

const industryName = (industry: Industry) => (industryNames[industry] ?? industry).replace(/^[A-Z] /, '');

/** A policy as the handbook shows it: the entry and why it was selected for this enterprise. */
export type SelectedPolicy = Omit<PolicyEntry, 'industries' | 'excluded' | 'sizes'> & { reason: string };

/** The catalogue's policies that fit an industry and a size, in catalogue order. */
export function policiesFor(industry: Industry, size: EnterpriseSize): SelectedPolicy[] {
  return policyCatalogue
    .filter(
      (p) =>
        p.sizes.includes(size) &&
        (p.industries === 'ALL' ? !p.excluded?.includes(industry) : p.industries.includes(industry)),
    )
    .map(({ industries, excluded: _excluded, sizes: _sizes, ...shown }) => ({
      ...shown,
      reason:
        industries === 'ALL'
          ? `不限行业，${industryName(industry)}企业符合适用条件的均可享受 (any industry that meets the conditions)`
          : `适用于${industryName(industry)}企业 (selected for its industry)`,
    }));
}
