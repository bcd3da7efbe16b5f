/**
 * The service points' slice. The points are the study's figures and identical at every scale (their
 * random stream does not depend on the scale); the service records depend on the scale's enterprises and persons.
 */
import type { ServiceKind, ServicePoint, ServiceRecord } from '../../service-points/entities/index.js';
import { districts, type District } from '../enums.js';
import type { Base, PersonInfo } from './base.js';
import { TODAY, beijingTime, dayOf } from './calendar.js';
import {
  GEO,
  coordinates,
  landline,
  outletWeights,
  randomPlace,
  streetAddress,
  type Place,
} from './geography.js';
import { Rng, apportion, weighted } from './random.js';

export interface ServicePointsSlice {
  points: ServicePoint[];
  records: ServiceRecord[];
}

type PointKind = ServicePoint['kind'];

/** Outlets of the study (2024–2025): same at every scale. */
export const OUTLET_COUNTS: Record<Exclude<PointKind, 'PARTNER_ONE_STOP' | 'FENGQIAO_BRANCH'>, number> = {
  SOCIAL_INSURANCE_PAYMENT: 621,
  TAX_POST: 108,
  TAX_BANK: 232,
  COMMUNITY: 274,
};

const ID_CODES: Record<PointKind, string> = {
  PARTNER_ONE_STOP: 'OS',
  SOCIAL_INSURANCE_PAYMENT: 'SI',
  TAX_POST: 'TP',
  TAX_BANK: 'TB',
  COMMUNITY: 'CM',
  FENGQIAO_BRANCH: 'FQ',
};

const BANKS = weighted<{ name: string; short: string }>([
  [{ name: '中国邮政储蓄银行巴中分行', short: '邮储银行' }, 26],
  [{ name: '四川农信', short: '四川农信' }, 34],
  [{ name: '中国农业银行巴中分行', short: '农业银行' }, 14],
  [{ name: '中国建设银行巴中分行', short: '建设银行' }, 10],
  [{ name: '中国工商银行巴中分行', short: '工商银行' }, 9],
  [{ name: '中国银行巴中分行', short: '中国银行' }, 7],
]);
/** Community and village name stems (社区/村). */
const COMMUNITY_STEMS =
  '莲花 龙泉 南池 望王 北龛 红旗 滨河 柳津 玉堂 奇章 东兴 西华 新华 人民 凤凰 白鹤 石门 三台 后坝 青龙 金山 文昌 兴隆 太平 和平 团结 幸福 安居 新街 老街 河坝 向阳 光明 桂花 黄桷 书院 回龙 马鞍 双河 学堂'.split(
    ' ',
  );

const WEEKDAY_HOURS = [
  '工作日 9:00-12:00，14:00-17:30',
  '工作日 8:30-12:00，14:30-18:00',
  '工作日 9:00-12:00，13:30-17:00',
];

