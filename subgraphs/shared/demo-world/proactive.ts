/**
 * A year of proactive work (未诉先办, December 2025 – November 2026) for the demo world: monthly risk
 * reminders on invoices, filing, credit and preferential treatment (the study's 9,600+ reminders at city
 * scale), 31 batches of precise policy pushes (12,000+), one policy package of each of the 33 kinds, and
 * in November 2026 a reminder to the employers whose batch deductions failed in October 2026 according
 * to the world's social-security slice. Targets are what each action's rule selects from the world's
 * records on its planning day, capped by scale; groups come from the same hash the hub uses (a random
 * fifth or tenth held out for comparison); every reached target's delivery is recorded. The actions are
 * not made to have any particular effect on appeals.
 */
import type { Enterprise } from '../../tax/entities/enterprise.js';
import type {
  DeliveryChannel,
  ProactiveAction,
  ProactiveDelivery,
  ProactiveKind,
  ProactiveRule,
  ProactiveRuleParameters,
  ProactiveTarget,
} from '../../tax/entities/proactive.js';
import type { EmployerBatchDeduction } from '../../social-security/entities/insurance.js';
import { chinaYear } from '../../tax/appeals/ledger.js';
import { documents, policyPackages } from '../../tax/proactive/catalogue.js';
import { assignGroup, drawAtMost } from '../../tax/proactive/groups.js';
import { actionNumber, requestHashOf } from '../../tax/proactive/ledger.js';
import { policyCatalogue } from '../../tax/service-account/policies.js';
import { districts, industryNames } from '../enums.js';
import type { Base, Scale } from './base.js';
import { CURRENT_MONTH, beijingTime, dayInMonth, dayOf, isoDate } from './calendar.js';
import { Rng, weighted } from './random.js';
import type { TaxComplianceSlice } from './tax-compliance.js';

export interface ProactiveSlice {
  actions: ProactiveAction[];
  targets: ProactiveTarget[];
  deliveries: ProactiveDelivery[];
  /** The last action number used: the seed sets the numbering sequence to it. */
  lastNumber: number;
}

/** At most this many targets per action, by kind and scale (city: about 9,600 reminders, 12,000 pushed). */
const CAPS: Record<Scale, Record<ProactiveKind, number>> = {
  test: { RISK_REMINDER: 8, POLICY_PUSH: 12, POLICY_PACKAGE: 10 },
  demo: { RISK_REMINDER: 60, POLICY_PUSH: 120, POLICY_PACKAGE: 80 },
  city: { RISK_REMINDER: 200, POLICY_PUSH: 390, POLICY_PACKAGE: 250 },
};
export const PUSH_BATCHES = 31;
const HOLDOUT: Record<ProactiveKind, number> = { RISK_REMINDER: 200, POLICY_PUSH: 200, POLICY_PACKAGE: 100 };
/** The November 2026 reminder reads the deductions of this month. */
export const DEDUCTION_REMINDER_MONTH = '2026-10';

const ANALYST = { subject: 'tax:analyst:demo', name: '市局纳税服务科 分析员 王静' };
const CHANNELS = weighted<DeliveryChannel>([
  ['ETAX_MESSAGE', 55],
  ['SMS', 25],
  ['INTERACTION_PLATFORM', 15],
  ['PHONE', 5],
]);
const FAILURES = ['手机号码已停机', '未开通电子税务局消息', '办税联系人已变更', '号码为空号'];
const REASONS: Record<string, string> = {
  INSUFFICIENT_BALANCE: '账户余额不足',
  ACCOUNT_FROZEN: '账户冻结',
  NO_AGREEMENT: '未签订或已解除扣款协议',
  ACCOUNT_CLOSED: '账户已销户',
};
const industryName = (i: string) => (industryNames[i] ?? i).replace(/^[A-Z] /, '');

interface Candidate {
  creditCode: string;
  district: Enterprise['district'];
  reason: string;
}

interface Plan {
  kind: ProactiveKind;
  topic: string;
  rule: ProactiveRule;
  parameters: ProactiveRuleParameters;
  packageCode: string | null;
  title: string;
  body: string;
  policyDocuments: string[];
  plannedDay: number;
  candidates: Candidate[];
  /** Planned at 09:30 and sent this many minutes later. */
  sendAfterMinutes: number;
}

