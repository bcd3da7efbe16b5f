/**
 * The service-quality monitoring (服务质效监控体系) in the demo world: the indicator tree with a few audited
 * threshold changes, the monthly values of every level-2 indicator for the five districts and of some
 * indicators for the districts' first branches (the latest months, recorded early the next month), a few
 * corrected values with their earlier value kept, and one rectification task for every red value, whose
 * follow-up has reached every status — open, in progress (some overdue, some sent back by the task
 * force), done and awaiting verification, verified. Every date is on or before TODAY (2026-11-30).
 */
import { districtInfo, districts, type District } from '../enums.js';
import type {
  QualityIndicator,
  QualityThresholdChange,
  QualityValue,
  QualityValueRevision,
  RectificationStatus,
  RectificationStep,
  RectificationStepKind,
  RectificationTask,
} from '../../tax/entities/index.js';
import { handlingUnitByCode } from '../../tax/appeals/catalogue.js';
import { percentOf } from '../../tax/quality/ledger.js';
import { rate, type QualityRating } from '../../tax/quality/rating.js';
import { indicatorUnitSymbols, qualityIndicatorSeed } from '../../tax/quality/tree.js';
import { RECTIFICATION_DAYS } from '../../tax/quality/workflow.js';
import type { Scale } from './base.js';
import { CURRENT_MONTH, TODAY, beijingTime, dayInMonth, isoDate, monthOfDay, period } from './calendar.js';
import { personName } from './names.js';
import { Rng } from './random.js';

export interface QualitySlice {
  indicators: QualityIndicator[];
  thresholdChanges: QualityThresholdChange[];
  values: QualityValue[];
  revisions: QualityValueRevision[];
  tasks: RectificationTask[];
  steps: RectificationStep[];
}

/** Months of values: the latest finished months before TODAY's (2026-10 back). */
export const QUALITY_MONTHS: Record<Scale, number> = { test: 6, demo: 12, city: 24 };

/** The indicators also measured for each district's first branch (a few handling units). */
const BRANCH_INDICATORS = [
  'HALL_WAIT_MINUTES',
  'GOOD_REVIEW_RATE',
  'BAD_REVIEW_RECTIFIED_RATE',
  'AVERAGE_HANDLING_DAYS',
  'ONLINE_REPLY_HOURS',
];

/** Appeals a district receives in a month, roughly (巴州区 the most): the denominators of computed values. */
const MONTHLY_APPEALS: Record<District, number> = {
  BAZHOU: 60,
  PINGCHANG: 26,
  TONGJIANG: 21,
  NANJIANG: 18,
  ENYANG: 12,
};

/** The city task force's analysts, who record values, change thresholds and verify rectifications. */
export const QUALITY_ANALYSTS = [
  { subject: 'tax:analyst:task-force-1', name: '市局诉求办理工作专班 赵雪梅' },
  { subject: 'tax:analyst:task-force-2', name: '市局诉求办理工作专班 陈志刚' },
] as const;

/** Threshold changes made before the first month of values, so every value was rated by today's thresholds. */
const THRESHOLD_CHANGES: { code: string; amberBefore: number; redBefore: number; reason: string }[] = [
  {
    code: 'HOTLINE_ANSWER_RATE',
    amberBefore: 85,
    redBefore: 75,
    reason: '12366 坐席扩容后提高接通率要求 (raised after the hotline added seats)',
  },
  {
    code: 'HALL_WAIT_MINUTES',
    amberBefore: 15,
    redBefore: 30,
    reason: '推行“非接触式”办税后收紧等候时长标准 (tightened after most business moved online)',
  },
  {
    code: 'OVERDUE_RATE',
    amberBefore: 5,
    redBefore: 10,
    reason: '直达快处运行平稳，按专班意见收紧超期率阈值 (tightened once direct dispatch ran smoothly)',
  },
];

const PROGRESS_NOTES: Record<string, string[]> = {
  RESPONSE: [
    '已调整 12366 坐席排班，高峰时段增派 2 名业务骨干接听',
    '线上留言改为专人每日三次集中答复，并纳入日督办',
  ],
  HANDLING: ['对在办工单逐件过堂，明确时限和责任人', '疑难诉求提交专班会商，缩短流转环节'],
  SATISFACTION: ['对不满意件逐件回访，了解诉求人意见', '组织窗口人员开展服务规范和沟通技巧培训'],
  CONVENIENCE: ['高峰期增开综合窗口并启用预约办税', '在办税服务厅增设自助办税终端和导税人员'],
  POLICY: ['按行业梳理应享未享清单，逐户电话提醒', '更新政策答疑口径库，组织业务骨干集中学习'],
  RISK: ['对重复诉求当事人开展上门走访，从源头化解', '对高发拒开发票举报商户开展约谈和专项检查'],
  SUPERVISION: ['建立整改台账，每周通报进度', '对超期整改事项实行挂牌督办'],
};

