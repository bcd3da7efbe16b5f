import type { Enterprise } from '../entities/index.js';
import type { ProactiveKind } from '../entities/proactive.js';
import { policyCatalogue } from '../service-account/policies.js';

/**
 * What proactive actions are made of: their kinds, the policy documents they cite and the 33 kinds of
 * personalised policy package (优惠政策礼包). Documents are quoted as published: a wrong document number
 * in a message misleads the taxpayer.
 */

export const kindLabels: Record<ProactiveKind, string> = {
  RISK_REMINDER: '风险提醒 (risk reminder)',
  POLICY_PUSH: '政策精准推送 (precise policy push)',
  POLICY_PACKAGE: '优惠政策礼包 (personalised policy package)',
};

const catalogueDocument = (code: string): string => {
  const entry = policyCatalogue.find((p) => p.code === code);
  if (!entry) throw new Error(`no policy ${code} in the catalogue`);
  return entry.document;
};

/** Documents cited by proactive messages beyond the handbook's catalogue of preferential policies. */
export const documents = {
  SMALL_SCALE_VAT:
    '《财政部 税务总局关于增值税小规模纳税人减免增值税政策的公告》（财政部 税务总局公告2023年第19号）',
  SMALL_MICRO_AND_INDIVIDUAL_BUSINESS:
    '《财政部 税务总局关于进一步支持小微企业和个体工商户发展有关税费政策的公告》（财政部 税务总局公告2023年第12号）',
  KEY_GROUPS:
    '《财政部 税务总局 人力资源社会保障部 农业农村部关于进一步支持重点群体创业就业有关税收政策的公告》（财政部 税务总局 人力资源社会保障部 农业农村部公告2023年第15号）',
  VETERANS:
    '《财政部 税务总局 退役军人事务部关于进一步扶持自主就业退役士兵创业就业有关税收政策的公告》（财政部 税务总局 退役军人事务部公告2023年第14号）',
  IIT_SPECIAL_DEDUCTIONS: '《个人所得税专项附加扣除暂行办法》（国发〔2018〕41号）',
  CHILDCARE_IIT: '《国务院关于设立3岁以下婴幼儿照护个人所得税专项附加扣除的通知》（国发〔2022〕8号）',
  IIT_DEDUCTION_STANDARDS: '《国务院关于提高个人所得税有关专项附加扣除标准的通知》（国发〔2023〕13号）',
  CREDIT_MANAGEMENT: '《纳税信用管理办法（试行）》（国家税务总局公告2014年第40号）',
  CREDIT_REPAIR: '《国家税务总局关于纳税信用修复有关事项的公告》（国家税务总局公告2019年第37号）',
  TAX_ADMINISTRATION_LAW: '《中华人民共和国税收征收管理法》',
  INVOICE_RULES: '《中华人民共和国发票管理办法》',
  DIGITAL_INVOICE: '《国家税务总局关于推广应用全面数字化电子发票的公告》（国家税务总局公告2024年第11号）',
  SOCIAL_INSURANCE_LAW: '《中华人民共和国社会保险法》',
  SOCIAL_INSURANCE_COLLECTION: '《社会保险费征缴暂行条例》',
  VAT_LAW: '《中华人民共和国增值税法》',
  DEED_TAX_LAW: '《中华人民共和国契税法》',
} as const;

type Industry = Enterprise['industry'];

/** The taxpayers a package is for, as TAXPAYER_PROFILE parameters (at least one is set). */
export interface PackageAudience {
  industries?: Industry[];
  creditRatings?: Enterprise['creditRating'][];
  registrationTypes?: Enterprise['registrationType'][];
  /** Registered within this many days before planning. */
  registeredWithinDays?: number;
  largeEnterprise?: boolean;
}

export interface PolicyPackage {
  code: string;
  name: string;
  /** The appeal topic it answers. */
  topic: string;
  audience: PackageAudience;
  /** Who it is for, in words. */
  audienceText: string;
  documents: string[];
}

const pkg = (
  code: string,
  name: string,
  audienceText: string,
  audience: PackageAudience,
  docs: string[],
  topic = 'PREFERENTIAL_POLICY',
): PolicyPackage => ({ code, name, topic, audience, audienceText, documents: docs });

const c = catalogueDocument;
const d = documents;