export function buildProactive(
  base: Base,
  compliance: TaxComplianceSlice,
  employerDeductions: readonly EmployerBatchDeduction[],
): ProactiveSlice {
  const rng = new Rng(`bazhong-demo-world:${base.scale}:proactive`);
  const caps = CAPS[base.scale];
  const active = base.enterprises.filter((e) => e.taxStatus !== 'DEREGISTERED');
  const byCode = new Map(active.map((e) => [e.creditCode, e]));
  const plans: Plan[] = [];
  const firstMonth = CURRENT_MONTH - 11;
  const profile = (filter: (e: Enterprise) => boolean, reason: (e: Enterprise) => string): Candidate[] =>
    active.filter(filter).map((e) => ({ creditCode: e.creditCode, district: e.district, reason: reason(e) }));
  const profileReason = (e: Enterprise) =>
    `符合画像：${industryName(e.industry)}，信用等级 ${e.creditRating}`;

  // Monthly risk reminders: invoices, filing, credit, preferential treatment.
  for (let m = firstMonth; m <= CURRENT_MONTH; m++) {
    const day = (n: number) => dayInMonth(m, n);
    const invoiceDay = day(3);
    const open = new Map<string, number>();
    for (const a of compliance.invoiceAnomalies) {
      const planned = isoDate(invoiceDay);
      if (
        a.detectedOn <= planned &&
        (a.resolvedOn == null || a.resolvedOn > planned) &&
        byCode.has(a.creditCode)
      ) {
        open.set(a.creditCode, (open.get(a.creditCode) ?? 0) + 1);
      }
    }
    plans.push({
      kind: 'RISK_REMINDER',
      topic: 'INVOICE',
      rule: 'OPEN_INVOICE_ANOMALIES',
      parameters: { maxTargets: caps.RISK_REMINDER },
      packageCode: null,
      title: '发票风险提醒',
      body: '您单位在发票管理系统中存在尚未消除的发票异常，请及时登录电子税务局核实处理；逾期未处理可能影响发票领用和纳税信用评价。如有疑问，可通过征纳互动平台咨询。',
      policyDocuments: [documents.INVOICE_RULES, documents.DIGITAL_INVOICE],
      plannedDay: invoiceDay,
      candidates: [...open]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([code, n]) => ({
          creditCode: code,
          district: byCode.get(code)!.district,
          reason: `尚有 ${n} 条发票异常未消除`,
        })),
      sendAfterMinutes: 24 * 60 + 30,
    });

    const filingDay = day(8);
    const dueFrom = isoDate(dayInMonth(m - 1, 1));
    const dueTo = isoDate(dayInMonth(m, 0));
    const lateBy = new Map<string, number>();
    for (const f of compliance.filings) {
      if (f.dueOn < dueFrom || f.dueOn > dueTo || f.dueOn >= isoDate(filingDay) || !byCode.has(f.creditCode))
        continue;
      if (f.filedOn == null || f.filedOn > f.dueOn)
        lateBy.set(f.creditCode, (lateBy.get(f.creditCode) ?? 0) + 1);
    }
    plans.push({
      kind: 'RISK_REMINDER',
      topic: 'FILING',
      rule: 'LATE_FILINGS',
      parameters: { dueFrom, dueTo, maxTargets: caps.RISK_REMINDER },
      packageCode: null,
      title: '逾期申报风险提醒',
      body: '您单位上月有申报期限已过而逾期申报或尚未申报的税种，请尽快完成申报缴纳，避免加收滞纳金和影响纳税信用。',
      policyDocuments: [documents.TAX_ADMINISTRATION_LAW],
      plannedDay: filingDay,
      candidates: [...lateBy]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([code, n]) => ({
          creditCode: code,
          district: byCode.get(code)!.district,
          reason: `逾期申报或未申报 ${n} 次（申报期限 ${dueFrom} 至 ${dueTo}）`,
        })),
      sendAfterMinutes: 24 * 60 + 30,
    });

    plans.push({
      kind: 'RISK_REMINDER',
      topic: 'CREDIT',
      rule: 'TAXPAYER_PROFILE',
      parameters: { creditRatings: ['C', 'D'], maxTargets: caps.RISK_REMINDER },
      packageCode: null,
      title: '纳税信用修复提醒',
      body: '您单位纳税信用等级为 C 级或 D 级。纠正失信行为、补办相关事项后，可按规定申请纳税信用修复，详情请登录电子税务局查询。',
      policyDocuments: [documents.CREDIT_REPAIR, documents.CREDIT_MANAGEMENT],
      plannedDay: day(13),
      candidates: profile((e) => e.creditRating === 'C' || e.creditRating === 'D', profileReason),
      sendAfterMinutes: 24 * 60 + 30,
    });

    const industry = [
      'WHOLESALE_RETAIL',
      'ACCOMMODATION_CATERING',
      'CONSTRUCTION',
      'MANUFACTURING',
      'RESIDENT_SERVICES',
      'TRANSPORT',
    ][(m - firstMonth) % 6]!;
    plans.push({
      kind: 'RISK_REMINDER',
      topic: 'PREFERENTIAL_POLICY',
      rule: 'TAXPAYER_PROFILE',
      parameters: { industries: [industry], largeEnterprise: false, maxTargets: caps.RISK_REMINDER },
      packageCode: null,
      title: '优惠政策享受风险提醒',
      body: '享受小型微利企业所得税优惠须同时符合应纳税所得额、从业人数和资产总额条件，请对照自查；不符合条件的应及时更正申报。',
      policyDocuments: [documents.SMALL_MICRO_AND_INDIVIDUAL_BUSINESS],
      plannedDay: day(18),
      candidates: profile((e) => e.industry === industry && !e.isLargeEnterprise, profileReason),
      sendAfterMinutes: 24 * 60 + 30,
    });
  }

  // November 2026: the employers whose batch deductions failed in October, as social security says.
  const failed = new Map<string, EmployerBatchDeduction[]>();
  for (const d of employerDeductions) {
    if (d.period !== DEDUCTION_REMINDER_MONTH) continue;
    const list = failed.get(d.creditCode) ?? [];
    list.push(d);
    failed.set(d.creditCode, list);
  }
  const deductionCandidates = [...failed]
    .filter(([code, list]) => byCode.has(code) && list.some((d) => d.result === 'FAILED'))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([code, list]) => {
      const failures = list
        .filter((d) => d.result === 'FAILED')
        .sort((a, b) => b.attemptedAt.getTime() - a.attemptedAt.getTime() || (a.id < b.id ? 1 : -1));
      const unresolved = list.every((d) => d.result === 'FAILED');
      return {
        creditCode: code,
        district: byCode.get(code)!.district,
        reason: `${DEDUCTION_REMINDER_MONTH} 单位社保费批扣失败 ${failures.length} 次，应扣未扣 ${failures[0]!.amount} 元（${REASONS[failures[0]!.failureReason ?? ''] ?? '原因未详'}）${unresolved ? '，当月重扣仍未成功' : '，重扣已成功'}`,
      };
    });
  plans.push({
    kind: 'RISK_REMINDER',
    topic: 'SOCIAL_INSURANCE_DEDUCTION',
    rule: 'FAILED_BATCH_DEDUCTIONS',
    parameters: { month: DEDUCTION_REMINDER_MONTH, unresolvedOnly: false },
    packageCode: null,
    title: '社保费批扣失败提醒',
    body: `您单位 ${DEDUCTION_REMINDER_MONTH} 所属期的社会保险费批量扣款未成功。请核实扣款账户余额、账户状态与三方扣款协议，及时足额缴纳，避免产生欠费和滞纳金。`,
    policyDocuments: [documents.SOCIAL_INSURANCE_LAW, documents.SOCIAL_INSURANCE_COLLECTION],
    plannedDay: dayOf(2026, 11, 5),
    candidates: deductionCandidates,
    sendAfterMinutes: 5 * 60 + 30,
  });

  // 31 batches of precise policy pushes across the year, one catalogue policy each.
  const start = dayOf(2025, 12, 1);
  for (let i = 0; i < PUSH_BATCHES; i++) {
    const policy = policyCatalogue[i % policyCatalogue.length]!;
    const district = districts[i % districts.length]!;
    const parameters: ProactiveRuleParameters =
      policy.industries === 'ALL'
        ? {
            district,
            ...(policy.sizes.length === 1 ? { largeEnterprise: policy.sizes[0] === 'LARGE' } : {}),
            maxTargets: caps.POLICY_PUSH,
          }
        : { industries: [...policy.industries].sort(), maxTargets: caps.POLICY_PUSH };
    const fits = (e: Enterprise) =>
      policy.industries === 'ALL'
        ? e.district === district &&
          (parameters.largeEnterprise === undefined || e.isLargeEnterprise === parameters.largeEnterprise)
        : (policy.industries as readonly string[]).includes(e.industry);
    plans.push({
      kind: 'POLICY_PUSH',
      topic: policy.code === 'VAT_CREDIT_REFUND' ? 'REFUND' : 'PREFERENTIAL_POLICY',
      rule: 'TAXPAYER_PROFILE',
      parameters,
      packageCode: null,
      title: `政策推送：${policy.name}`.slice(0, 100),
      body: `${policy.benefit}适用条件：${policy.conditions}执行期限：${policy.validity}。`,
      policyDocuments: [policy.document],
      plannedDay: start + Math.floor((i * 360) / PUSH_BATCHES) + 2,
      candidates: profile(fits, profileReason),
      sendAfterMinutes: 24 * 60 + 30,
    });
  }

  // One package of each of the 33 kinds.
  policyPackages.forEach((pkg, j) => {
    const plannedDay = start + Math.floor((j * 360) / policyPackages.length) + 6;
    const a = pkg.audience;
    const registeredFrom = a.registeredWithinDays ? isoDate(plannedDay - a.registeredWithinDays) : undefined;
    const parameters: ProactiveRuleParameters = {
      ...(a.industries ? { industries: [...a.industries].sort() } : {}),
      ...(a.creditRatings ? { creditRatings: [...a.creditRatings].sort() } : {}),
      ...(a.registrationTypes ? { registrationTypes: [...a.registrationTypes].sort() } : {}),
      ...(registeredFrom ? { registeredFrom } : {}),
      ...(a.largeEnterprise !== undefined ? { largeEnterprise: a.largeEnterprise } : {}),
      maxTargets: caps.POLICY_PACKAGE,
    };
    const fits = (e: Enterprise) =>
      (!a.industries || a.industries.includes(e.industry)) &&
      (!a.creditRatings || a.creditRatings.includes(e.creditRating)) &&
      (!a.registrationTypes || a.registrationTypes.includes(e.registrationType)) &&
      (!registeredFrom || e.registeredOn >= registeredFrom) &&
      (a.largeEnterprise === undefined || e.isLargeEnterprise === a.largeEnterprise);
    plans.push({
      kind: 'POLICY_PACKAGE',
      topic: pkg.topic,
      rule: 'TAXPAYER_PROFILE',
      parameters,
      packageCode: pkg.code,
      title: pkg.name,
      body: `为${pkg.audienceText}定制的${pkg.name}：汇集适用的税费优惠政策、享受条件和办理指引，请登录电子税务局查看，或通过征纳互动平台预约辅导。`,
      policyDocuments: pkg.documents,
      plannedDay,
      candidates: profile(fits, profileReason),
      sendAfterMinutes: 24 * 60 + 30,
    });
  });

  // In planning order, numbered as the sequence numbers them; a plan whose rule selects nobody is not made.
  plans.sort((a, b) => a.plannedDay - b.plannedDay || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  const slice: ProactiveSlice = { actions: [], targets: [], deliveries: [], lastNumber: 0 };
  for (const plan of plans) {
    if (!plan.candidates.length) continue;
    const id = rng.uuid();
    const plannedAt = beijingTime(plan.plannedDay, 9, 30);
    const sentAt = new Date(plannedAt.getTime() + plan.sendAfterMinutes * 60_000);
    const permille = HOLDOUT[plan.kind];
    const chosen = plan.parameters.maxTargets
      ? drawAtMost(id, plan.candidates, (c) => c.creditCode, plan.parameters.maxTargets)
      : plan.candidates;
    let comparison = 0;
    chosen.forEach((c, i) => {
      const { bucket, group } = assignGroup(id, c.creditCode, permille);
      if (group === 'COMPARISON') comparison++;
      const targetId = rng.uuid();
      slice.targets.push({
        id: targetId,
        actionId: id,
        seq: i + 1,
        creditCode: c.creditCode,
        personId: null,
        district: c.district,
        assignedGroup: group,
        assignmentBucket: bucket,
        reason: c.reason,
        sentAt: group === 'REACHED' ? sentAt : null,
      });
      if (group !== 'REACHED') return;
      const delivered = rng.chance(0.95);
      const at = new Date(sentAt.getTime() + rng.int(1, 240) * 60_000);
      slice.deliveries.push({
        id: rng.uuid(),
        actionId: id,
        targetId,
        outcome: delivered ? 'DELIVERED' : 'FAILED',
        channel: rng.pickWeighted(CHANNELS),
        at,
        failureReason: delivered ? null : rng.pick(FAILURES),
        recordedBySubject: ANALYST.subject,
        recordedAt: new Date(at.getTime() + 60 * 60_000),
      });
    });
    const n = ++slice.lastNumber;
    const request = {
      kind: plan.kind,
      topic: plan.topic,
      rule: plan.rule,
      parameters: plan.parameters,
      packageCode: plan.packageCode,
      title: plan.title,
      body: plan.body,
      policyDocuments: plan.policyDocuments,
      holdoutPermille: permille,
    };
    slice.actions.push({
      id,
      number: actionNumber(chinaYear(plannedAt), n),
      kind: plan.kind,
      topic: plan.topic,
      rule: plan.rule,
      ruleParameters: plan.parameters,
      packageCode: plan.packageCode,
      title: plan.title,
      body: plan.body,
      policyDocuments: plan.policyDocuments,
      holdoutPermille: permille,
      status: 'SENT',
      candidateCount: plan.candidates.length,
      targetCount: chosen.length,
      reachedCount: chosen.length - comparison,
      comparisonCount: comparison,
      plannedBySubject: ANALYST.subject,
      plannedByName: ANALYST.name,
      plannedAt,
      sentBySubject: ANALYST.subject,
      sentByName: ANALYST.name,
      sentAt,
      sendKey: `demo-world:proactive:send:${n}`,
      cancelledAt: null,
      cancelledByName: null,
      cancelReason: null,
      idempotencyKey: `demo-world:proactive:plan:${n}`,
      requestHash: requestHashOf(request),
    });
  }
  return slice;
}
