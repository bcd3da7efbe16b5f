/**
 * The indicator tree the monitoring starts from: 7 level-1 areas and 26 level-2 indicators, built from
 * the study's loop (指标取数 → 需求响应 → 整改完善) and the rates the appeal loop already measures. This is
 * reference data: the hub reads the tree from the `quality_indicator` table, where analysts change
 * thresholds. Migration20261205033912 installs these rows in every installation (a copy as of then; change
 * the tree later by a new migration), and the demo world replaces them with the same tree plus its history
 * of threshold changes.
 *
 * Thresholds rate a value: for an indicator where higher is better, a value below the red threshold is
 * RED, below the amber threshold AMBER, else GREEN; where lower is better, above red is RED, above amber
 * AMBER. Level-1 weights are each area's share of the whole; level-2 weights each indicator's share of its
 * area (both sum to 100).
 */
import type {
  IndicatorDirection,
  IndicatorSource,
  IndicatorUnit,
  QualityAppealRate,
  QualityIndicator,
} from '../entities/index.js';

interface Area {
  code: string;
  name: string;
  definition: string;
  weight: number;
  indicators: Leaf[];
}

interface Leaf {
  code: string;
  name: string;
  definition: string;
  unit: IndicatorUnit;
  direction: IndicatorDirection;
  amber: number;
  red: number;
  weight: number;
  /** Set for an indicator computed from the appeals (指标取数). */
  appealRate?: QualityAppealRate;
}

const H: IndicatorDirection = 'HIGHER_IS_BETTER';
const L: IndicatorDirection = 'LOWER_IS_BETTER';

