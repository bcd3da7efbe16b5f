/**
 * The large-enterprise team's "one account, one handbook" service (一户一册) in the demo world: the team's
 * directory (a team of 24 in the city bureau — its lead, the 5 general liaisons, the demo liaison and 17
 * chief liaisons — plus 19 chief liaisons from the district bureaus), an account for every large
 * enterprise with one to three versions of its basic-information form, visits and high-level dialogues
 * since the team formed in 2024 with their follow-ups, advance rulings, compliance agreements, major
 * appeals and group / cross-region cases in every state, and handbook sections written by liaisons.
 * Every record follows the workflows the hub enforces, and every date is on or before TODAY (2026-11-30).
 */
import { creditCodeCheckChar, organisationCodeCheckChar } from '../../../core/identifiers.js';
import { districts, type District } from '../enums.js';
import type {
  AdvanceRuling,
  BasicInfoContent,
  BasicInfoForm,
  ComplianceAgreement,
  Enterprise,
  FollowUp,
  HandbookSection,
  LiaisonAssignment,
  OutsideEstablishment,
  ServiceAccount,
  ServiceCase,
  ServiceCaseStatus,
  ServiceCaseStep,
  ServiceCaseStepKind,
  ServiceNumberCounter,
  ServiceTeamMember,
  ServiceVisit,
  VisitParticipant,
} from '../../tax/entities/index.js';
import { formatNumber, type NumberSeries } from '../../tax/service-account/requests.js';
import type { Base, Scale } from './base.js';
import { TODAY, beijingTime, dayOf, isoDate, yearOfDay } from './calendar.js';
import { GEO, landline } from './geography.js';
import { mobile, personName } from './names.js';
import { Rng, apportion, weighted } from './random.js';
import {
  DEMO_LIAISON_SUBJECT,
  chiefLiaisonSubjects,
  generalLiaisonByIndustry,
  generalLiaisonSubjects,
} from './tax.js';

type Industry = Enterprise['industry'];

export interface ServiceAccountsSlice {
  teamMembers: ServiceTeamMember[];
  accounts: ServiceAccount[];
  forms: BasicInfoForm[];
  visits: ServiceVisit[];
  followUps: FollowUp[];
  rulings: AdvanceRuling[];
  agreements: ComplianceAgreement[];
  cases: ServiceCase[];
  caseSteps: ServiceCaseStep[];
  handbookSections: HandbookSection[];
  counters: ServiceNumberCounter[];
}

/** How many of each: the study's 85 major appeals and 32 group / cross-region cases at full size. */
export const SERVICE_COUNTS: Record<
  Scale,
  { rulings: number; agreements: number; majorAppeals: number; groupCases: number }
> = {
  test: { rulings: 8, agreements: 9, majorAppeals: 9, groupCases: 6 },
  demo: { rulings: 40, agreements: 60, majorAppeals: 85, groupCases: 32 },
  city: { rulings: 40, agreements: 60, majorAppeals: 85, groupCases: 32 },
};

/** The team lead: the subject the health-check batches of the demo world name as issuer (health-checks.ts). */
export const TEAM_LEAD_SUBJECT = 'tax:liaison-lead:demo';
/** The demo liaison's name, as the README's and the tests' liaison token give it. */
export const DEMO_LIAISON_NAME = '李明';
/** Chief liaisons C01–C17 are in the city bureau's team; with the lead, G1–G5 and the demo liaison, 24. */
const CORE_CHIEFS = 17;
const CITY_OFFICE = '国家税务总局巴中市税务局大企业和国际税收管理科';
const TEAM_FORMED = dayOf(2024, 3, 1);

const REGIONS: readonly { name: string; code: string }[] = [
  { name: '四川省成都市', code: '510104' },
  { name: '四川省达州市', code: '511702' },
  { name: '四川省南充市', code: '511302' },
  { name: '四川省广元市', code: '510802' },
  { name: '四川省绵阳市', code: '510703' },
  { name: '重庆市', code: '500112' },
  { name: '陕西省汉中市', code: '610702' },
  { name: '陕西省西安市', code: '610113' },
];
const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const OUTSIDE_GROUPS = ['嘉陵', '蜀汉', '川东北', '巴蜀', '西南', '秦岭', '华蓥', '米仓'];
const GROUP_WORDS: Partial<Record<Industry, string>> = {
  CONSTRUCTION: '建设',
  REAL_ESTATE: '城市发展',
  MANUFACTURING: '实业',
  UTILITIES: '能源',
  MINING: '矿业',
  FINANCE: '金融控股',
  TRANSPORT: '交通物流',
  WHOLESALE_RETAIL: '商贸',
};
const SOFTWARE = ['用友 NC Cloud', '用友 U8', '金蝶 EAS', '金蝶云·星空', '浪潮 GS', 'SAP S/4HANA'];
const CONTACT_POSITIONS = ['财务总监', '财务部部长', '财务经理', '税务主管'];

const PRODUCTS: Partial<Record<Industry, { products: string[]; business: string }>> = {
  CONSTRUCTION: {
    products: ['房屋建筑工程', '市政公用工程', '公路桥梁工程', '水利水电工程', '装配式建筑构件'],
    business: '房屋建筑、市政公用和公路桥梁工程施工总承包，兼营装配式建筑构件生产',
  },
  MANUFACTURING: {
    products: ['白酒', '食用菌制品', '建筑材料', '机电设备', '中药饮片', '包装材料'],
    business: '产品的研发、生产和销售',
  },
  WHOLESALE_RETAIL: {
    products: ['日用百货', '家用电器', '药品', '汽车', '五金机电', '农副产品'],
    business: '商品批发零售及连锁经营',
  },
  REAL_ESTATE: {
    products: ['商品住宅', '商业综合体', '写字楼', '物业服务'],
    business: '房地产开发经营及自持物业租赁',
  },
  UTILITIES: {
    products: ['电力', '天然气', '自来水', '热力'],
    business: '电力、燃气和水的生产与供应',
  },
  TRANSPORT: {
    products: ['道路货物运输', '仓储服务', '城市公交', '物流配送'],
    business: '道路运输、仓储及物流配送服务',
  },
  FINANCE: {
    products: ['存贷款业务', '支付结算', '涉农贷款', '小微企业贷款'],
    business: '吸收公众存款、发放贷款及结算等金融业务',
  },
  MINING: {
    products: ['天然气', '建筑用石料', '煤炭', '石墨'],
    business: '矿产资源开采、洗选及销售',
  },
  HEALTH: {
    products: ['医疗服务', '康养服务', '健康体检'],
    business: '医疗和康养服务',
  },
  PUBLIC_FACILITIES: {
    products: ['污水处理', '园林绿化', '景区管理', '垃圾处理'],
    business: '公共设施运营管理与生态环境治理',
  },
};
const DEFAULT_PRODUCTS = { products: ['综合服务', '运营管理'], business: '主营业务经营' };

