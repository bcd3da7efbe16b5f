/**
 * Live visual Q&A (可视答疑直播, brand 巴税巴适) in the demo world, at the study's size whatever the scale:
 * 6 teams with 88 members, 6 studios, and 52 sessions held from June 2024 to November 2026 whose views sum
 * to exactly 3,200,000; besides them two sessions scheduled for December 2026 and one cancelled. Topics are
 * appeal topics, each team answering its own; titles, sources and key answers are in Chinese.
 */
import { districtInfo, type District } from '../enums.js';
import type { LiveQaMember, LiveQaSession, LiveQaStudio, LiveQaTeam } from '../../tax/entities/index.js';
import { topicLabel } from '../../tax/appeals/topics.js';
import { TODAY, beijingTime, dayOf } from './calendar.js';
import { GEO } from './geography.js';
import { personName } from './names.js';
import { Rng, apportion } from './random.js';
import { QUALITY_ANALYSTS } from './quality.js';

export interface LiveQaSlice {
  teams: LiveQaTeam[];
  members: LiveQaMember[];
  studios: LiveQaStudio[];
  sessions: LiveQaSession[];
}

/** The study's figures: 6 teams, 6 studios, 88 members, 52 sessions, 3.2 million views. */
export const LIVE_QA_FIGURES = { teams: 6, studios: 6, members: 88, sessions: 52, views: 3_200_000 } as const;
/** The sessions held run from the programme's start to TODAY's month. */
export const LIVE_QA_FIRST_DAY = dayOf(2024, 6, 1);

const TEAMS: {
  code: string;
  name: string;
  focus: string;
  topics: string[];
  office: string;
  members: number;
}[] = [
  {
    code: 'INVOICE',
    name: '发票与数电票答疑团队',
    focus: '数电发票开具与查验、红字发票、拒开发票的维权途径',
    topics: ['INVOICE_REFUSAL', 'INVOICE'],
    office: '国家税务总局巴中市税务局货物和劳务税科',
    members: 16,
  },
  {
    code: 'SOCIAL',
    name: '社保费答疑团队',
    focus: '城乡居民和灵活就业人员社保费缴纳、批量扣款失败与退费',
    topics: ['SOCIAL_INSURANCE_DEDUCTION', 'SOCIAL_INSURANCE'],
    office: '国家税务总局巴中市税务局社会保险费科',
    members: 15,
  },
  {
    code: 'IIT',
    name: '个人所得税答疑团队',
    focus: '个税汇算清缴、专项附加扣除、任职受雇信息被冒用的申诉',
    topics: ['IIT_IDENTITY_MISUSE', 'REFUND'],
    office: '国家税务总局巴中市税务局所得税科',
    members: 15,
  },
  {
    code: 'PROPERTY',
    name: '财产和行为税答疑团队',
    focus: '契税申报与优惠、开发商代收契税、物业公司涉税问题',
    topics: ['DEED_TAX', 'PROPERTY_MANAGEMENT'],
    office: '国家税务总局巴中市税务局财产和行为税科',
    members: 14,
  },
  {
    code: 'POLICY',
    name: '税费优惠政策答疑团队',
    focus: '小微企业和个体工商户税费优惠、研发费用加计扣除、纳税信用修复',
    topics: ['PREFERENTIAL_POLICY', 'CREDIT'],
    office: '国家税务总局巴中市税务局纳税服务科',
    members: 14,
  },
  {
    code: 'ETAX',
    name: '电子税务局操作答疑团队',
    focus: '电子税务局和个税 APP 操作、申报缴税流程',
    topics: ['ETAX', 'FILING'],
    office: '国家税务总局巴中市税务局征管和科技发展科',
    members: 14,
  },
];