const COMPLETE_NOTES: Record<string, string[]> = {
  RESPONSE: [
    '坐席扩容和弹性排班已落实，响应时限纳入每日督办，本月响应情况明显好转',
    '线上留言专人答复机制已建立，平均答复时长降至 8 小时以内',
  ],
  HANDLING: [
    '在办工单已全部清理，超期件逐件说明原因并办结，建立周过堂制度',
    '疑难件会商机制已运行，平均办结时长缩短至 5 天以内',
  ],
  SATISFACTION: [
    '不满意件已全部回访并重新办理，窗口服务规范培训已完成',
    '差评已逐条核实整改并回访，纳入个人绩效考核',
  ],
  CONVENIENCE: ['预约办税和综合窗口已常态化运行，高峰等候时长明显下降', '自助终端已投入使用，导税分流到位'],
  POLICY: ['应享未享清单已逐户提醒到位，补享优惠已办结', '政策答疑口径已统一更新并完成抽检'],
  RISK: ['重复诉求当事人已全部回访化解，建立源头治理台账', '涉事商户已约谈整改，举报件已全部依法处理'],
  SUPERVISION: ['整改台账已销号，督办事项全部办结', '同类问题已建立长效机制，月度复盘'],
};

const RETURN_NOTES = [
  '抽查发现整改措施未完全落实，部分工单仍未按时响应，退回继续整改',
  '复核发现同类问题本月仍有发生，整改效果不明显，退回继续整改',
  '整改佐证材料不全，请补充台账和回访记录后重新提交',
];

const VERIFY_NOTES = [
  '经市局工作专班抽查复核，整改措施落实到位，指标已回升，同意销号',
  '经专班复核，整改台账完整、效果明显，验收通过',
];

type Band = QualityRating;

function band(rng: Rng, redChance: number): Band {
  const x = rng.float();
  return x < redChance ? 'RED' : x < redChance * 3 ? 'AMBER' : 'GREEN';
}

/** A value in the band, rounded as the unit is written. */
function valueIn(rng: Rng, indicator: QualityIndicator, b: Band): number {
  const amber = indicator.amberThreshold!;
  const red = indicator.redThreshold!;
  const gap = Math.abs(amber - red);
  const f = rng.float();
  let v: number;
  if (indicator.direction === 'HIGHER_IS_BETTER') {
    const top = indicator.unit === 'PERCENT' ? Math.min(100, amber + 2.5 * gap) : amber + 2 * gap;
    v =
      b === 'GREEN' ? amber + (top - amber) * f : b === 'AMBER' ? red + gap * f : red - gap * (0.1 + 1.5 * f);
  } else {
    const bottom = Math.max(0, amber - 2 * gap);
    v =
      b === 'GREEN'
        ? bottom + (amber - bottom) * f
        : b === 'AMBER'
          ? red - gap * f
          : red + gap * (0.1 + 1.5 * f);
  }
  v = Math.max(0, indicator.unit === 'PERCENT' ? Math.min(100, v) : v);
  if (indicator.unit === 'COUNT') return Math.round(v);
  if (indicator.unit === 'SECONDS' || indicator.unit === 'MINUTES') return Math.round(v * 10) / 10;
  return Math.round(v * 100) / 100;
}

/** Counts behind an appeal-derived value: the rate of `target` over a plausible denominator. */
function computed(
  rng: Rng,
  indicator: QualityIndicator,
  target: number,
  received: number,
): { value: number; basis: string } {
  const parts: Record<string, [string, string, number]> = {
    RESPONSE_RATE: ['及时响应', '接收', received],
    RESOLUTION_RATE: ['已处理', '受理', Math.max(1, Math.round(received * 0.95))],
    SATISFACTION_RATE: ['满意', '已回访', Math.max(1, Math.round(received * (0.6 + 0.2 * rng.float())))],
    DUPLICATE_RATE: ['重复', '接收', received],
    OVERDUE_RATE: ['超期', '接收', received],
  };
  const [nLabel, dLabel, d] = parts[indicator.appealRate!]!;
  const n = Math.min(d, Math.max(0, Math.round((target / 100) * d)));
  return { value: percentOf(n / d), basis: `${nLabel} ${n} / ${dLabel} ${d}` };
}