function pointServices(
  rng: Rng,
  kind: PointKind,
  partner: 'health' | 'market' | 'veterans' | null,
): ServiceKind[] {
  switch (kind) {
    case 'SOCIAL_INSURANCE_PAYMENT':
      return ['SOCIAL_INSURANCE_PAYMENT', 'MEDICAL_INSURANCE_PAYMENT'];
    case 'TAX_POST': {
      const s: ServiceKind[] = ['INVOICE', 'TAX_CONSULTATION'];
      if (rng.chance(0.5)) s.push('INDIVIDUAL_INCOME_TAX');
      if (rng.chance(0.3)) s.push('SOCIAL_INSURANCE_PAYMENT');
      return s;
    }
    case 'TAX_BANK': {
      const s: ServiceKind[] = [
        'TAX_FILING',
        'SOCIAL_INSURANCE_PAYMENT',
        'MEDICAL_INSURANCE_PAYMENT',
        'TAX_CONSULTATION',
      ];
      if (rng.chance(0.4)) s.push('INDIVIDUAL_INCOME_TAX');
      if (rng.chance(0.3)) s.push('INVOICE');
      return s;
    }
    case 'COMMUNITY': {
      const s: ServiceKind[] = ['SOCIAL_INSURANCE_PAYMENT', 'MEDICAL_INSURANCE_PAYMENT', 'TAX_CONSULTATION'];
      if (rng.chance(0.6)) s.push('INDIVIDUAL_INCOME_TAX');
      if (rng.chance(0.4)) s.push('ASSISTED_HANDLING');
      return s;
    }
    case 'FENGQIAO_BRANCH':
      return [
        'DISPUTE_MEDIATION',
        'LEGAL_SERVICE',
        'TAX_CONSULTATION',
        'ASSISTED_HANDLING',
        'TAX_FILING',
        'INVOICE',
        'TAX_REGISTRATION',
        'INDIVIDUAL_INCOME_TAX',
        'SOCIAL_INSURANCE_PAYMENT',
      ];
    case 'PARTNER_ONE_STOP':
      if (partner === 'health') return ['CHILDCARE_DEDUCTION', 'INDIVIDUAL_INCOME_TAX', 'TAX_CONSULTATION'];
      if (partner === 'market') return ['TAX_REGISTRATION', 'INVOICE', 'TAX_CONSULTATION'];
      return ['VETERANS_TAX_POLICY', 'TAX_CONSULTATION', 'ASSISTED_HANDLING'];
  }
}