const GENERAL_TOPICS = [
  '纳税信用评价结果及修复',
  '全面数字化电子发票推广应用',
  '企业所得税汇算清缴风险提示',
  '研发费用加计扣除政策辅导',
  '社会保险费缴费基数申报',
  '个人所得税扣缴申报复核',
  '跨区域涉税事项报告管理',
  '关联交易申报与同期资料准备',
  '增值税留抵退税申请',
  '税费健康体检报告解读',
  '房产税和城镇土地使用税申报',
  '税务风险内控体系建设',
];
const INDUSTRY_TOPICS: Partial<Record<Industry, string[]>> = {
  CONSTRUCTION: ['异地项目预缴增值税和企业所得税', '建筑服务简易计税项目管理', '农民工工资个人所得税扣缴'],
  REAL_ESTATE: ['土地增值税清算', '预售收入预缴税款', '拆迁补偿费用扣除'],
  MANUFACTURING: ['先进制造业增值税加计抵减', '设备器具一次性税前扣除', '出口退（免）税申报'],
  UTILITIES: ['资源综合利用增值税即征即退', '公共基础设施项目所得减免', '上网电量结算发票开具'],
  MINING: ['资源税计税依据与减征', '安全生产费用税前扣除', '矿业权出让收益'],
  FINANCE: ['贷款损失准备金税前扣除', '小微企业贷款利息免征增值税', '利息所得个人所得税代扣'],
  WHOLESALE_RETAIL: ['进项发票合规管理', '促销活动的税务处理', '仓储用地城镇土地使用税'],
  TRANSPORT: ['运输服务发票开具', '车辆购置税申报', '物流仓储用地城镇土地使用税'],
  HEALTH: ['医疗服务免征增值税', '药品耗材进项发票管理', '职工医疗保险费缴纳'],
  PUBLIC_FACILITIES: ['环保项目所得“三免三减半”', '政府补助收入税务处理', '污水处理劳务即征即退'],
};
const RETURN_COMMENTS = [
  '关联方信息不完整，请补充母公司及同一控制下企业的统一社会信用代码。',
  '巴中市外项目部清单与跨区域涉税事项报告不一致，请核对后重新提交。',
  '财务负责人联系电话有误，请更正后重新提交。',
  '主营业务描述与登记的经营范围不一致，请补充说明。',
];

interface RulingTemplate {
  topic: string;
  category: AdvanceRuling['category'];
  question: string;
  ruling: string;
}
const RULINGS: readonly RulingTemplate[] = [
  {
    topic: '集团内100%直接控股企业之间划转资产适用特殊性税务处理',
    category: 'RESTRUCTURING',
    question:
      '本企业拟按账面净值将所持厂房、设备划转至100%直接控股的子公司，不获得任何股权或非股权支付，具有合理商业目的，划转后连续12个月内不改变资产原实质性经营活动，且双方均不在会计上确认损益。请求确认可否适用特殊性税务处理。',
    ruling:
      '经审核，该划转符合《财政部 国家税务总局关于促进企业重组有关企业所得税处理问题的通知》（财税〔2014〕109号）第三条规定的条件，可选择按特殊性税务处理：划出方和划入方均不确认所得，划入方取得资产的计税基础以其原账面净值确定，并按原账面净值计算折旧扣除。企业应在年度汇算清缴时按规定报送相关资料。',
  },
  {
    topic: '跨省承建项目部企业所得税预缴方式',
    category: 'CROSS_REGION',
    question:
      '本企业在重庆市承建的市政项目设立项目部，由总机构直接管理，请求确认项目部企业所得税的预缴方式。',
    ruling:
      '根据《国家税务总局关于跨地区经营建筑企业所得税征收管理问题的通知》（国税函〔2010〕156号），总机构直接管理的跨地区项目部，应按项目实际经营收入的0.2%向项目所在地主管税务机关预缴企业所得税，由总机构向机构所在地主管税务机关汇总申报，项目部已预缴的税款在汇总清算时抵减。',
  },
  {
    topic: '跨地区二级分支机构企业所得税分摊',
    category: 'CROSS_REGION',
    question: '本企业于本年度在成都市设立分公司，请求确认该分公司本年度是否就地分摊缴纳企业所得税。',
    ruling:
      '根据《跨地区经营汇总纳税企业所得税征收管理办法》（国家税务总局公告2012年第57号），二级分支机构按营业收入、职工薪酬和资产总额三个因素（权重分别为0.35、0.35、0.30）分摊税款并就地预缴；新设立的二级分支机构，设立当年不就地分摊缴纳企业所得税。',
  },
  {
    topic: '分期开发房地产项目的土地增值税清算单位',
    category: 'REVENUE_RECOGNITION',
    question: '本企业开发的住宅小区分两期取得建设工程规划许可，请求确认土地增值税的清算单位。',
    ruling:
      '根据《国家税务总局关于房地产开发企业土地增值税清算管理有关问题的通知》（国税发〔2006〕187号）第一条，土地增值税以国家有关部门审批的房地产开发项目为单位进行清算，分期开发的项目以分期项目为单位清算；项目中同时包含普通住宅和非普通住宅的，应分别计算增值额。',
  },
  {
    topic: '专项用途财政性资金作为不征税收入',
    category: 'PREFERENTIAL_POLICY',
    question:
      '本企业取得市级财政拨付的技术改造专项资金，有专门的资金管理办法并单独核算，请求确认能否作为不征税收入。',
    ruling:
      '根据《财政部 国家税务总局关于专项用途财政性资金企业所得税处理问题的通知》（财税〔2011〕70号），企业能够提供规定资金专项用途的拨付文件，拨付部门对该资金有专门的管理办法或具体管理要求，且企业对该资金及其支出单独核算的，可以作为不征税收入从收入总额中减除；用于支出所形成的费用或资产的折旧、摊销不得在税前扣除。',
  },
  {
    topic: '施工工艺改进项目是否属于研发活动',
    category: 'PREFERENTIAL_POLICY',
    question: '本企业开展的山区桥梁施工新工艺研究项目，请求确认相关人员人工和直接投入费用能否加计扣除。',
    ruling:
      '经审核，该项目以获得新工艺为目标，具有明确的创新目的和系统性，属于《财政部 国家税务总局 科技部关于完善研究开发费用税前加计扣除政策的通知》（财税〔2015〕119号）所称研发活动，相关费用可按规定归集并加计扣除；对现有工艺的简单改变和常规性升级不在此列。',
  },
  {
    topic: '关联方借款利息的税前扣除',
    category: 'RELATED_PARTY',
    question:
      '本企业向母公司借款用于项目建设，债权性投资与权益性投资之比约为1.8:1，请求确认利息支出的税前扣除标准。',
    ruling:
      '根据《财政部 国家税务总局关于企业关联方利息支出税前扣除标准有关税收政策问题的通知》（财税〔2008〕121号），非金融企业接受关联方债权性投资与其权益性投资比例不超过2:1的部分，其利息支出在不超过按照金融企业同期同类贷款利率计算的数额内准予扣除；能够证明交易符合独立交易原则的，实际支付的利息支出准予扣除。',
  },
  {
    topic: '政策性搬迁补偿收入的所得税处理',
    category: 'OTHER',
    question: '因城市规划调整，本企业厂区整体搬迁并取得政府搬迁补偿，请求确认搬迁期间的企业所得税处理。',
    ruling:
      '根据《企业政策性搬迁所得税管理办法》（国家税务总局公告2012年第40号），搬迁补偿收入和搬迁支出单独进行税务管理和核算，搬迁期间不计入当期应纳税所得额，在完成搬迁的年度汇总清算；搬迁期限最长为5年。',
  },
];
const DECLINE_REASONS = [
  '所询事项已有明确的税收规定，不属于事先裁定的受理范围；联络员已提供政策辅导。',
  '所述交易尚未确定，未提供交易方案和相关合同，无法作出裁定；可在方案确定后重新申请。',
  '所询事项涉及正在进行的税务检查，依规不予裁定。',
];