const areas: Area[] = [
  {
    code: 'RESPONSE',
    name: '诉求响应 (responding to appeals)',
    definition:
      '诉求接收后是否及时响应、直达承办单位 (whether appeals are answered promptly and routed directly)',
    weight: 15,
    indicators: [
      {
        code: 'RESPONSE_RATE',
        name: '诉求及时响应率 (timely response rate)',
        definition:
          '接收后 1 天内受理或不予受理的诉求件数 ÷ 接收件数，由诉求记录计算 (answered within a day ÷ received, computed from the appeals)',
        unit: 'PERCENT',
        direction: H,
        amber: 95,
        red: 90,
        weight: 30,
        appealRate: 'RESPONSE_RATE',
      },
      {
        code: 'HOTLINE_ANSWER_RATE',
        name: '12366 热线人工接通率 (12366 hotline answer rate)',
        definition: '人工服务接通次数 ÷ 转人工请求次数 (calls answered by staff ÷ calls asking for staff)',
        unit: 'PERCENT',
        direction: H,
        amber: 90,
        red: 80,
        weight: 25,
      },
      {
        code: 'ONLINE_REPLY_HOURS',
        name: '线上留言平均答复时长 (average reply time to online messages)',
        definition:
          '征纳互动、电子税务局等线上渠道留言从提交到首次答复的平均小时数 (hours from an online message to its first reply)',
        unit: 'HOURS',
        direction: L,
        amber: 8,
        red: 24,
        weight: 25,
      },
      {
        code: 'DIRECT_DISPATCH_RATE',
        name: '工单直达派发率 (direct dispatch rate)',
        definition:
          '市局直接派发至承办分局或科室的工单 ÷ 受理工单，体现“直达快处” (work orders dispatched straight to the handling unit ÷ accepted)',
        unit: 'PERCENT',
        direction: H,
        amber: 90,
        red: 80,
        weight: 20,
      },
    ],
  },
  {
    code: 'HANDLING',
    name: '办理质效 (handling quality)',
    definition: '诉求是否按时办结、一次解决 (whether appeals are resolved on time and at the first attempt)',
    weight: 20,
    indicators: [
      {
        code: 'RESOLUTION_RATE',
        name: '诉求解决率 (resolution rate)',
        definition:
          '已处理、已反馈或已办结的件数 ÷ 受理件数，由诉求记录计算 (handled ÷ accepted, computed from the appeals)',
        unit: 'PERCENT',
        direction: H,
        amber: 90,
        red: 80,
        weight: 35,
        appealRate: 'RESOLUTION_RATE',
      },
      {
        code: 'OVERDUE_RATE',
        name: '诉求超期率 (overdue rate)',
        definition:
          '有步骤超时完成或当前阶段已超期的件数 ÷ 接收件数，由诉求记录计算 (late or overdue ÷ received, computed from the appeals)',
        unit: 'PERCENT',
        direction: L,
        amber: 3,
        red: 5,
        weight: 25,
        appealRate: 'OVERDUE_RATE',
      },
      {
        code: 'AVERAGE_HANDLING_DAYS',
        name: '诉求平均办结时长 (average days to close)',
        definition: '当月办结诉求从接收到办结的平均自然日数 (calendar days from receipt to closing)',
        unit: 'DAYS',
        direction: L,
        amber: 5,
        red: 8,
        weight: 20,
      },
      {
        code: 'ESCALATION_RATE',
        name: '提级办理率 (escalation rate)',
        definition: '提级至市局工作专班的件数 ÷ 受理件数 (escalated to the city task force ÷ accepted)',
        unit: 'PERCENT',
        direction: L,
        amber: 5,
        red: 10,
        weight: 20,
      },
    ],
  },
  {
    code: 'SATISFACTION',
    name: '满意评价 (satisfaction)',
    definition: '纳税人缴费人对办理结果和服务的评价 (how taxpayers rate the outcome and the service)',
    weight: 20,
    indicators: [
      {
        code: 'SATISFACTION_RATE',
        name: '诉求回访满意率 (satisfaction at revisit)',
        definition:
          '最近一次回访满意或基本满意的件数 ÷ 已回访件数，由诉求记录计算 (satisfied ÷ revisited, computed from the appeals)',
        unit: 'PERCENT',
        direction: H,
        amber: 95,
        red: 90,
        weight: 35,
        appealRate: 'SATISFACTION_RATE',
      },
      {
        code: 'GOOD_REVIEW_RATE',
        name: '“好差评”好评率 (good-review rate)',
        definition: '“好差评”系统好评数 ÷ 评价总数 (good reviews ÷ all reviews)',
        unit: 'PERCENT',
        direction: H,
        amber: 99,
        red: 97,
        weight: 25,
      },
      {
        code: 'BAD_REVIEW_RECTIFIED_RATE',
        name: '差评整改率 (bad reviews rectified)',
        definition: '已核实整改并回访的差评 ÷ 差评数 (bad reviews rectified and revisited ÷ bad reviews)',
        unit: 'PERCENT',
        direction: H,
        amber: 98,
        red: 95,
        weight: 20,
      },
      {
        code: 'REVISIT_RATE',
        name: '办结回访率 (revisit rate)',
        definition: '已回访件数 ÷ 已反馈件数 (revisited ÷ fed back)',
        unit: 'PERCENT',
        direction: H,
        amber: 95,
        red: 85,
        weight: 20,
      },
    ],
  },
  {
    code: 'CONVENIENCE',
    name: '办税便利 (ease of filing and paying)',
    definition: '办税缴费是否便捷、少等候 (whether filing and paying is easy and quick)',
    weight: 15,
    indicators: [
      {
        code: 'HALL_WAIT_MINUTES',
        name: '办税服务厅平均等候时长 (average wait in the service hall)',
        definition: '取号至叫号的平均分钟数 (minutes from ticket to call)',
        unit: 'MINUTES',
        direction: L,
        amber: 10,
        red: 20,
        weight: 25,
      },
      {
        code: 'ONLINE_FILING_RATE',
        name: '网上办税率 (share handled online)',
        definition: '通过电子税务局、征纳互动等“非接触式”渠道办理的业务量 ÷ 业务总量 (online ÷ all)',
        unit: 'PERCENT',
        direction: H,
        amber: 95,
        red: 90,
        weight: 25,
      },
      {
        code: 'ETAX_AVAILABILITY',
        name: '电子税务局可用率 (e-tax bureau availability)',
        definition: '电子税务局正常服务时长 ÷ 计划服务时长 (hours in service ÷ hours planned)',
        unit: 'PERCENT',
        direction: H,
        amber: 99.5,
        red: 99,
        weight: 25,
      },
      {
        code: 'HOTLINE_WAIT_SECONDS',
        name: '12366 平均等待时长 (average 12366 queueing time)',
        definition: '转人工后等待接通的平均秒数 (seconds waiting for staff)',
        unit: 'SECONDS',
        direction: L,
        amber: 30,
        red: 60,
        weight: 25,
      },
    ],
  },
  {
    code: 'POLICY',
    name: '政策落实 (policies delivered)',
    definition: '税费优惠政策是否精准推送、应享尽享 (whether preferential policies reach those entitled)',
    weight: 10,
    indicators: [
      {
        code: 'POLICY_PUSH_REACH',
        name: '政策精准推送触达率 (reach of precise policy pushes)',
        definition: '推送后已阅读或已确认的户数 ÷ 推送户数 (read or acknowledged ÷ pushed)',
        unit: 'PERCENT',
        direction: H,
        amber: 90,
        red: 80,
        weight: 35,
      },
      {
        code: 'PREFERENCE_ENJOYED_RATE',
        name: '优惠政策应享尽享率 (entitled taxpayers who claimed)',
        definition: '已享受优惠的户数 ÷ 符合条件的户数 (claimed ÷ entitled)',
        unit: 'PERCENT',
        direction: H,
        amber: 98,
        red: 95,
        weight: 40,
      },
      {
        code: 'ANSWER_ACCURACY',
        name: '政策答疑准确率 (accuracy of policy answers)',
        definition: '抽检答复中口径准确的件数 ÷ 抽检件数 (accurate ÷ sampled answers)',
        unit: 'PERCENT',
        direction: H,
        amber: 98,
        red: 95,
        weight: 25,
      },
    ],
  },
  {
    code: 'RISK',
    name: '风险防控 (risk control)',
    definition: '重复诉求、舆情与高频热点风险是否得到控制 (repeat appeals, opinion and hot-spot risks)',
    weight: 10,
    indicators: [
      {
        code: 'DUPLICATE_RATE',
        name: '重复诉求率 (duplicate rate)',
        definition:
          '同一当事人同一主题 30 日内的可能重复件 ÷ 接收件数，由诉求记录计算 (likely duplicates ÷ received, computed from the appeals)',
        unit: 'PERCENT',
        direction: L,
        amber: 5,
        red: 8,
        weight: 30,
        appealRate: 'DUPLICATE_RATE',
      },
      {
        code: 'NEGATIVE_OPINION_COUNT',
        name: '涉税负面舆情件数 (negative online opinion)',
        definition: '经核实的涉税负面舆情件数 (verified negative opinion items)',
        unit: 'COUNT',
        direction: L,
        amber: 1,
        red: 3,
        weight: 25,
      },
      {
        code: 'INVOICE_REFUSAL_REPORTS',
        name: '拒开发票有效举报件数 (valid reports of refused invoices)',
        definition: '经 12366、12345 受理的拒开发票有效举报件数 (valid reports of refused invoices)',
        unit: 'COUNT',
        direction: L,
        amber: 8,
        red: 15,
        weight: 25,
      },
      {
        code: 'RISK_REMINDER_COVERAGE',
        name: '风险提醒覆盖率 (coverage of risk reminders)',
        definition: '已发送风险提醒的风险户 ÷ 识别出的风险户 (reminded ÷ identified risky taxpayers)',
        unit: 'PERCENT',
        direction: H,
        amber: 90,
        red: 80,
        weight: 20,
      },
    ],
  },
  {
    code: 'SUPERVISION',
    name: '监督整改 (supervision and rectification)',
    definition:
      '发现的问题是否按期整改、不再复发 (whether problems found are rectified on time and stay fixed)',
    weight: 10,
    indicators: [
      {
        code: 'RECTIFICATION_ON_TIME_RATE',
        name: '整改任务按期完成率 (rectifications done on time)',
        definition: '期限内完成的整改任务 ÷ 到期的整改任务 (tasks done by their due date ÷ tasks due)',
        unit: 'PERCENT',
        direction: H,
        amber: 90,
        red: 80,
        weight: 40,
      },
      {
        code: 'SUPERVISED_CLOSURE_RATE',
        name: '督办件办结率 (supervised items closed)',
        definition: '县局纳税服务中心督办的工单中已办结的比例 (supervised work orders closed ÷ supervised)',
        unit: 'PERCENT',
        direction: H,
        amber: 95,
        red: 90,
        weight: 30,
      },
      {
        code: 'RECURRING_PROBLEM_COUNT',
        name: '同类问题重复发生件数 (recurring problems)',
        definition:
          '整改验收后 3 个月内再次出现的同类问题件数 (the same problem again within 3 months of a verified rectification)',
        unit: 'COUNT',
        direction: L,
        amber: 2,
        red: 5,
        weight: 30,
      },
    ],
  },
];