const STUDIOS: { code: string; name: string; district: District; place: string }[] = [
  { code: 'CITY', name: '巴税巴适直播中心（市局）', district: 'BAZHOU', place: '5 楼' },
  { code: 'BAZHOU', name: '巴州区税务局直播间', district: 'BAZHOU', place: '办税服务厅 2 楼' },
  { code: 'ENYANG', name: '恩阳区税务局直播间', district: 'ENYANG', place: '办税服务厅 3 楼' },
  { code: 'TONGJIANG', name: '通江县税务局直播间', district: 'TONGJIANG', place: '办税服务厅 2 楼' },
  { code: 'NANJIANG', name: '南江县税务局直播间', district: 'NANJIANG', place: '纳税服务中心 4 楼' },
  { code: 'PINGCHANG', name: '平昌县税务局直播间', district: 'PINGCHANG', place: '办税服务厅 2 楼' },
];

const POSITIONS = [
  '主播',
  '主播',
  '答疑专家',
  '答疑专家',
  '答疑专家',
  '业务骨干',
  '业务骨干',
  '技术保障',
  '场控',
];

/** Titles by topic: what a session on it is called after the brand. */
const TITLES: Record<string, string[]> = {
  INVOICE_REFUSAL: ['消费不给开发票怎么办？一场直播讲清维权途径', '拒开发票举报处理全流程解读'],
  INVOICE: ['数电发票开具与红字冲红实操', '数电发票查验、下载与入账一次讲透'],
  SOCIAL_INSURANCE_DEDUCTION: ['社保费批量扣款失败怎么办', '灵活就业人员社保费扣款协议签订与变更'],
  SOCIAL_INSURANCE: ['城乡居民医保和养老保险缴费指南', '灵活就业人员社保缴费基数怎么选'],
  IIT_IDENTITY_MISUSE: ['个税 APP 里出现陌生任职单位？教你申诉', '防范个人信息被冒用：任职受雇信息核查'],
  REFUND: ['个税年度汇算退税常见问题', '汇算清缴多缴税款怎么退'],
  DEED_TAX: ['购房契税怎么缴、优惠怎么享', '警惕开发商违规代收契税'],
  PROPERTY_MANAGEMENT: ['物业费发票与物业公司涉税问题解读', '物业公司停车费收入如何纳税'],
  PREFERENTIAL_POLICY: ['小微企业和个体工商户税费优惠政策礼包', '研发费用加计扣除政策与申报要点'],
  CREDIT: ['纳税信用评价与信用修复指引', '非正常户解除与信用修复一次讲清'],
  ETAX: ['新版电子税务局常见操作难题', '电子税务局登录与身份认证问题解答'],
  FILING: ['征期申报缴税提醒与常见错误', '零申报、逾期申报与滞纳金问题解答'],
};

const KEY_ANSWERS: Record<string, string> = {
  INVOICE_REFUSAL:
    '消费者有权索取发票，商家不得以任何理由拒开；遇拒开可通过 12366 或电子税务局举报，税务机关依法核查处理并反馈。',
  INVOICE: '数电发票开具后发现错误的，通过红字确认单冲红后重新开具；受票方可在全国增值税发票查验平台查验。',
  SOCIAL_INSURANCE_DEDUCTION:
    '扣款失败多因账户余额不足或协议失效，可在征期内补扣或通过“川税通”自行缴纳；重复扣款的可申请退费。',
  SOCIAL_INSURANCE:
    '城乡居民医保按年缴费，集中征收期内缴纳次年享受待遇；灵活就业人员可在规定档次内自主选择缴费基数。',
  IIT_IDENTITY_MISUSE: '发现陌生任职单位可在个税 APP“收入纳税明细查询”中发起申诉，税务机关核实后予以处理。',
  REFUND:
    '年度汇算有多缴税款的可申请退税，审核通过后退至本人一类银行卡；补税 400 元以下且收入 12 万元以下的免予补税。',
  DEED_TAX: '契税由购房人向税务机关申报缴纳，开发商无权代收；首套、二套住房按面积适用优惠税率。',
  PROPERTY_MANAGEMENT: '物业公司收取物业费、停车费应依法开具发票并申报纳税，业主可凭发票维权。',
  PREFERENTIAL_POLICY: '小型微利企业和个体工商户可叠加享受多项减免政策，系统自动识别、申报时直接享受。',
  CREDIT: '纳税信用修复可在电子税务局在线申请，纠正失信行为后按规定调整评价结果。',
  ETAX: '登录异常多因身份信息未更新或证书过期，可通过人脸识别重新认证；常见操作已整理成图文指引。',
  FILING: '征期最后几天申报量大，建议提前申报；逾期申报应尽快补报，滞纳金按日加收万分之五。',
};