/** All 1,281 points; deterministic and independent of the scale. */
export function buildPoints(): ServicePoint[] {
  const rng = new Rng('bazhong-demo-world:service-points');
  const points: ServicePoint[] = [];
  const counters = new Map<string, number>();
  const nextId = (district: District, kind: PointKind) => {
    const key = `${district}:${kind}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    return `SP-${GEO[district].code}-${ID_CODES[kind]}-${String(n).padStart(4, '0')}`;
  };
  const usedCommunities = new Set<string>();
  const push = (
    district: District,
    kind: PointKind,
    place: Place,
    fields: Pick<ServicePoint, 'name' | 'openingHours' | 'hostOrganisation'> & {
      partner?: 'health' | 'market' | 'veterans';
    },
  ) => {
    points.push({
      id: nextId(district, kind),
      name: fields.name,
      kind,
      district,
      address: streetAddress(rng, place),
      ...coordinates(rng, place),
      services: pointServices(rng, kind, fields.partner ?? null),
      openingHours: fields.openingHours,
      hostOrganisation: fields.hostOrganisation,
      phone: kind === 'SOCIAL_INSURANCE_PAYMENT' && rng.chance(0.3) ? null : landline(rng),
    });
  };

  const weights = districts.map((d) => outletWeights[d]);
  for (const district of districts) {
    const g = GEO[district];
    // One-stop points in the partners' offices at the seat (卫健, 市场监管, 退役军人事务).
    const partners = [
      ['health', g.healthBureau, '婴幼儿照护扣除'],
      ['market', g.marketBureau, '登记注册'],
      ['veterans', g.veteransBureau, '退役军人服务'],
    ] as const;
    for (const [partner, host, topic] of partners) {
      push(district, 'PARTNER_ONE_STOP', randomPlace(rng, district, 1), {
        name: `${host}“一站式”税费服务点（${topic}）`,
        openingHours: WEEKDAY_HOURS[0]!,
        hostOrganisation: host,
        partner,
      });
    }
    // Each tax branch is a Fengqiao-style branch (枫桥式税务分局).
    for (const branch of g.branches) {
      const urban = g.urbanAreas.includes(branch.area);
      push(
        district,
        'FENGQIAO_BRANCH',
        { district, area: branch.area, urban },
        {
          name: `${g.name}${branch.name}（“枫桥式”税务分局）`,
          openingHours: '工作日 9:00-12:00，14:00-17:30（矛盾纠纷调解可预约延时）',
          hostOrganisation: `${g.taxBureau}${branch.name}`,
        },
      );
    }
  }

  const perDistrict = (total: number) => apportion(total, weights);
  const siCounts = perDistrict(OUTLET_COUNTS.SOCIAL_INSURANCE_PAYMENT);
  const postCounts = perDistrict(OUTLET_COUNTS.TAX_POST);
  const bankCounts = perDistrict(OUTLET_COUNTS.TAX_BANK);
  const communityCounts = perDistrict(OUTLET_COUNTS.COMMUNITY);
  districts.forEach((district, d) => {
    const g = GEO[district];
    // Social-insurance payment points: bank branches in town, village service stations (便民服务站) in the country.
    for (let k = 0; k < siCounts[d]!; k++) {
      const place = randomPlace(rng, district, 0.25);
      if (rng.chance(0.45)) {
        const bank = rng.pickWeighted(BANKS);
        const branch = `${bank.name}${place.area.replace(/(街道|镇|乡)$/, '')}${bank.short === '四川农信' ? '分社' : '支行'}`;
        push(district, 'SOCIAL_INSURANCE_PAYMENT', place, {
          name: `${branch}社保费缴费点`,
          openingHours: rng.chance(0.5) ? '周一至周日 9:00-17:00' : '周一至周五 8:30-17:30，周六 9:00-16:00',
          hostOrganisation: branch,
        });
      } else {
        const village = `${rng.pick(COMMUNITY_STEMS)}${place.urban ? '社区' : '村'}`;
        push(district, 'SOCIAL_INSURANCE_PAYMENT', place, {
          name: `${place.area}${village}社保医保缴费代办点`,
          openingHours: rng.chance(0.7) ? WEEKDAY_HOURS[1]! : '逢场天 8:00-17:00',
          hostOrganisation: `${g.localPrefix}${place.area}${village}${place.urban ? '居民委员会' : '便民服务站'}`,
        });
      }
    }
    // Tax-post points (税邮合作): post offices, which also issue invoices on the tax bureau's behalf.
    for (let k = 0; k < postCounts[d]!; k++) {
      const place = randomPlace(rng, district, 0.3);
      const office = `中国邮政集团有限公司${g.localPrefix}分公司${place.area.replace(/(街道|镇|乡)$/, '')}邮政支局`;
      push(district, 'TAX_POST', place, {
        name: `${place.area}邮政支局税邮合作服务点`,
        openingHours: '周一至周六 8:30-17:30',
        hostOrganisation: office,
      });
    }
    // Tax-bank points (税银合作): self-service terminals and counters in bank branches.
    for (let k = 0; k < bankCounts[d]!; k++) {
      const place = randomPlace(rng, district, 0.55);
      const bank = rng.pickWeighted(BANKS);
      const branch = `${bank.name}${place.area.replace(/(街道|镇|乡)$/, '')}${bank.short === '四川农信' ? '分社' : '支行'}`;
      push(district, 'TAX_BANK', place, {
        name: `${branch}税银合作服务点`,
        openingHours: rng.chance(0.6) ? '周一至周五 9:00-17:00' : '周一至周日 9:00-17:00（自助终端24小时）',
        hostOrganisation: branch,
      });
    }
    // Community points (社区服务点) of the "tax + community + department" grid; each community once.
    for (let k = 0; k < communityCounts[d]!; k++) {
      let place: Place;
      let community: string;
      do {
        place = randomPlace(rng, district, 0.5);
        community = `${rng.pick(COMMUNITY_STEMS)}社区`;
      } while (usedCommunities.has(`${district}${place.area}${community}`));
      usedCommunities.add(`${district}${place.area}${community}`);
      push(district, 'COMMUNITY', place, {
        name: `${place.area}${community}税费服务点`,
        openingHours: WEEKDAY_HOURS[1]!,
        hostOrganisation: `${g.localPrefix}${place.area}${community}居民委员会`,
      });
    }
  });
  return points;
}

/** Services given to an enterprise, to a person, or to either. */
const ENTERPRISE_SERVICES = new Set<ServiceKind>(['TAX_REGISTRATION', 'INVOICE', 'TAX_FILING']);
const PERSON_SERVICES = new Set<ServiceKind>([
  'SOCIAL_INSURANCE_PAYMENT',
  'MEDICAL_INSURANCE_PAYMENT',
  'INDIVIDUAL_INCOME_TAX',
  'CHILDCARE_DEDUCTION',
  'VETERANS_TAX_POLICY',
]);

const SUMMARIES: Record<ServiceKind, readonly string[]> = {
  SOCIAL_INSURANCE_PAYMENT: [
    '办理灵活就业人员基本养老保险费缴纳',
    '签订社保费银行批量扣款协议',
    '更正社保费批扣账户信息并重新发起扣款',
    '查询社保费缴费记录并打印缴费凭证',
    '缴纳城乡居民基本养老保险费',
  ],
  MEDICAL_INSURANCE_PAYMENT: [
    '缴纳城乡居民基本医疗保险费',
    '为家庭成员代缴城乡居民医保费',
    '办理灵活就业人员医保费缴纳',
    '查询医保缴费状态并解释待遇享受期',
  ],
  TAX_REGISTRATION: [
    '办理新办纳税人“套餐式”涉税事项',
    '办理税务登记信息变更',
    '办理跨区域涉税事项报告',
    '办理清税注销',
  ],
  INVOICE: [
    '代开增值税普通发票',
    '指导开具数电发票',
    '办理发票领用与开票额度调整',
    '受理拒开发票举报后对商户开展开票辅导',
  ],
  TAX_FILING: [
    '辅导完成增值税及附加税费申报',
    '辅导完成企业所得税季度预缴申报',
    '辅导报送财务报表',
    '辅导更正申报并讲解滞纳金政策',
  ],
  INDIVIDUAL_INCOME_TAX: [
    '辅导办理个人所得税综合所得年度汇算',
    '处理个税APP被冒用任职受雇信息的异议申诉',
    '指导填报专项附加扣除信息',
  ],
  CHILDCARE_DEDUCTION: [
    '为新生儿家庭讲解3岁以下婴幼儿照护专项附加扣除并协助填报',
    '办理出生医学证明时同步推送婴幼儿照护扣除政策',
  ],
  VETERANS_TAX_POLICY: ['讲解退役士兵创业就业税收优惠政策', '协助自主就业退役士兵办理税费减免'],
  TAX_CONSULTATION: [
    '解答小规模纳税人增值税减免政策',
    '解答契税缴纳及退税政策',
    '解答社保费缴费基数政策',
    '推送个性化优惠政策礼包',
    '讲解纳税信用修复流程',
  ],
  DISPUTE_MEDIATION: [
    '调解社保费批扣错误引发的争议',
    '调解物业公司拒开发票纠纷',
    '调解职工社保费补缴争议',
    '调解开发商代收契税争议',
  ],
  LEGAL_SERVICE: ['提供税费法律咨询与权利救济指引', '讲解税务行政复议程序', '协同司法所提供法律援助咨询'],
  ASSISTED_HANDLING: [
    '全程帮办代办注销登记',
    '帮办代办社保费欠费补缴',
    '上门帮办大企业税费事项（一户一册）',
    '为行动不便的老人上门代办医保缴费',
  ],
};
const EXTRAS = [
  '并主动提示相关优惠政策',
  '事后回访确认问题已解决',
  '同步推送个性化政策礼包',
  '预约后续一对一辅导',
];
const MODES = weighted<ServiceRecord['mode']>([
  ['ROUTINE', 70],
  ['ASSISTED', 20],
  ['BEYOND_EXPECTATION', 10],
]);

function summary(rng: Rng, service: ServiceKind, mode: ServiceRecord['mode']): string {
  const text = rng.pick(SUMMARIES[service]);
  if (mode === 'ASSISTED') return text.includes('帮办') ? text : `帮办代办：${text}`;
  if (mode === 'BEYOND_EXPECTATION') return `超预期服务：${text}，${rng.pick(EXTRAS)}`;
  return text;
}

/** A weekday service time within the last two years, in office hours (Beijing time). */
function servedAt(rng: Rng): Date {
  let day = TODAY - rng.int(0, 729);
  // 1970-01-01 was a Thursday: day % 7 of 2 and 3 are Saturday and Sunday.
  while (day % 7 === 2 || day % 7 === 3) day -= 1;
  const hour = rng.chance(0.5) ? rng.int(9, 11) : rng.int(14, 16);
  return beijingTime(day, hour, rng.int(0, 59), rng.int(0, 59));
}

export function buildServicePoints(base: Base, points: ServicePoint[]): ServicePointsSlice {
  const rng = new Rng(`bazhong-demo-world:${base.scale}:service-points`);
  const records: ServiceRecord[] = [];
  const enterprisesBy = new Map<District, string[]>();
  const personsBy = new Map<District, PersonInfo[]>();
  for (const d of districts) {
    enterprisesBy.set(d, []);
    personsBy.set(d, []);
  }
  for (const e of base.enterprises)
    if (e.taxStatus !== 'DEREGISTERED') enterprisesBy.get(e.district)!.push(e.creditCode);
  for (const p of base.persons) personsBy.get(p.row.district)!.push(p);

  // Branches and partner points see far more visits than a village payment point.
  const cumulative = new Float64Array(points.length);
  let sum = 0;
  points.forEach((p, i) => {
    sum +=
      p.kind === 'FENGQIAO_BRANCH'
        ? 20
        : p.kind === 'PARTNER_ONE_STOP'
          ? 10
          : p.kind === 'TAX_BANK'
            ? 3
            : 1.5;
    cumulative[i] = sum;
  });
  const pickPoint = (): ServicePoint => {
    const x = rng.float() * sum;
    let lo = 0;
    let hi = points.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return points[lo]!;
  };

  const add = (
    point: ServicePoint,
    subject: { creditCode: string } | { personId: string },
    service: ServiceKind,
    mode: ServiceRecord['mode'],
    at: Date,
    text?: string,
  ) => {
    records.push({
      id: rng.uuid(),
      servicePointId: point.id,
      creditCode: 'creditCode' in subject ? subject.creditCode : null,
      personId: 'personId' in subject ? subject.personId : null,
      service,
      mode,
      summary: text ?? summary(rng, service, mode),
      servedAt: at,
    });
  };

  /** A person who plausibly needs the service: parents for childcare, men of service age for veterans. */
  const personFor = (district: District, service: ServiceKind): PersonInfo => {
    const pool = personsBy.get(district)!.length > 0 ? personsBy.get(district)! : base.persons;
    for (let attempt = 0; attempt < 20; attempt++) {
      const p = rng.pick(pool);
      const age = (TODAY - p.birthDay) / 365.25;
      if (service === 'CHILDCARE_DEDUCTION' && (age < 22 || age > 45)) continue;
      if (service === 'VETERANS_TAX_POLICY' && (p.row.gender !== 'MALE' || age < 22 || age > 55)) continue;
      if (service === 'INDIVIDUAL_INCOME_TAX' && p.role !== 'EMPLOYEE') continue;
      if (
        (service === 'SOCIAL_INSURANCE_PAYMENT' || service === 'MEDICAL_INSURANCE_PAYMENT') &&
        p.role === 'EMPLOYEE'
      )
        continue;
      if (age < 16 && service !== 'MEDICAL_INSURANCE_PAYMENT') continue;
      return p;
    }
    return rng.pick(pool);
  };

  // The showcase records first. The story: the showcase person's deductions fail from September (closed
  // account); at the payment point the person also finds months the former employer never paid; the
  // Fengqiao branch takes up the dispute, the case is filed (16 October) and mediated, the card is replaced.
  const { employer, person, arrearsEmployer } = base.showcase;
  const bazhouBranch = points.find((p) => p.kind === 'FENGQIAO_BRANCH' && p.district === 'BAZHOU')!;
  const bazhouPayment = points.find((p) => p.kind === 'SOCIAL_INSURANCE_PAYMENT' && p.district === 'BAZHOU')!;
  const bazhouBank = points.find((p) => p.kind === 'TAX_BANK' && p.district === 'BAZHOU')!;
  const pid = { personId: person.row.personId };
  add(
    bazhouPayment,
    pid,
    'SOCIAL_INSURANCE_PAYMENT',
    'ROUTINE',
    beijingTime(dayOf(2026, 9, 28), 10, 12),
    '查询灵活就业养老保险费批扣失败原因（扣款账户已注销），并发现原单位部分月份欠缴',
  );
  add(
    bazhouBranch,
    pid,
    'DISPUTE_MEDIATION',
    'ASSISTED',
    beijingTime(dayOf(2026, 10, 9), 15, 5),
    '帮办代办：受理社保费批扣错误及原单位欠缴争议，启动社会保险费争议联合处理机制',
  );
  add(
    bazhouBranch,
    pid,
    'SOCIAL_INSURANCE_PAYMENT',
    'BEYOND_EXPECTATION',
    beijingTime(dayOf(2026, 11, 27), 9, 40),
    '超预期服务：协助变更批扣银行账户并补签扣款协议，9至11月欠费纳入下期补扣，预约调解后回访',
  );
  const cc = { creditCode: employer.creditCode };
  add(
    bazhouBank,
    cc,
    'TAX_FILING',
    'ROUTINE',
    beijingTime(dayOf(2026, 10, 14), 10, 30),
    '辅导完成增值税及附加税费申报',
  );
  add(
    bazhouBranch,
    cc,
    'ASSISTED_HANDLING',
    'BEYOND_EXPECTATION',
    beijingTime(dayOf(2026, 6, 23), 14, 30),
    '超预期服务：上门帮办大企业税费事项（一户一册），送达税费健康体检报告',
  );
  add(
    bazhouBranch,
    cc,
    'DISPUTE_MEDIATION',
    'ASSISTED',
    beijingTime(dayOf(2026, 10, 20), 14, 50),
    '帮办代办：组织原职工社保费争议联合调解，企业同意核实2016年至2024年缴费记录',
  );
  const arrearsBranch = points.find(
    (p) => p.kind === 'FENGQIAO_BRANCH' && p.district === arrearsEmployer.district,
  )!;
  add(
    arrearsBranch,
    { creditCode: arrearsEmployer.creditCode },
    'TAX_CONSULTATION',
    'ROUTINE',
    beijingTime(TODAY - 12, 10, 0),
    '送达社保费欠费风险提醒，解答分期补缴政策',
  );

  while (records.length < base.sizes.serviceRecords) {
    const point = pickPoint();
    const service = rng.pick(point.services);
    // Most visitors come from the point's own district.
    const district = rng.chance(0.88) ? point.district : rng.pick(districts);
    const forEnterprise =
      ENTERPRISE_SERVICES.has(service) || (!PERSON_SERVICES.has(service) && rng.chance(0.5));
    // Assisted handling (帮办代办) is never routine; Fengqiao branches assist half their visitors.
    let mode = rng.pickWeighted(MODES);
    if (service === 'ASSISTED_HANDLING' && mode === 'ROUTINE') mode = 'ASSISTED';
    else if (point.kind === 'FENGQIAO_BRANCH' && mode === 'ROUTINE' && rng.chance(0.4)) mode = 'ASSISTED';
    const pool = enterprisesBy.get(district)!;
    if (forEnterprise && pool.length > 0)
      add(point, { creditCode: rng.pick(pool) }, service, mode, servedAt(rng));
    else add(point, { personId: personFor(district, service).row.personId }, service, mode, servedAt(rng));
  }
  return { points, records };
}