/** Symbols of the units, as a reader sees them after a value. */
export const indicatorUnitSymbols: Record<IndicatorUnit, string> = {
  PERCENT: '%',
  DAYS: '天',
  HOURS: '小时',
  MINUTES: '分钟',
  SECONDS: '秒',
  COUNT: '件',
  SCORE: '分',
};

/** The seed rows of the tree, areas first and each followed by its indicators. */
export function qualityIndicatorSeed(): QualityIndicator[] {
  const rows: QualityIndicator[] = [];
  const base = {
    thresholdVersion: 1,
    thresholdsChangedAt: null,
    thresholdsChangedBySubject: null,
    thresholdsChangedByName: null,
  };
  areas.forEach((area, i) => {
    rows.push({
      ...base,
      code: area.code,
      parentCode: null,
      level: 1,
      number: String(i + 1),
      position: rows.length + 1,
      name: area.name,
      definition: area.definition,
      unit: 'SCORE',
      direction: H,
      source: 'COMPOSITE',
      appealRate: null,
      weight: area.weight,
      amberThreshold: null,
      redThreshold: null,
    });
    area.indicators.forEach((leaf, j) => {
      const source: IndicatorSource = leaf.appealRate ? 'APPEALS' : 'ENTERED';
      rows.push({
        ...base,
        code: leaf.code,
        parentCode: area.code,
        level: 2,
        number: `${i + 1}.${j + 1}`,
        position: rows.length + 1,
        name: leaf.name,
        definition: leaf.definition,
        unit: leaf.unit,
        direction: leaf.direction,
        source,
        appealRate: leaf.appealRate ?? null,
        weight: leaf.weight,
        amberThreshold: leaf.amber,
        redThreshold: leaf.red,
      });
    });
  });
  return rows;
}