/** The follow-up a task is given, by how long ago it was raised; the position cycles through the variants. */
type Plan = 'OPEN' | 'STARTED' | 'DONE' | 'VERIFIED' | 'RETURNED_VERIFIED' | 'RETURNED_OPEN';
function planFor(ageMonths: number, k: number): Plan {
  if (ageMonths <= 0) return (['OPEN', 'STARTED', 'DONE', 'STARTED', 'OPEN'] as const)[k % 5]!;
  if (ageMonths === 1)
    return (['VERIFIED', 'DONE', 'STARTED', 'RETURNED_VERIFIED', 'RETURNED_OPEN', 'VERIFIED'] as const)[
      k % 6
    ]!;
  return k % 6 === 3 ? 'RETURNED_VERIFIED' : 'VERIFIED';
}

export function buildQuality(scale: Scale): QualitySlice {
  const rng = new Rng(`bazhong-demo-world:${scale}:quality`);
  const months = QUALITY_MONTHS[scale];
  const lastMonth = CURRENT_MONTH - 1;
  const firstMonth = lastMonth - months + 1;
  const endOfToday = beijingTime(TODAY, 18, 0);
  const [analystA, analystB] = QUALITY_ANALYSTS;

  const indicators = qualityIndicatorSeed();
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const thresholdChanges: QualityThresholdChange[] = THRESHOLD_CHANGES.map((change, k) => {
    const indicator = byCode.get(change.code)!;
    const at = beijingTime(dayInMonth(firstMonth, 10 + k), 16, 20);
    Object.assign(indicator, {
      thresholdVersion: 2,
      thresholdsChangedAt: at,
      thresholdsChangedBySubject: analystA.subject,
      thresholdsChangedByName: analystA.name,
    });
    return {
      id: rng.uuid(),
      indicatorCode: change.code,
      version: 2,
      amberBefore: change.amberBefore,
      redBefore: change.redBefore,
      amberAfter: indicator.amberThreshold!,
      redAfter: indicator.redThreshold!,
      reason: change.reason,
      actorSubject: analystA.subject,
      actorName: analystA.name,
      at,
    };
  });

  // Each district's appeal handlers follow up its tasks; a district's quality sets how often it breaches.
  const handlers = new Map(
    districts.map((d) => [
      d,
      {
        subject: `tax:appeal-handler:${d.toLowerCase()}`,
        name: `${districtInfo[d].name}税务局 ${personName(rng, rng.chance(0.5) ? 'MALE' : 'FEMALE', 1975 + rng.int(0, 20))}`,
      },
    ]),
  );
  const redChance: Record<District, number> = {
    BAZHOU: 0.07,
    ENYANG: 0.04,
    TONGJIANG: 0.05,
    NANJIANG: 0.06,
    PINGCHANG: 0.045,
  };

  const leaves = indicators.filter((i) => i.level === 2);
  const measured: {
    unit: string;
    kind: QualityValue['unitKind'];
    district: District;
    indicators: QualityIndicator[];
  }[] = [
    ...districts.map((d) => ({
      unit: d as string,
      kind: 'DISTRICT' as const,
      district: d,
      indicators: leaves,
    })),
    ...districts.map((d) => ({
      unit: `${d}_BRANCH_1`,
      kind: 'HANDLING_UNIT' as const,
      district: d,
      indicators: BRANCH_INDICATORS.map((c) => byCode.get(c)!),
    })),
  ];

  const values: QualityValue[] = [];
  const revisions: QualityValueRevision[] = [];
  const tasks: RectificationTask[] = [];
  const steps: RectificationStep[] = [];
  const planCounters = new Map<number, number>();

  for (let m = firstMonth; m <= lastMonth; m++) {
    const p = period(m);
    // Values of a month are recorded on the 5th of the next (指标取数 then entry), in the morning.
    const recordedDay = dayInMonth(m + 1, 5);
    for (const target of measured) {
      const received = Math.max(
        4,
        Math.round(
          MONTHLY_APPEALS[target.district] *
            (target.kind === 'DISTRICT' ? 1 : 0.5) *
            (0.8 + 0.4 * rng.float()),
        ),
      );
      for (const indicator of target.indicators) {
        const b = band(rng, redChance[target.district]);
        let value = valueIn(rng, indicator, b);
        let basis: string | null = null;
        if (indicator.source === 'APPEALS') ({ value, basis } = computed(rng, indicator, value, received));
        const recordedAt = beijingTime(recordedDay, 9, rng.int(0, 59), rng.int(0, 59));
        const recorder = indicator.source === 'APPEALS' ? analystA : rng.chance(0.5) ? analystA : analystB;
        const row: QualityValue = {
          id: rng.uuid(),
          indicatorCode: indicator.code,
          unit: target.unit,
          unitKind: target.kind,
          period: p,
          value,
          source: indicator.source === 'APPEALS' ? 'APPEALS' : 'ENTERED',
          basis,
          revision: 1,
          firstRecordedAt: recordedAt,
          recordedAt,
          recordedBySubject: recorder.subject,
          recordedByName: recorder.name,
        };
        const rating = rate(indicator, value);
        // About one entered green value in fifty was first entered wrongly and corrected a few days later.
        const earlier =
          indicator.source === 'ENTERED' && rating === 'GREEN' && rng.chance(0.02)
            ? valueIn(rng, indicator, 'GREEN')
            : null;
        const corrected = earlier !== null && earlier !== value && rate(indicator, earlier) === 'GREEN';
        if (corrected) {
          const correctedAt = beijingTime(recordedDay + rng.int(2, 8), 15, rng.int(0, 59));
          revisions.push({
            id: rng.uuid(),
            valueId: row.id,
            revision: 1,
            value: earlier,
            source: row.source,
            basis: null,
            note: null,
            recordedAt,
            recordedBySubject: recorder.subject,
            recordedByName: recorder.name,
          });
          Object.assign(row, {
            revision: 2,
            recordedAt: correctedAt,
            recordedBySubject: analystB.subject,
            recordedByName: analystB.name,
          });
          revisions.push({
            id: rng.uuid(),
            valueId: row.id,
            revision: 2,
            value,
            source: row.source,
            basis: null,
            note: '核对原始台账后更正：原录入数据有误 (corrected against the source ledger)',
            recordedAt: correctedAt,
            recordedBySubject: analystB.subject,
            recordedByName: analystB.name,
          });
        } else {
          revisions.push({
            id: rng.uuid(),
            valueId: row.id,
            revision: 1,
            value,
            source: row.source,
            basis,
            note:
              indicator.source === 'APPEALS' ? `指标取数：${p} 接收的诉求 (computed from the appeals)` : null,
            recordedAt,
            recordedBySubject: recorder.subject,
            recordedByName: recorder.name,
          });
        }
        values.push(row);
        if (rating !== 'RED') continue;

        const age = CURRENT_MONTH - monthOfDay(recordedDay);
        const k = planCounters.get(age) ?? 0;
        planCounters.set(age, k + 1);
        const unitName =
          target.kind === 'DISTRICT'
            ? districtInfo[target.district].name
            : handlingUnitByCode.get(target.unit)!.name;
        const area = indicator.parentCode!;
        const task = raiseTask(rng, {
          indicator,
          row,
          unitName,
          plan: planFor(age, k),
          handler: handlers.get(target.district)!,
          verifier: k % 2 === 0 ? analystA : analystB,
          endOfToday,
          progress: PROGRESS_NOTES[area]!,
          complete: COMPLETE_NOTES[area]!,
        });
        tasks.push(task.task);
        steps.push(...task.steps);
      }
    }
  }
  return { indicators, thresholdChanges, values, revisions, tasks, steps };
}