const APPEALS = [
  [
    '跨省项目已预缴税款在机构所在地抵减不一致',
    '企业在外省项目所在地预缴的增值税，与机构所在地申报抵减的金额不一致，导致多缴税款。',
  ],
  ['留抵退税审核进度影响资金周转', '企业申请增量留抵退税后审核时间较长，项目资金周转困难，请求加快办理。'],
  [
    '历史遗留土地出让金票据缺失影响土地增值税扣除',
    '早年取得的土地出让金票据遗失，清算时无法按规定扣除，请求协调有关部门出具证明。',
  ],
  [
    '高新技术企业资格复审期间企业所得税预缴税率适用',
    '高新技术企业资格到期复审期间，企业对预缴时能否暂按15%税率存在疑问。',
  ],
  [
    '职工社会保险费缴费基数争议需跨部门协调',
    '部分职工对缴费基数核定有异议，涉及人社、医保部门，请求联合研判。',
  ],
  ['异地分支机构注销清税进度缓慢', '外省分支机构办理注销清税时资料往返多次，请求跨区域协调。'],
  [
    '资源综合利用产品即征即退资格认定',
    '企业新投产的综合利用产品是否符合目录技术标准存在疑问，影响即征即退申请。',
  ],
  [
    '大额进项发票被列为异常凭证影响抵扣',
    '供应商走逃后其开具的大额专用发票被列为异常凭证，企业请求核实并指导处理。',
  ],
  [
    '被投资企业清算分配的税务处理',
    '被投资企业清算分配剩余资产，企业对股息所得与投资转让所得的划分存在疑问。',
  ],
  ['纳税信用评价结果异议复评', '企业对年度纳税信用评价扣分存在异议，请求复评。'],
];
const GROUP_WIDE_TITLES = [
  '集团成员企业发票用量统一调整',
  '集团成员企业纳税信用复评统一办理',
  '集团内部资产划转涉税事项统一辅导',
  '集团成员企业研发费用加计扣除统一辅导',
  '集团汇总纳税分支机构信息统一变更',
];
const CROSS_REGION_TITLES = [
  (region: string) => `跨区域涉税事项报告与反馈（${region}项目）`,
  (region: string) => `跨区域迁移清税与迁入衔接（${region}）`,
  (region: string) => `异地项目预缴税款抵减确认（${region}）`,
];
const STEP_TEXT: Record<Exclude<ServiceCaseStepKind, 'ACCEPT'>, string[]> = {
  PROGRESS: [
    '联络员调取申报和发票数据，梳理政策依据，形成初步处理意见。',
    '联络员上门核实有关资料，企业补充提供了合同和付款凭证。',
  ],
  COORDINATE: [
    '会同市局货物和劳务税科、法制科集体研究，形成一致意见。',
    '商请项目所在地主管税务机关协同核实，对方已确认相关信息。',
    '提请人社、医保部门联合研判，各方意见一致。',
  ],
  RESPOND: ['向企业书面答复处理意见并说明政策依据。', '约谈企业财务负责人，当面解释政策和办理路径。'],
  RESOLVE: ['事项已办结，企业相关涉税问题已解决。', '已完成系统处理，多缴税款已按规定退还。'],
  REVISIT: ['回访企业财务负责人，企业对办理结果表示满意。', '回访企业，企业对办理效率和结果表示满意。'],
};
const SECTION_TEMPLATES: readonly {
  title: string;
  body: (e: Enterprise, topics: string[], year: number) => string;
  /** Only for an enterprise with establishments outside Bazhong. */
  crossRegion?: boolean;
}[] = [
  {
    title: '年度服务计划',
    body: (e, t, year) =>
      `${year}年为${e.name}安排走访4次、高层对话1次，重点辅导${t[0]}和${t[1]}；每季度结束后三周内出具税费健康体检报告，并在下一次走访时逐项解读。`,
  },
  {
    title: '重点风险提示',
    body: (e, t) =>
      `结合近期税费健康体检结果，提示${e.name}重点关注${t[0]}，按季度自查并将自查结果报首席联络员；联络员将在下次走访时复核整改情况。`,
  },
  {
    title: '个性化办税指引',
    crossRegion: true,
    body: (e) =>
      `${e.name}在巴中市外的项目较多：项目开工前通过电子税务局办理跨区域涉税事项报告，项目结束后及时反馈并核销；在项目所在地预缴的税款，凭完税凭证在机构所在地申报时抵减。`,
  },
  {
    title: '企业关注问题答复汇总',
    body: (e, t) =>
      `本年度${e.name}提出的涉税问题均已答复，其中${t[0]}、${t[1]}两项已形成书面答复意见并归档，可在服务账户中查阅。`,
  },
];

/** Subsidiaries a group of this industry has in Bazhong, by name suffix. */
const subsidiaries = (industry: Industry) =>
  industry === 'CONSTRUCTION'
    ? ['第一工程有限公司', '建材有限公司', '劳务有限公司', '物业服务有限公司']
    : ['商贸有限公司', '物业服务有限公司', '科技有限公司', '投资有限公司'];

/** An at-least-one-each split of `total` in proportion to `weights` (each state shows up even at test scale). */
function spread(total: number, weights: readonly number[]): number[] {
  const floor = total >= weights.length ? 1 : 0;
  return apportion(total - floor * weights.length, weights).map((n) => n + floor);
}

/** A valid GB 32100 code for a branch registered in another region (its own district code). */
function outsideCreditCode(rng: Rng, regionCode: string): string {
  let body = 'MA';
  for (let i = 0; i < 6; i++) body += CODE_ALPHABET[rng.int(0, 30)];
  const first17 = `91${regionCode}${body}${organisationCodeCheckChar(body)}`;
  return first17 + creditCodeCheckChar(first17);
}

const at = (rng: Rng, day: number) => beijingTime(day, rng.int(9, 16), rng.int(0, 59));