/** The four risk-governance guides of 2024 (高频热点税费诉求风险治理业务指引), by the topics they cover. */
const GUIDES: Record<string, string> = {
  INVOICE_REFUSAL: '发票',
  INVOICE: '发票',
  SOCIAL_INSURANCE_DEDUCTION: '社保费',
  SOCIAL_INSURANCE: '社保费',
  DEED_TAX: '契税',
  PROPERTY_MANAGEMENT: '契税',
  IIT_IDENTITY_MISUSE: '个人所得税',
  REFUND: '个人所得税',
};

/** Where a session's topic came from: a weekly or quarterly analysis report, a guide, or nothing recorded. */
function sourceOf(rng: Rng, topic: string, at: Date): string | null {
  const date = new Date(at.getTime() + 8 * 3600_000);
  const year = date.getUTCFullYear();
  const week = Math.max(1, Math.ceil((date.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) - 1);
  const x = rng.float();
  const label = topicLabel(topic).split(' (')[0];
  if (x < 0.5) return `诉求分析周报〔${year}〕第 ${week} 期：${label}诉求上升`;
  if (x < 0.7) {
    const quarter = Math.floor(date.getUTCMonth() / 3);
    return quarter === 0
      ? `${year - 1} 年第四季度税费诉求和舆情分析办理报告`
      : `${year} 年第${'一二三'[quarter - 1]}季度税费诉求和舆情分析办理报告`;
  }
  if (x < 0.88 && GUIDES[topic]) return `高频热点税费诉求风险治理业务指引（${GUIDES[topic]}）`;
  return null;
}

export function buildLiveQa(): LiveQaSlice {
  const rng = new Rng('bazhong-demo-world:live-qa');
  const teams: LiveQaTeam[] = TEAMS.map((t, i) => ({
    code: t.code,
    name: `巴税巴适·${t.name}`,
    focus: t.focus,
    focusTopics: t.topics,
    position: i + 1,
  }));
  const studios: LiveQaStudio[] = STUDIOS.map((s, i) => ({
    code: s.code,
    name: s.name,
    location:
      s.code === 'CITY'
        ? `国家税务总局巴中市税务局${s.place}（${districtInfo[s.district].name}）`
        : `${GEO[s.district].taxBureau}${s.place}（${districtInfo[s.district].name}）`,
    district: s.district,
    position: i + 1,
  }));
  const counts = apportion(
    LIVE_QA_FIGURES.members,
    TEAMS.map((t) => t.members),
  );
  const members: LiveQaMember[] = [];
  const districtsOfStudios = STUDIOS.slice(1).map((s) => s.district);
  TEAMS.forEach((team, t) => {
    for (let k = 0; k < counts[t]!; k++) {
      const district = districtsOfStudios[(t + k) % districtsOfStudios.length]!;
      members.push({
        id: rng.uuid(),
        teamCode: team.code,
        name: personName(rng, rng.chance(0.55) ? 'FEMALE' : 'MALE', 1972 + rng.int(0, 26)),
        position: k === 0 ? '领队' : POSITIONS[(k - 1) % POSITIONS.length]!,
        // The lead and half the team come from the city division, the others from the district bureaus.
        office: k === 0 || k % 2 === 1 ? team.office : GEO[district].taxBureau,
        seq: k + 1,
      });
    }
  });

  const held = LIVE_QA_FIGURES.sessions;
  const lastDay = TODAY - 3;
  const span = lastDay - LIVE_QA_FIRST_DAY;
  // Views grow as the brand becomes known; split so they add up to exactly 3.2 million.
  const weights = Array.from(
    { length: held },
    (_, k) => Math.exp(rng.normal() * 0.35) * (0.6 + (1.2 * k) / held),
  );
  const views = apportion(LIVE_QA_FIGURES.views, weights);
  const sessions: LiveQaSession[] = [];
  const [analyst, recorder] = QUALITY_ANALYSTS;
  const session = (k: number, day: number, evening: boolean): LiveQaSession => {
    const t = rng.int(0, teams.length - 1);
    const team = TEAMS[t]!;
    const topic = rng.pick(team.topics);
    const scheduledAt = beijingTime(day, evening ? 19 : 15, evening ? 30 : 0);
    const own = members.filter(
      (m) => m.teamCode === team.code && m.position !== '技术保障' && m.position !== '场控',
    );
    const hosts = rng.sample(own, 2).map((m) => m.id);
    const source = sourceOf(rng, topic, scheduledAt);
    return {
      id: rng.uuid(),
      episode: k + 1,
      title: `巴税巴适第 ${k + 1} 期｜${rng.pick(TITLES[topic]!)}`,
      topic,
      source,
      scheduledAt,
      durationMinutes: rng.chance(0.7) ? 60 : 90,
      // Each team broadcasts mostly from its home studio (team i, studio i).
      studioCode: rng.chance(0.7) ? STUDIOS[t]!.code : rng.pick(STUDIOS).code,
      teamCode: team.code,
      hostIds: hosts,
      status: 'SCHEDULED',
      version: 1,
      startedAt: null,
      endedAt: null,
      cancelledAt: null,
      cancelReason: null,
      views: null,
      questionsReceived: null,
      questionsAnswered: null,
      keyAnswers: null,
      outcomeRecordedAt: null,
      outcomeRecordedByName: null,
      scheduledBySubject: analyst.subject,
      scheduledByName: analyst.name,
      createdAt: new Date(scheduledAt.getTime() - rng.int(7, 14) * 86_400_000),
    };
  };

  for (let k = 0; k < held; k++) {
    const day =
      LIVE_QA_FIRST_DAY + Math.floor((k * span) / (held - 1)) - (k === held - 1 ? 0 : rng.int(0, 3));
    const s = session(k, Math.max(LIVE_QA_FIRST_DAY, day), rng.chance(0.4));
    const startedAt = new Date(s.scheduledAt.getTime() + rng.int(0, 3) * 60_000);
    const endedAt = new Date(startedAt.getTime() + (s.durationMinutes + rng.int(-5, 15)) * 60_000);
    const received = Math.round(views[k]! / (250 + rng.int(0, 200))) + rng.int(20, 60);
    Object.assign(s, {
      status: 'ENDED',
      version: 4,
      startedAt,
      endedAt,
      views: views[k]!,
      questionsReceived: received,
      questionsAnswered: received - rng.int(0, Math.floor(received * 0.12)),
      keyAnswers: KEY_ANSWERS[s.topic]!,
      outcomeRecordedAt: new Date(endedAt.getTime() + rng.int(1, 3) * 86_400_000),
      outcomeRecordedByName: recorder.name,
    });
    sessions.push(s);
  }
  // Next month's programme: two scheduled sessions and one called off.
  const december = dayOf(2026, 12, 1);
  for (const [k, offset] of [
    [held, 3],
    [held + 1, 10],
    [held + 2, 17],
  ] as const) {
    const s = session(k, december + offset, false);
    s.createdAt = beijingTime(TODAY - 12 + (k - held) * 4, 10, 0);
    if (k === held + 2) {
      Object.assign(s, {
        status: 'CANCELLED',
        version: 2,
        cancelledAt: beijingTime(TODAY - 2, 16, 30),
        cancelReason: '与全市征期集中辅导时间冲突，改期另行通知',
      });
    }
    sessions.push(s);
  }
  return { teams, members, studios, sessions };
}