const DAY_MS = 86_400_000;

/** A task raised by `row`, followed up as `plan` says, no step after `endOfToday`. */
function raiseTask(
  rng: Rng,
  o: {
    indicator: QualityIndicator;
    row: QualityValue;
    unitName: string;
    plan: Plan;
    handler: { subject: string; name: string };
    verifier: { subject: string; name: string };
    endOfToday: Date;
    progress: string[];
    complete: string[];
  },
): { task: RectificationTask; steps: RectificationStep[] } {
  const { indicator, row } = o;
  const raisedAt = row.firstRecordedAt;
  const raisedDay = Math.floor((raisedAt.getTime() + 8 * 3600_000) / DAY_MS);
  const dueOn = isoDate(raisedDay + RECTIFICATION_DAYS);
  const symbol = indicatorUnitSymbols[indicator.unit];
  const task: RectificationTask = {
    id: rng.uuid(),
    indicatorCode: indicator.code,
    unit: row.unit,
    unitKind: row.unitKind,
    period: row.period,
    valueId: row.id,
    triggerValue: row.value,
    amberThreshold: indicator.amberThreshold!,
    redThreshold: indicator.redThreshold!,
    thresholdVersion: indicator.thresholdVersion,
    status: 'OPEN',
    version: 0,
    raisedAt,
    dueOn,
    startedAt: null,
    completedAt: null,
    rectificationNote: null,
    verifiedAt: null,
    verifiedByName: null,
    returnCount: 0,
  };
  const steps: RectificationStep[] = [];
  const add = (
    kind: RectificationStepKind,
    statusAfter: RectificationStatus,
    actor: { subject: string; name: string },
    content: string,
    at: Date,
  ): boolean => {
    if (at > o.endOfToday) return false;
    steps.push({
      id: rng.uuid(),
      taskId: task.id,
      seq: steps.length + 1,
      kind,
      statusBefore: task.status,
      statusAfter,
      actorSubject: actor.subject,
      actorName: actor.name,
      content,
      at,
    });
    task.status = statusAfter;
    task.version = steps.length;
    if (kind === 'START') task.startedAt = at;
    if (kind === 'COMPLETE') {
      task.completedAt = at;
      task.rectificationNote = content;
    }
    if (kind === 'RETURN') {
      task.returnCount += 1;
      task.completedAt = null;
    }
    if (kind === 'VERIFY') {
      task.verifiedAt = at;
      task.verifiedByName = actor.name;
    }
    return true;
  };
  const later = (from: Date, minDays: number, maxDays: number) =>
    new Date(from.getTime() + rng.int(minDays, maxDays) * DAY_MS + rng.int(0, 6 * 60) * 60_000);

  add(
    'RAISE',
    'OPEN',
    { subject: row.recordedBySubject, name: row.recordedByName },
    `${o.unitName} ${row.period}「${indicator.name}」为 ${row.value}${symbol}，` +
      `${indicator.direction === 'HIGHER_IS_BETTER' ? '低于' : '高于'}红色阈值 ${indicator.redThreshold}${symbol}，` +
      `自动生成整改任务，整改期限至 ${dueOn} (raised automatically: the value breached the red threshold)`,
    raisedAt,
  );
  if (o.plan === 'OPEN') return { task, steps };
  let at = later(raisedAt, 1, 3);
  if (
    !add(
      'START',
      'IN_PROGRESS',
      o.handler,
      `已召开专题会议分析「${indicator.name}」异常原因，明确整改措施、责任人和时限`,
      at,
    )
  )
    return { task, steps };
  if (rng.chance(0.6)) {
    at = later(at, 3, 7);
    if (!add('PROGRESS', 'IN_PROGRESS', o.handler, rng.pick(o.progress), at)) return { task, steps };
  }
  if (o.plan === 'STARTED') return { task, steps };
  at = later(at, 6, 14);
  if (!add('COMPLETE', 'DONE', o.handler, rng.pick(o.complete), at)) return { task, steps };
  if (o.plan === 'DONE') return { task, steps };
  if (o.plan === 'RETURNED_VERIFIED' || o.plan === 'RETURNED_OPEN') {
    at = later(at, 2, 4);
    if (!add('RETURN', 'IN_PROGRESS', o.verifier, rng.pick(RETURN_NOTES), at)) return { task, steps };
    if (o.plan === 'RETURNED_OPEN') return { task, steps };
    at = later(at, 3, 6);
    if (!add('PROGRESS', 'IN_PROGRESS', o.handler, rng.pick(o.progress), at)) return { task, steps };
    at = later(at, 3, 6);
    if (!add('COMPLETE', 'DONE', o.handler, rng.pick(o.complete), at)) return { task, steps };
  }
  at = later(at, 2, 5);
  add('VERIFY', 'VERIFIED', o.verifier, rng.pick(VERIFY_NOTES), at);
  return { task, steps };
}

/** The first and last month with values. */
export const qualityPeriods = (scale: Scale) => ({
  first: period(CURRENT_MONTH - QUALITY_MONTHS[scale]),
  last: period(CURRENT_MONTH - 1),
});