export function buildServiceAccounts(
  base: Base,
  assignments: readonly LiaisonAssignment[],
): ServiceAccountsSlice {
  const rng = new Rng(`bazhong-demo-world:${base.scale}:service-accounts`);
  const counts = SERVICE_COUNTS[base.scale];
  const large = base.enterprises
    .filter((e) => e.isLargeEnterprise)
    .sort((a, b) => (a.creditCode < b.creditCode ? -1 : 1));
  const showcase = base.showcase.employer.creditCode;
  const byEnterprise = new Map<string, LiaisonAssignment[]>();
  for (const a of assignments) byEnterprise.set(a.creditCode, [...(byEnterprise.get(a.creditCode) ?? []), a]);

  const teamMembers = buildTeam(large, assignments);
  const names = new Map(teamMembers.map((m) => [m.subject, m.name]));
  /** Who looks after an enterprise on a day: its chief liaison (the demo liaison once assigned). */
  const liaisonOn = (creditCode: string, day: number) => {
    const own = byEnterprise.get(creditCode) ?? [];
    const demo = own.find((a) => a.liaisonSubject === DEMO_LIAISON_SUBJECT);
    const chief = demo && isoDate(day) >= demo.assignedOn ? demo : own.find((a) => a.kind === 'CHIEF')!;
    return { subject: chief.liaisonSubject, name: names.get(chief.liaisonSubject)! };
  };
  const generalOf = (e: Enterprise) => {
    const subject = generalLiaisonByIndustry[e.industry];
    return { subject, name: names.get(subject)! };
  };

  const slice: ServiceAccountsSlice = {
    teamMembers,
    accounts: [],
    forms: [],
    visits: [],
    followUps: [],
    rulings: [],
    agreements: [],
    cases: [],
    caseSteps: [],
    handbookSections: [],
    counters: [],
  };
  const numbers = new Map<string, number>();
  // Numbered as the hub numbers them, per series and year; the counters carry on from the last.
  const number = (series: NumberSeries, day: number) => {
    const year = yearOfDay(day);
    const key = `${series}:${year}`;
    const n = (numbers.get(key) ?? 0) + 1;
    numbers.set(key, n);
    return formatNumber(series, year, n);
  };

  // Accounts and their forms, in the order they were opened (account numbers run per year).
  const opened = large
    .map((e) => {
      const own = (byEnterprise.get(e.creditCode) ?? []).filter(
        (a) => a.liaisonSubject !== DEMO_LIAISON_SUBJECT,
      );
      const first = own.reduce((d, a) => (a.assignedOn < d ? a.assignedOn : d), isoDate(TODAY));
      return { e, openedOn: Math.max(TEAM_FORMED, Date.parse(first) / 86_400_000) };
    })
    .sort((a, b) => a.openedOn - b.openedOn || (a.e.creditCode < b.e.creditCode ? -1 : 1));
  const contentOf = new Map<string, BasicInfoContent>();
  let forcedCount = 0;
  for (const { e, openedOn } of opened) {
    const content = formContentFor(rng, e, e.creditCode === showcase);
    contentOf.set(e.creditCode, content);
    const contactName = personName(rng, rng.chance(0.5) ? 'MALE' : 'FEMALE', rng.int(1970, 1995));
    const account: ServiceAccount = {
      creditCode: e.creditCode,
      accountNumber: number('ACCOUNT', openedOn),
      openedOn: isoDate(openedOn),
      contactName,
      contactPosition: rng.pick(CONTACT_POSITIONS),
      contactPhone: mobile(rng),
      groupName: content.groupName,
      groupRole: content.groupRole,
      groupHeadquarters: content.groupHeadquarters,
      outsideBazhong: content.outsideBazhong,
      factsFromVersion: null,
    };
    slice.accounts.push(account);
    // The first accounts opened show every state of the form at any scale: pending, and returned last.
    const forced = e.creditCode === showcase ? SHOWCASE_FORMS : FORCED_FORMS[forcedCount++];
    const forms = formVersions(rng, e, account, content, openedOn, forced, liaisonOn);
    slice.forms.push(...forms);
    const approved = forms.filter((f) => f.status === 'APPROVED').at(-1);
    if (approved) {
      account.groupName = approved.content.groupName;
      account.groupRole = approved.content.groupRole;
      account.groupHeadquarters = approved.content.groupHeadquarters;
      account.outsideBazhong = approved.content.outsideBazhong;
      account.factsFromVersion = approved.version;
    }
  }
  const accountOf = new Map(slice.accounts.map((a) => [a.creditCode, a]));

  // Visits and high-level dialogues since each account was opened, with their follow-ups. The bureau's
  // two deputy directors in charge of large enterprises lead the dialogues.
  const deputies = [personName(rng, 'MALE', 1970), personName(rng, 'FEMALE', 1974)];
  /** One visit; `recent` pins a dialogue whose follow-ups (due on the given days) are still open. */
  const recordVisit = (e: Enterprise, day: number, recent?: { dueDays: number[] }) => {
    const content = contentOf.get(e.creditCode)!;
    const liaison = liaisonOn(e.creditCode, day);
    const r = rng.float();
    const kind: ServiceVisit['kind'] = recent
      ? 'HIGH_LEVEL_DIALOGUE'
      : r < 0.14
        ? 'HIGH_LEVEL_DIALOGUE'
        : r < 0.28
          ? 'ONLINE_CONSULTATION'
          : 'VISIT';
    const topicPool = [...(INDUSTRY_TOPICS[e.industry] ?? []), ...GENERAL_TOPICS];
    const topics = rng.sample(topicPool, rng.int(2, 4));
    const participants: VisitParticipant[] = [
      { name: liaison.name, side: 'TAX', title: '首席联络员' },
      ...(rng.chance(0.4) ? [{ name: generalOf(e).name, side: 'TAX' as const, title: '一般联络员' }] : []),
      { name: content.financeDirector.name, side: 'ENTERPRISE', title: content.financeDirector.position },
      { name: content.taxOfficer.name, side: 'ENTERPRISE', title: content.taxOfficer.position },
    ];
    if (kind === 'HIGH_LEVEL_DIALOGUE') {
      participants.unshift(
        { name: rng.pick(deputies), side: 'TAX', title: '巴中市税务局副局长' },
        {
          name: personName(rng, 'MALE', rng.int(1962, 1980)),
          side: 'ENTERPRISE',
          title: rng.pick(['董事长', '总经理']),
        },
      );
    }
    const visitId = rng.uuid();
    slice.visits.push({
      id: visitId,
      creditCode: e.creditCode,
      kind,
      heldOn: isoDate(day),
      location:
        kind === 'ONLINE_CONSULTATION'
          ? '线上（视频会议）'
          : kind === 'HIGH_LEVEL_DIALOGUE' && rng.chance(0.5)
            ? '国家税务总局巴中市税务局'
            : `${e.name}会议室`,
      participants,
      topics,
      summary:
        kind === 'HIGH_LEVEL_DIALOGUE'
          ? `市税务局分管局领导与企业主要负责人开展高层对话，就${topics.join('、')}深入交换意见。双方商定由首席联络员牵头建立问题清单，逐项跟进办理。`
          : `围绕${topics.join('、')}等议题进行交流。企业介绍了近期生产经营和涉税事项情况，联络员逐项解答并提示相关风险。`,
      recorderSubject: liaison.subject,
      recorderName: liaison.name,
      recordedAt: at(rng, Math.min(TODAY, day + rng.int(0, 2))),
    });
    const followUpCount = recent
      ? recent.dueDays.length
      : kind === 'HIGH_LEVEL_DIALOGUE'
        ? rng.int(1, 3)
        : rng.int(0, 2);
    for (let k = 0; k < followUpCount; k++) {
      const topic = topics[k % topics.length]!;
      const enterpriseOwns = rng.chance(0.5);
      const dueDay = recent ? recent.dueDays[k]! : day + rng.int(14, 60);
      const done = !recent && (dueDay < TODAY - 20 ? rng.chance(0.93) : rng.chance(0.35));
      const completedDay = Math.min(TODAY, day + rng.int(3, dueDay - day + 10));
      slice.followUps.push({
        id: rng.uuid(),
        visitId,
        creditCode: e.creditCode,
        seq: k + 1,
        description: enterpriseOwns
          ? `${topic}：企业整理相关资料报联络员复核`
          : `${topic}：联络员提供政策辅导材料并答复企业`,
        owner: enterpriseOwns ? `${content.taxOfficer.name}（${content.taxOfficer.position}）` : liaison.name,
        ownerSide: enterpriseOwns ? 'ENTERPRISE' : 'TAX',
        dueOn: isoDate(dueDay),
        status: done ? 'DONE' : 'OPEN',
        completedOn: done ? isoDate(completedDay) : null,
        completedByName: done ? liaison.name : null,
        completionNote: done
          ? enterpriseOwns
            ? '企业已提交资料，联络员复核无误。'
            : '已向企业送达辅导材料并当面讲解。'
          : null,
      });
    }
  };
  for (const { e, openedOn } of opened) {
    const isShowcase = e.creditCode === showcase;
    let day = openedOn + rng.int(7, 45);
    for (; day <= (isShowcase ? TODAY - 40 : TODAY - 2); day += rng.int(55, 150)) recordVisit(e, day);
    // The showcase's latest: a dialogue twelve days ago, one follow-up overdue and one due later.
    if (isShowcase) recordVisit(e, TODAY - 12, { dueDays: [TODAY - 2, TODAY + 20] });
  }

  buildRulings(rng, slice, counts.rulings, large, showcase, liaisonOn, number);
  buildAgreements(rng, slice, counts.agreements, large, showcase, liaisonOn, number);
  buildCases(rng, slice, counts, large, showcase, accountOf, liaisonOn, generalOf, number);

  // Handbook sections for about a third of the accounts (the showcase's among them), some edited since.
  for (const e of large) {
    if (e.creditCode !== showcase && !rng.chance(0.35)) continue;
    const topics = rng.sample([...(INDUSTRY_TOPICS[e.industry] ?? []), ...GENERAL_TOPICS], 2);
    const account = accountOf.get(e.creditCode)!;
    const fitting = SECTION_TEMPLATES.filter((t) => !t.crossRegion || account.outsideBazhong.length > 0);
    const templates =
      e.creditCode === showcase ? SECTION_TEMPLATES.slice(0, 2) : rng.sample(fitting, rng.int(1, 3));
    const opening = Date.parse(account.openedOn) / 86_400_000;
    for (const [t, template] of templates.entries()) {
      const sectionId = rng.uuid();
      const versions = e.creditCode === showcase && t === 0 ? 2 : rng.chance(0.3) ? 2 : 1;
      let day = Math.min(TODAY - 5, opening + rng.int(30, 400));
      for (let v = 1; v <= versions; v++) {
        const author = liaisonOn(e.creditCode, day);
        slice.handbookSections.push({
          id: rng.uuid(),
          sectionId,
          creditCode: e.creditCode,
          version: v,
          title: template.title,
          body:
            v === 1
              ? template.body(e, topics, yearOfDay(day))
              : `${template.body(e, topics, yearOfDay(day))}（${isoDate(day).slice(0, 7)} 修订：根据最新一期体检结果调整重点。）`,
          authorSubject: author.subject,
          authorName: author.name,
          writtenAt: at(rng, day),
        });
        day = Math.min(TODAY, day + rng.int(20, 200));
      }
    }
  }

  slice.counters = [...numbers].map(([series, last]) => ({ series, last }));
  return slice;
}

