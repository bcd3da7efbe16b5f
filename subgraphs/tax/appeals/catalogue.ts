/**
 * The fixed vocabulary of tax-fee appeals (税费诉求): the 23 channels in their four groups, the kinds, and
 * the units a work order can be dispatched to. Each list matches the SDL enum or type of the same name.
 */
import { districtInfo, districts, type District } from '../../shared/enums.js';

export const appealChannelGroups = ['TAX_SERVICE', 'PUBLICITY', 'DATA_RISK', 'OTHER_DEPARTMENTS'] as const;
export type AppealChannelGroup = (typeof appealChannelGroups)[number];

export const appealChannelGroupLabels: Record<AppealChannelGroup, string> = {
  TAX_SERVICE: '纳税服务部门 (tax-service departments)',
  PUBLICITY: '办公室（宣传）(publicity office)',
  DATA_RISK: '数据风险部门 (data-risk department)',
  OTHER_DEPARTMENTS: '其他部门 (other departments)',
};

/** The 23 channels of the study, by group (13 + 6 + 1 + 3). */
export const appealChannelCatalogue = {
  HOTLINE_12366: { group: 'TAX_SERVICE', label: '12366 纳税缴费服务热线 (12366 hotline)' },
  WEB_12366: { group: 'TAX_SERVICE', label: '12366 纳税服务平台 (12366 web platform)' },
  HOTLINE_12345: { group: 'TAX_SERVICE', label: '12345 政务服务便民热线 (12345 government hotline)' },
  INTERACTION_PLATFORM: { group: 'TAX_SERVICE', label: '征纳互动平台 (taxpayer interaction platform)' },
  ETAX_BUREAU: { group: 'TAX_SERVICE', label: '电子税务局 (e-tax bureau)' },
  ITS_MESSAGE: { group: 'TAX_SERVICE', label: '自然人电子税务局留言 (natural-person tax system messages)' },
  CONSULTATION_PHONE: { group: 'TAX_SERVICE', label: '对外公开咨询电话 (public consultation phones)' },
  GOOD_BAD_REVIEW: { group: 'TAX_SERVICE', label: '“好差评”系统 (good/bad review)' },
  SERVICE_HALL: { group: 'TAX_SERVICE', label: '办税服务厅 (service halls)' },
  SATISFACTION_SURVEY: { group: 'TAX_SERVICE', label: '满意度调查 (satisfaction surveys)' },
  NEEDS_SURVEY: { group: 'TAX_SERVICE', label: '需求调查 (needs surveys)' },
  SERVICE_EXPERIENCER: { group: 'TAX_SERVICE', label: '办税体验师 (service experiencers)' },
  INTERNET_SUPERVISION_SERVICE: {
    group: 'TAX_SERVICE',
    label: '“互联网+督查”（纳服受理）(Internet+ supervision, tax service)',
  },
  LEADER_MAILBOX: { group: 'PUBLICITY', label: '领导信箱 (leaders’ mailboxes)' },
  INTERNET_SUPERVISION_PUBLICITY: {
    group: 'PUBLICITY',
    label: '“互联网+督查”（办公室受理）(Internet+ supervision, publicity office)',
  },
  OFFICIAL_WECHAT: { group: 'PUBLICITY', label: '官方微信公众号 (official WeChat)' },
  NEW_MEDIA_OPINION: {
    group: 'PUBLICITY',
    label: '其他新媒体及网络舆情 (other new media and online opinion)',
  },
  PEOPLES_DAILY_BOARD: { group: 'PUBLICITY', label: '人民网领导留言板 (People’s Daily message board)' },
  GOV_CN_MESSAGE: { group: 'PUBLICITY', label: '中国政府网留言 (gov.cn messages)' },
  ITS_OBJECTION: { group: 'DATA_RISK', label: '个税异议申诉 (ITS objections)' },
  DISCIPLINE_INSPECTION: { group: 'OTHER_DEPARTMENTS', label: '纪检监察 (discipline inspection)' },
  INTERNAL_AUDIT: { group: 'OTHER_DEPARTMENTS', label: '内部审计 (internal audit)' },
  TAX_INSPECTION: { group: 'OTHER_DEPARTMENTS', label: '税务稽查 (tax inspection)' },
} as const satisfies Record<string, { group: AppealChannelGroup; label: string }>;