/** 33 kinds of personalised policy package (优惠政策礼包), by the taxpayers each is for. */
export const policyPackages: readonly PolicyPackage[] = [
  pkg('SMALL_MICRO_GENERAL', '小微企业普惠减免礼包', '非大企业', { largeEnterprise: false }, [
    c('SMALL_LOW_PROFIT_CIT'),
    d.SMALL_SCALE_VAT,
  ]),
  pkg(
    'NEW_TAXPAYER',
    '新办纳税人开业礼包',
    '登记不满 180 天的纳税人',
    { registeredWithinDays: 180 },
    [d.TAX_ADMINISTRATION_LAW, d.DIGITAL_INVOICE, d.SMALL_SCALE_VAT],
    'FILING',
  ),
  pkg(
    'SMALL_SCALE_VAT',
    '小规模纳税人增值税减免礼包',
    '私营、个体及合伙纳税人',
    {
      registrationTypes: ['PRIVATE', 'INDIVIDUAL_BUSINESS', 'PARTNERSHIP'],
      largeEnterprise: false,
    },
    [d.SMALL_SCALE_VAT, d.VAT_LAW],
  ),
  pkg(
    'INDIVIDUAL_BUSINESS',
    '个体工商户减税礼包',
    '个体工商户',
    { registrationTypes: ['INDIVIDUAL_BUSINESS'] },
    [d.SMALL_MICRO_AND_INDIVIDUAL_BUSINESS, d.SMALL_SCALE_VAT],
  ),
  pkg(
    'RD_SUPER_DEDUCTION',
    '研发费用加计扣除礼包',
    '制造业、信息技术服务业纳税人',
    { industries: ['MANUFACTURING', 'INFORMATION_TECHNOLOGY'] },
    [c('RD_SUPER_DEDUCTION')],
  ),
  pkg(
    'HIGH_TECH',
    '高新技术企业礼包',
    '制造业、信息技术服务业大企业',
    {
      industries: ['MANUFACTURING', 'INFORMATION_TECHNOLOGY'],
      largeEnterprise: true,
    },
    [c('HIGH_TECH_CIT'), c('RD_SUPER_DEDUCTION')],
  ),
  pkg(
    'ADVANCED_MANUFACTURING',
    '先进制造业增值税加计抵减礼包',
    '制造业纳税人',
    { industries: ['MANUFACTURING'] },
    [c('ADVANCED_MANUFACTURING_VAT_CREDIT')],
  ),
  pkg(
    'VAT_CREDIT_REFUND',
    '增值税留抵退税礼包',
    '制造业、交通运输、电力燃气水等行业纳税人',
    { industries: ['MANUFACTURING', 'TRANSPORT', 'UTILITIES', 'INFORMATION_TECHNOLOGY'] },
    [c('VAT_CREDIT_REFUND')],
    'REFUND',
  ),
  pkg('WESTERN_DEVELOPMENT', '西部大开发企业所得税礼包', '大企业', { largeEnterprise: true }, [
    c('WESTERN_DEVELOPMENT_CIT'),
  ]),
  pkg(
    'EQUIPMENT_DEDUCTION',
    '设备器具一次性扣除礼包',
    '制造业、建筑业、交通运输业纳税人',
    { industries: ['MANUFACTURING', 'CONSTRUCTION', 'TRANSPORT'] },
    [c('EQUIPMENT_ONE_OFF_DEDUCTION')],
  ),
  pkg(
    'DISABLED_EMPLOYMENT',
    '安置残疾人就业礼包',
    '制造业、居民服务业纳税人',
    {
      industries: ['MANUFACTURING', 'RESIDENT_SERVICES'],
    },
    [c('DISABLED_EMPLOYMENT_VAT'), c('DISABLED_WAGES_CIT')],
  ),
  pkg(
    'KEY_GROUPS_EMPLOYMENT',
    '重点群体创业就业礼包',
    '个体工商户与私营企业',
    {
      registrationTypes: ['INDIVIDUAL_BUSINESS', 'PRIVATE'],
    },
    [d.KEY_GROUPS],
  ),
  pkg(
    'VETERANS_EMPLOYMENT',
    '退役士兵创业就业礼包',
    '个体工商户与私营企业',
    {
      registrationTypes: ['INDIVIDUAL_BUSINESS', 'PRIVATE'],
    },
    [d.VETERANS],
  ),
  pkg('AGRICULTURE', '农业生产者礼包', '农、林、牧、渔业纳税人', { industries: ['AGRICULTURE'] }, [
    c('AGRICULTURE_CIT'),
    c('FARM_PRODUCE_VAT'),
  ]),
  pkg('RURAL_FINANCE', '金融支农支小礼包', '金融业纳税人', { industries: ['FINANCE'] }, [
    c('MICRO_LOAN_INTEREST_VAT'),
    c('FARMER_LOAN_INTEREST_VAT'),
  ]),
  pkg('SOFTWARE', '软件产品礼包', '信息技术服务业纳税人', { industries: ['INFORMATION_TECHNOLOGY'] }, [
    c('SOFTWARE_VAT'),
  ]),
  pkg(
    'RESOURCE_RECYCLING',
    '资源综合利用礼包',
    '制造业、电力燃气水、采矿业纳税人',
    {
      industries: ['MANUFACTURING', 'UTILITIES', 'MINING'],
    },
    [c('RESOURCE_RECYCLING_VAT')],
  ),
  pkg(
    'ENVIRONMENTAL_PROJECTS',
    '环保节能节水项目礼包',
    '公共设施管理、电力燃气水业纳税人',
    {
      industries: ['PUBLIC_FACILITIES', 'UTILITIES'],
    },
    [c('ENVIRONMENTAL_PROJECT_CIT')],
  ),
  pkg(
    'INFRASTRUCTURE_PROJECTS',
    '公共基础设施项目礼包',
    '交通运输、电力燃气水、公共设施管理业纳税人',
    {
      industries: ['TRANSPORT', 'UTILITIES', 'PUBLIC_FACILITIES'],
    },
    [c('INFRASTRUCTURE_CIT')],
  ),
  pkg(
    'LOGISTICS',
    '物流仓储礼包',
    '交通运输、批发零售业纳税人',
    { industries: ['TRANSPORT', 'WHOLESALE_RETAIL'] },
    [c('LOGISTICS_LAND_USE_TAX')],
  ),
  pkg('MINING_RESOURCE_TAX', '资源税减征礼包', '采矿业纳税人', { industries: ['MINING'] }, [
    c('RESOURCE_TAX_REDUCTION'),
  ]),
  pkg('MEDICAL_SERVICE', '医疗服务礼包', '卫生和社会工作纳税人', { industries: ['HEALTH'] }, [
    c('MEDICAL_SERVICE_VAT'),
  ]),
  pkg('EDUCATION_SERVICE', '教育服务礼包', '教育业纳税人', { industries: ['EDUCATION'] }, [
    c('EDUCATION_SERVICE_VAT'),
  ]),
  pkg(
    'REAL_ESTATE',
    '房地产开发礼包',
    '房地产业纳税人',
    { industries: ['REAL_ESTATE'] },
    [c('ORDINARY_HOUSING_LAND_VAT'), d.DEED_TAX_LAW],
    'DEED_TAX',
  ),
  pkg(
    'CATERING_ACCOMMODATION',
    '住宿餐饮业礼包',
    '住宿和餐饮业纳税人',
    { industries: ['ACCOMMODATION_CATERING'] },
    [d.SMALL_SCALE_VAT, c('SIX_TAXES_TWO_FEES')],
  ),
  pkg('WHOLESALE_RETAIL', '批发零售业礼包', '批发和零售业纳税人', { industries: ['WHOLESALE_RETAIL'] }, [
    d.SMALL_SCALE_VAT,
    c('SIX_TAXES_TWO_FEES'),
  ]),
  pkg('CONSTRUCTION', '建筑业礼包', '建筑业纳税人', { industries: ['CONSTRUCTION'] }, [
    d.VAT_LAW,
    c('SIX_TAXES_TWO_FEES'),
  ]),
  pkg('CULTURE_SPORTS', '文化体育娱乐业礼包', '文化、体育和娱乐业纳税人', { industries: ['CULTURE'] }, [
    c('SMALL_LOW_PROFIT_CIT'),
    c('SIX_TAXES_TWO_FEES'),
  ]),
  pkg(
    'RESIDENT_SERVICES',
    '居民服务业礼包',
    '居民服务、修理和其他服务业纳税人',
    {
      industries: ['RESIDENT_SERVICES'],
    },
    [d.SMALL_SCALE_VAT, c('SIX_TAXES_TWO_FEES')],
  ),
  pkg(
    'CREDIT_A_INCENTIVES',
    'A 级纳税人激励礼包',
    '纳税信用 A 级纳税人',
    { creditRatings: ['A'] },
    [d.CREDIT_MANAGEMENT],
    'CREDIT',
  ),
  pkg(
    'CREDIT_REPAIR',
    '纳税信用修复礼包',
    '纳税信用 C、D 级纳税人',
    { creditRatings: ['C', 'D'] },
    [d.CREDIT_REPAIR, d.CREDIT_MANAGEMENT],
    'CREDIT',
  ),
  pkg(
    'WITHHOLDING_AGENT_IIT',
    '扣缴义务人个税专项附加扣除礼包',
    '大企业（扣缴义务人）',
    { largeEnterprise: true },
    [d.IIT_SPECIAL_DEDUCTIONS, d.CHILDCARE_IIT, d.IIT_DEDUCTION_STANDARDS],
  ),
  pkg(
    'EMPLOYER_SOCIAL_INSURANCE',
    '用人单位社保费缴费礼包',
    '有限责任、股份制及国有企业',
    { registrationTypes: ['LIMITED_LIABILITY', 'JOINT_STOCK', 'STATE_OWNED'] },
    [d.SOCIAL_INSURANCE_LAW, d.SOCIAL_INSURANCE_COLLECTION],
    'SOCIAL_INSURANCE',
  ),
];

export const policyPackageByCode = new Map(policyPackages.map((p) => [p.code, p]));