/** The directory: names are the same at every scale; district chiefs sit with their enterprises' bureau. */
function buildTeam(
  large: readonly Enterprise[],
  assignments: readonly LiaisonAssignment[],
): ServiceTeamMember[] {
  const rng = new Rng('bazhong-demo-world:service-team');
  const phones = new Set<string>();
  const phone = () => {
    let p = landline(rng);
    while (phones.has(p)) p = landline(rng);
    phones.add(p);
    return p;
  };
  const member = (
    subject: string,
    role: ServiceTeamMember['role'],
    inCoreTeam: boolean,
    office: string,
    name?: string,
  ) => ({
    subject,
    name: name ?? personName(rng, rng.chance(0.55) ? 'MALE' : 'FEMALE', rng.int(1972, 1996)),
    role,
    inCoreTeam,
    office,
    servicePhone: phone(),
    industries: [] as Industry[],
  });
  const districtOf = new Map(large.map((e) => [e.creditCode, e.district]));
  const team: ServiceTeamMember[] = [member(TEAM_LEAD_SUBJECT, 'TEAM_LEAD', true, CITY_OFFICE)];
  for (const subject of generalLiaisonSubjects) {
    const m = member(subject, 'GENERAL_LIAISON', true, CITY_OFFICE);
    m.industries = (Object.entries(generalLiaisonByIndustry) as [Industry, string][])
      .filter(([, s]) => s === subject)
      .map(([industry]) => industry);
    team.push(m);
  }
  team.push(member(DEMO_LIAISON_SUBJECT, 'CHIEF_LIAISON', true, CITY_OFFICE, DEMO_LIAISON_NAME));
  chiefLiaisonSubjects.forEach((subject, i) => {
    if (i < CORE_CHIEFS) {
      team.push(member(subject, 'CHIEF_LIAISON', true, CITY_OFFICE));
      return;
    }
    const first = assignments.find((a) => a.liaisonSubject === subject);
    const district: District =
      (first && districtOf.get(first.creditCode)) || districts[i % districts.length]!;
    const g = GEO[district];
    team.push(member(subject, 'CHIEF_LIAISON', false, `${g.taxBureau}${g.branches[0]!.name}`));
  });
  return team;
}