export type AppealChannel = keyof typeof appealChannelCatalogue;
export const appealChannels = Object.keys(appealChannelCatalogue) as AppealChannel[];

/** The channels whose reports make up the study's Table 2 (valid tax-related reports via 12366 and 12345). */
export const tableTwoChannels: readonly AppealChannel[] = ['HOTLINE_12366', 'WEB_12366', 'HOTLINE_12345'];

export const appealKinds = [
  'CONSULTATION',
  'HELP_REQUEST',
  'COMPLAINT',
  'REPORT',
  'SUGGESTION',
  'OPINION',
] as const;
export type AppealKind = (typeof appealKinds)[number];

export const appealKindLabels: Record<AppealKind, string> = {
  CONSULTATION: '咨询 (consultation)',
  HELP_REQUEST: '求助 (request for help)',
  COMPLAINT: '投诉 (complaint)',
  REPORT: '举报 (report)',
  SUGGESTION: '建议 (suggestion)',
  OPINION: '舆情 (opinion)',
};

export const handlingUnitLevels = [
  'CITY_DIVISION',
  'CITY_TASK_FORCE',
  'COUNTY_BRANCH',
  'COUNTY_SERVICE_CENTRE',
] as const;
export type HandlingUnitLevel = (typeof handlingUnitLevels)[number];

export interface HandlingUnit {
  code: string;
  name: string;
  level: HandlingUnitLevel;
  /** Null for the city's divisions and task force. */
  district: District | null;
}

/** The city task force (工作专班) that escalated appeals, revisits and the analysis belong to. */
export const CITY_TASK_FORCE = 'CITY_TASK_FORCE';

const cityUnits: HandlingUnit[] = [
  { code: 'CITY_SERVICE', name: '市局纳税服务科', level: 'CITY_DIVISION', district: null },
  { code: 'CITY_GOODS_TAX', name: '市局货物和劳务税科', level: 'CITY_DIVISION', district: null },
  { code: 'CITY_INCOME_TAX', name: '市局所得税科', level: 'CITY_DIVISION', district: null },
  { code: 'CITY_PROPERTY_TAX', name: '市局财产和行为税科', level: 'CITY_DIVISION', district: null },
  { code: 'CITY_SOCIAL_INSURANCE', name: '市局社会保险费科', level: 'CITY_DIVISION', district: null },
  { code: 'CITY_COLLECTION', name: '市局征管和科技发展科', level: 'CITY_DIVISION', district: null },
  { code: 'CITY_INSPECTION', name: '市局稽查局', level: 'CITY_DIVISION', district: null },
  { code: CITY_TASK_FORCE, name: '市局诉求办理工作专班', level: 'CITY_TASK_FORCE', district: null },
];

const countyUnits: HandlingUnit[] = districts.flatMap((district) => {
  const name = districtInfo[district].name;
  return [
    {
      code: `${district}_SERVICE_CENTRE`,
      name: `${name}税务局纳税服务中心`,
      level: 'COUNTY_SERVICE_CENTRE' as const,
      district,
    },
    {
      code: `${district}_BRANCH_1`,
      name: `${name}税务局第一税务分局`,
      level: 'COUNTY_BRANCH' as const,
      district,
    },
    {
      code: `${district}_BRANCH_2`,
      name: `${name}税务局第二税务分局`,
      level: 'COUNTY_BRANCH' as const,
      district,
    },
  ];
});

export const handlingUnits: readonly HandlingUnit[] = [...cityUnits, ...countyUnits];
export const handlingUnitByCode = new Map(handlingUnits.map((u) => [u.code, u]));

/** The county service centre that supervises work orders dispatched in a district (直达快处: it supervises, it does not relay). */
export const supervisingUnitOf = (district: District) => `${district}_SERVICE_CENTRE`;

/**
 * Where a work order on a topic usually goes: most to the district's first branch, those a city division
 * owns (identity misuse, social-insurance deductions, credit) straight to that division.
 */
export function suggestedUnit(topic: string, district: District): string {
  switch (topic) {
    case 'IIT_IDENTITY_MISUSE':
      return 'CITY_INCOME_TAX';
    case 'SOCIAL_INSURANCE_DEDUCTION':
      return 'CITY_SOCIAL_INSURANCE';
    case 'CREDIT':
      return 'CITY_COLLECTION';
    default:
      return `${district}_BRANCH_1`;
  }
}