function formContentFor(rng: Rng, e: Enterprise, isShowcase: boolean): BasicInfoContent {
  const kind = PRODUCTS[e.industry] ?? DEFAULT_PRODUCTS;
  const stem = e.name.replace(/(股份有限公司|有限责任公司|有限公司)$/, '');
  let groupRole: BasicInfoContent['groupRole'] = 'INDEPENDENT';
  let groupName: string | null = null;
  let groupHeadquarters: string | null = null;
  if (isShowcase || e.name.includes('集团')) {
    groupRole = 'HEADQUARTERS';
    groupName = stem;
    groupHeadquarters = `四川省巴中市${GEO[e.district].name}`;
  } else if (rng.chance(0.35)) {
    groupRole = 'MEMBER';
    groupName = `${rng.pick(OUTSIDE_GROUPS)}${GROUP_WORDS[e.industry] ?? '投资'}集团有限公司`;
    groupHeadquarters = rng.pick(['四川省成都市', '重庆市', '陕西省西安市', '四川省巴中市巴州区']);
  }
  const outside: OutsideEstablishment[] = [];
  const outsideCount = isShowcase
    ? 3
    : rng.chance(e.industry === 'CONSTRUCTION' ? 0.7 : 0.3)
      ? rng.int(1, 4)
      : 0;
  for (const region of rng.sample(REGIONS, outsideCount)) {
    const city = region.name.replace(/^(四川省|陕西省)/, '');
    if (e.industry === 'CONSTRUCTION' && rng.chance(0.6)) {
      outside.push({
        name: `${e.name}${city}${rng.pick(['市政', '安置房', '公路', '学校'])}项目部`,
        kind: 'PLACE_OF_BUSINESS',
        region: region.name,
        creditCode: null,
      });
    } else {
      outside.push({
        name: `${e.name}${city.replace(/市$/, '')}分公司`,
        kind: 'BRANCH',
        region: region.name,
        creditCode: outsideCreditCode(rng, region.code),
      });
    }
  }
  const relatedParties: BasicInfoContent['relatedParties'] =
    groupRole === 'MEMBER'
      ? [{ name: groupName!, creditCode: null, relation: '母公司' }]
      : groupRole === 'HEADQUARTERS'
        ? rng.sample(subsidiaries(e.industry), rng.int(1, 3)).map((suffix) => ({
            name: `${stem}${suffix}`,
            creditCode: null,
            relation: '全资子公司',
          }))
        : [];
  const director = rng.chance(0.6) ? 'MALE' : 'FEMALE';
  return {
    financeDirector: {
      name: personName(rng, director, rng.int(1968, 1988)),
      position: '财务总监',
      phone: mobile(rng),
    },
    taxOfficer: {
      name: personName(rng, rng.chance(0.4) ? 'MALE' : 'FEMALE', rng.int(1985, 2000)),
      position: '办税员',
      phone: mobile(rng),
    },
    mainProducts: rng.sample(kind.products, rng.int(1, Math.min(3, kind.products.length))),
    mainBusiness: kind.business,
    employeeCount: rng.int(120, 2400),
    accountingStandard:
      e.registrationType === 'STATE_OWNED' && rng.chance(0.1) ? 'ACCOUNTING_SYSTEM' : 'ACCOUNTING_STANDARDS',
    accountingSoftware: rng.pick(SOFTWARE),
    relatedParties,
    groupName,
    groupRole,
    groupHeadquarters,
    outsideBazhong: outside,
  };
}

type FormPattern = BasicInfoForm['status'][];
const FORM_PATTERNS = weighted<FormPattern>([
  [['APPROVED'], 34],
  [['RETURNED', 'APPROVED'], 16],
  [['APPROVED', 'APPROVED'], 18],
  [['APPROVED', 'SUBMITTED'], 8],
  [['APPROVED', 'RETURNED'], 6],
  [['RETURNED', 'APPROVED', 'APPROVED'], 8],
  [['APPROVED', 'RETURNED', 'APPROVED'], 6],
  [['SUBMITTED'], 4],
]);

/** The showcase's latest version is approved and nothing waits: the tests submit the next one. */
const SHOWCASE_FORMS: FormPattern = ['RETURNED', 'APPROVED'];
const FORCED_FORMS: readonly FormPattern[] = [
  ['APPROVED', 'SUBMITTED'],
  ['SUBMITTED'],
  ['APPROVED', 'RETURNED'],
];

/** One to three versions, each submitted by the enterprise's contact and (but a pending last one) reviewed. */
function formVersions(
  rng: Rng,
  e: Enterprise,
  account: ServiceAccount,
  content: BasicInfoContent,
  openedOn: number,
  forced: FormPattern | undefined,
  liaisonOn: (creditCode: string, day: number) => { subject: string; name: string },
): BasicInfoForm[] {
  const pattern: FormPattern = forced ?? rng.pickWeighted(FORM_PATTERNS);
  const forms: BasicInfoForm[] = [];
  let day = openedOn + rng.int(10, 40);
  for (const [i, status] of pattern.entries()) {
    if (day > TODAY - 1) break;
    const last = i === pattern.length - 1;
    // Earlier versions lack the newest establishment outside Bazhong: that is what changed.
    const versionContent: BasicInfoContent =
      last || content.outsideBazhong.length === 0
        ? content
        : {
            ...content,
            outsideBazhong: content.outsideBazhong.slice(
              0,
              Math.max(0, content.outsideBazhong.length - (pattern.length - 1 - i)),
            ),
          };
    const reviewDay = Math.min(TODAY, day + rng.int(1, 6));
    const reviewer = liaisonOn(e.creditCode, reviewDay);
    const reviewed = status !== 'SUBMITTED';
    forms.push({
      id: rng.uuid(),
      creditCode: e.creditCode,
      version: i + 1,
      status,
      content: versionContent,
      submittedAt: at(rng, day),
      submitterSubject: `enterprise:contact:${e.creditCode}`,
      submitterName: account.contactName,
      reviewedAt: reviewed ? beijingTime(reviewDay, 17, rng.int(0, 59)) : null,
      reviewerSubject: reviewed ? reviewer.subject : null,
      reviewerName: reviewed ? reviewer.name : null,
      reviewComment:
        status === 'RETURNED'
          ? rng.pick(RETURN_COMMENTS)
          : status === 'APPROVED' && rng.chance(0.3)
            ? '信息完整，审核通过。'
            : null,
    });
    // After a return the contact corrects within days; otherwise the next version is the yearly update.
    day = status === 'RETURNED' ? reviewDay + rng.int(3, 12) : reviewDay + rng.int(200, 380);
  }
  return forms;
}

function buildRulings(
  rng: Rng,
  slice: ServiceAccountsSlice,
  total: number,
  large: readonly Enterprise[],
  showcase: string,
  liaisonOn: (creditCode: string, day: number) => { subject: string; name: string },
  number: (series: 'RULING', day: number) => string,
): void {
  const [issued, underReview, requested, declined] = spread(total, [45, 20, 20, 15]) as [
    number,
    number,
    number,
    number,
  ];
  const statuses: AdvanceRuling['status'][] = [
    ...Array<AdvanceRuling['status']>(issued).fill('ISSUED'),
    ...Array<AdvanceRuling['status']>(underReview).fill('UNDER_REVIEW'),
    ...Array<AdvanceRuling['status']>(requested).fill('REQUESTED'),
    ...Array<AdvanceRuling['status']>(declined).fill('DECLINED'),
  ];
  const others = rng.sample(
    large.filter((e) => e.creditCode !== showcase),
    total,
  );
  // The showcase has an issued ruling and one under review; the rest go one to an enterprise.
  const owners = [showcase, showcase, ...others.map((e) => e.creditCode)];
  const rows = statuses
    .map((status, k) => {
      const owner = k === 0 ? owners[0]! : k === issued ? owners[1]! : owners[k + 1]!;
      const template = k === 0 || k === issued ? RULINGS[k === 0 ? 0 : 5]! : rng.pick(RULINGS);
      // Requests still waiting are recent; decided ones reach back to the team's first months.
      const requestedDay =
        status === 'REQUESTED'
          ? TODAY - rng.int(2, 40)
          : status === 'UNDER_REVIEW'
            ? TODAY - rng.int(15, 90)
            : rng.int(dayOf(2024, 6, 1), TODAY - 70);
      return { status, owner, template, requestedDay };
    })
    .sort((a, b) => a.requestedDay - b.requestedDay);
  for (const { status, owner, template, requestedDay } of rows) {
    const reviewDay = requestedDay + rng.int(2, 10);
    const decidedDay = Math.min(TODAY - 1, reviewDay + rng.int(15, 55));
    const liaison = liaisonOn(owner, reviewDay);
    const requester = liaisonOn(owner, requestedDay);
    const byContact = rng.chance(0.6);
    const reviewing = status !== 'REQUESTED';
    // Mostly three years, a few one-year rulings from 2024 have lapsed; the showcase's runs five.
    const years = owner === showcase ? 5 : rng.chance(0.2) ? 1 : 3;
    slice.rulings.push({
      id: rng.uuid(),
      number: number('RULING', requestedDay),
      creditCode: owner,
      topic: template.topic,
      category: template.category,
      question: template.question,
      status,
      requestedAt: at(rng, requestedDay),
      requesterSubject: byContact ? `enterprise:contact:${owner}` : requester.subject,
      requesterName: byContact
        ? slice.accounts.find((a) => a.creditCode === owner)!.contactName
        : requester.name,
      reviewStartedAt: reviewing ? at(rng, reviewDay) : null,
      reviewerSubject: reviewing ? liaison.subject : null,
      reviewerName: reviewing ? liaison.name : null,
      rulingText: status === 'ISSUED' ? template.ruling : null,
      validFrom: status === 'ISSUED' ? isoDate(decidedDay) : null,
      validUntil: status === 'ISSUED' ? isoDate(decidedDay + Math.round(years * 365.25) - 1) : null,
      issuedAt: status === 'ISSUED' ? at(rng, decidedDay) : null,
      declineReason: status === 'DECLINED' ? rng.pick(DECLINE_REASONS) : null,
      declinedAt: status === 'DECLINED' ? at(rng, decidedDay) : null,
    });
  }
}

function buildAgreements(
  rng: Rng,
  slice: ServiceAccountsSlice,
  total: number,
  large: readonly Enterprise[],
  showcase: string,
  liaisonOn: (creditCode: string, day: number) => { subject: string; name: string },
  number: (series: 'AGREEMENT', day: number) => string,
): void {
  const kinds = ['ACTIVE', 'SIGNED', 'DRAFT', 'EXPIRED', 'ACTIVE_PAST_END'] as const;
  const shares = spread(total, [50, 10, 12, 14, 14]);
  const plan = kinds.flatMap((kind, i) => Array<(typeof kinds)[number]>(shares[i]!).fill(kind));
  // One agreement in force or in the making per enterprise (the showcase's is active); lapsed ones anywhere.
  const current = [
    showcase,
    ...rng
      .sample(
        large.filter((e) => e.creditCode !== showcase),
        total,
      )
      .map((e) => e.creditCode),
  ];
  let next = 0;
  const nameOf = new Map(large.map((e) => [e.creditCode, e.name]));
  const rows = plan.map((kind) => {
    const lapsed = kind === 'EXPIRED' || kind === 'ACTIVE_PAST_END';
    const owner = lapsed ? rng.pick(large).creditCode : current[next++]!;
    let startDay: number;
    let endDay: number;
    if (lapsed) {
      // Two-year agreements from the team's first year, ended by now.
      startDay = rng.int(dayOf(2024, 4, 1), dayOf(2024, 12, 1));
      endDay = startDay + rng.int(540, 720);
      if (endDay >= TODAY) endDay = TODAY - rng.int(5, 60);
    } else if (kind === 'ACTIVE') {
      startDay = rng.int(dayOf(2025, 1, 1), TODAY - 30);
      endDay = startDay + Math.round(3 * 365.25) - 1;
    } else {
      startDay = TODAY + rng.int(1, 45);
      endDay = startDay + Math.round(3 * 365.25) - 1;
    }
    const draftDay =
      kind === 'DRAFT' || kind === 'SIGNED' ? TODAY - rng.int(5, 40) : startDay - rng.int(20, 45);
    return { kind, owner, startDay, endDay, draftDay };
  });
  rows.sort((a, b) => a.draftDay - b.draftDay);
  for (const { kind, owner, startDay, endDay, draftDay } of rows) {
    const drafter = liaisonOn(owner, draftDay);
    const signedDay =
      kind === 'SIGNED' ? Math.min(TODAY, draftDay + rng.int(3, 5)) : draftDay + rng.int(5, 15);
    const recordedExpiry = kind === 'EXPIRED';
    slice.agreements.push({
      id: rng.uuid(),
      number: number('AGREEMENT', draftDay),
      creditCode: owner,
      title: `${nameOf.get(owner)}税费遵从合作协议`,
      commitments:
        '一、企业承诺：建立健全税务风险内部控制制度，按季度向首席联络员通报重组、大额关联交易、跨区域投资等重大涉税事项，依法如实申报，主动纠正发现的涉税差错。' +
        '二、税务机关承诺：指定首席联络员提供一对一服务，对复杂涉税事项提供事先裁定通道，每季度出具税费健康体检报告；对企业主动报告并纠正的涉税问题，依法依规从轻、减轻或不予行政处罚。' +
        '三、双方每年开展一次遵从评估，协议执行情况作为续签依据。',
      startsOn: isoDate(startDay),
      endsOn: isoDate(endDay),
      status: kind === 'ACTIVE_PAST_END' ? 'ACTIVE' : kind,
      draftedAt: at(rng, draftDay),
      drafterName: drafter.name,
      signedOn: kind === 'DRAFT' ? null : isoDate(signedDay),
      activatedOn: kind !== 'DRAFT' && kind !== 'SIGNED' ? isoDate(Math.max(signedDay, startDay)) : null,
      // A recorded expiry on the last day of the term; the other lapsed ones were never recorded.
      expiredOn: recordedExpiry ? isoDate(endDay) : null,
    });
  }
}

function buildCases(
  rng: Rng,
  slice: ServiceAccountsSlice,
  counts: { majorAppeals: number; groupCases: number },
  large: readonly Enterprise[],
  showcase: string,
  accountOf: ReadonlyMap<string, ServiceAccount>,
  liaisonOn: (creditCode: string, day: number) => { subject: string; name: string },
  generalOf: (e: Enterprise) => { subject: string; name: string },
  number: (series: ServiceCase['kind'], day: number) => string,
): void {
  const statusOrder: ServiceCaseStatus[] = ['CLOSED', 'RESOLVED', 'IN_PROGRESS', 'ACCEPTED'];
  const inGroup = large.filter((e) => accountOf.get(e.creditCode)!.groupRole !== 'INDEPENDENT');
  const crossRegion = large.filter((e) => accountOf.get(e.creditCode)!.outsideBazhong.length > 0);
  const showcaseEnterprise = large.find((e) => e.creditCode === showcase)!;
  type Plan = { kind: ServiceCase['kind']; status: ServiceCaseStatus; e: Enterprise };
  const plans: Plan[] = [];
  const appeals = spread(counts.majorAppeals, [73, 9, 12, 6]);
  appeals.forEach((n, s) => {
    for (let k = 0; k < n; k++)
      plans.push({ kind: 'MAJOR_APPEAL', status: statusOrder[s]!, e: rng.pick(large) });
  });
  const groupWide = Math.floor(counts.groupCases / 2);
  const groupShares = spread(groupWide, [70, 10, 13, 7]);
  const regionShares = spread(counts.groupCases - groupWide, [70, 10, 13, 7]);
  groupShares.forEach((n, s) => {
    for (let k = 0; k < n; k++)
      plans.push({ kind: 'GROUP_WIDE', status: statusOrder[s]!, e: rng.pick(inGroup) });
  });
  regionShares.forEach((n, s) => {
    for (let k = 0; k < n; k++)
      plans.push({ kind: 'CROSS_REGION', status: statusOrder[s]!, e: rng.pick(crossRegion) });
  });
  // The showcase: an appeal and a group-wide case being handled, and a closed cross-region case.
  const firstOf = (kind: ServiceCase['kind'], status: ServiceCaseStatus) =>
    plans.find((p) => p.kind === kind && p.status === status)!;
  firstOf('MAJOR_APPEAL', 'IN_PROGRESS').e = showcaseEnterprise;
  firstOf('GROUP_WIDE', 'IN_PROGRESS').e = showcaseEnterprise;
  firstOf('CROSS_REGION', 'CLOSED').e = showcaseEnterprise;

  const dated = plans.map((plan) => {
    const opening = Date.parse(accountOf.get(plan.e.creditCode)!.openedOn) / 86_400_000;
    const open = plan.status === 'ACCEPTED' || plan.status === 'IN_PROGRESS';
    const openedDay = open
      ? TODAY - rng.int(3, 45)
      : rng.int(Math.max(opening, dayOf(2024, 4, 1)), TODAY - 60);
    return { ...plan, openedDay: Math.max(openedDay, opening) };
  });
  dated.sort((a, b) => a.openedDay - b.openedDay);
  for (const { kind, status, e, openedDay } of dated) {
    const account = accountOf.get(e.creditCode)!;
    const handler = liaisonOn(e.creditCode, openedDay);
    let title: string;
    let description: string;
    let regions: string[] = [];
    let members: string[] = [];
    if (kind === 'MAJOR_APPEAL') {
      const [t, d] = rng.pick(APPEALS) as [string, string];
      title = t;
      description = d;
    } else if (kind === 'GROUP_WIDE') {
      title = rng.pick(GROUP_WIDE_TITLES);
      const stem = e.name.replace(/(股份有限公司|有限责任公司|有限公司)$/, '');
      members = [e.name, ...rng.sample(subsidiaries(e.industry), rng.int(1, 3)).map((s) => `${stem}${s}`)];
      description = `${account.groupName ?? e.name}所属${members.length}户成员企业同类事项由首席联络员统一受理、一次办结。`;
    } else {
      regions = account.outsideBazhong
        .slice(0, rng.int(1, Math.min(2, account.outsideBazhong.length)))
        .map((o) => o.region);
      // 汉中 borders Bazhong: the Sichuan–Shaanxi neighbours handle each other's matters (川陕毗邻地区跨省通办).
      title =
        regions[0] === '陕西省汉中市' && rng.chance(0.5)
          ? '川陕毗邻地区跨省通办：汉中市项目外出经营核销'
          : rng.pick(CROSS_REGION_TITLES)(regions[0]!.replace(/^(四川省|陕西省)/, ''));
      description = `企业在${regions.join('、')}的经营事项需与当地税务机关协同办理，由首席联络员牵头跨区域通办。`;
    }
    const serviceCase: ServiceCase = {
      id: rng.uuid(),
      number: number(kind, openedDay),
      creditCode: e.creditCode,
      kind,
      title,
      description,
      regions,
      memberEnterprises: members,
      status: 'ACCEPTED',
      version: 0,
      handlerName: handler.name,
      openedAt: at(rng, openedDay),
      resolvedAt: null,
      closedAt: null,
    };
    const path: ServiceCaseStepKind[] = ['ACCEPT'];
    if (status !== 'ACCEPTED') {
      const middle = rng.int(1, 3);
      for (let k = 0; k < middle; k++)
        path.push(k === middle - 1 ? 'RESPOND' : rng.pick(['PROGRESS', 'COORDINATE'] as const));
    }
    if (status === 'RESOLVED' || status === 'CLOSED') path.push('RESOLVE');
    if (status === 'CLOSED') path.push('REVISIT');
    let day = openedDay;
    const lastDay =
      status === 'ACCEPTED' || status === 'IN_PROGRESS'
        ? TODAY
        : Math.min(TODAY, openedDay + rng.int(20, 55));
    const stepGap = Math.max(1, Math.floor((lastDay - openedDay) / path.length));
    const statusAfter: Record<ServiceCaseStepKind, ServiceCaseStatus> = {
      ACCEPT: 'ACCEPTED',
      PROGRESS: 'IN_PROGRESS',
      COORDINATE: 'IN_PROGRESS',
      RESPOND: 'IN_PROGRESS',
      RESOLVE: 'RESOLVED',
      REVISIT: 'CLOSED',
    };
    let previous = 0;
    for (const [k, step] of path.entries()) {
      const actor = k > 0 && rng.chance(0.25) ? generalOf(e) : liaisonOn(e.creditCode, day);
      // Steps on the same day keep their order.
      const when = new Date(Math.max(at(rng, day).getTime(), previous + 60_000));
      previous = when.getTime();
      slice.caseSteps.push({
        id: rng.uuid(),
        caseId: serviceCase.id,
        seq: k + 1,
        kind: step,
        content: step === 'ACCEPT' ? `受理：${title}` : rng.pick(STEP_TEXT[step]),
        actorSubject: actor.subject,
        actorName: actor.name,
        at: when,
        statusAfter: statusAfter[step],
      });
      serviceCase.status = statusAfter[step];
      serviceCase.version = k + 1;
      if (step === 'RESOLVE') serviceCase.resolvedAt = when;
      if (step === 'REVISIT') serviceCase.closedAt = when;
      day = Math.min(lastDay, day + rng.int(1, stepGap));
    }
    slice.cases.push(serviceCase);
  }
}
