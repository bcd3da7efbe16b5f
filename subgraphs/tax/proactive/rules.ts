import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../../core/errors.js';
import { districtInfo, districts, industryNames, type District } from '../../shared/enums.js';
import { dayStart } from '../appeals/rates.js';
import { topicLabel } from '../appeals/topics.js';
import { invoiceAnomalyKinds } from '../entities/compliance.js';
import { creditRatings, industries, registrationTypes } from '../entities/enterprise.js';
import type { ProactiveRule, ProactiveRuleParameters } from '../entities/proactive.js';

/**
 * The targeting rules of proactive actions: which taxpayers an action is for. Each is one statement on
 * the tax bureau's own records, except FAILED_BATCH_DEDUCTIONS, whose facts belong to the HRSS bureau and
 * are read through the graph (never from its database; see sources.ts). Deregistered taxpayers are never
 * selected. Every selected taxpayer carries the reason it was selected, in words.
 */

/** The most taxpayers one action may hold: a larger selection must be narrowed or capped with maxTargets. */
export const MAX_TARGETS = 20_000;
const DAY = 24 * 60 * 60 * 1000;

export interface Candidate {
  creditCode: string | null;
  personId: string | null;
  district: District | null;
  reason: string;
}

/** An employer whose batch deductions failed in the month, as the social-security subgraph says. */
export interface FailedDeductionRow {
  creditCode: string;
  district: District;
  failedCount: number;
  amount: string;
  unresolved: boolean;
  latestFailureReason: string | null;
}

export type FailedDeductionSource = (query: {
  month: string;
  district: District | null;
  unresolvedOnly: boolean;
}) => Promise<FailedDeductionRow[]>;

/** The rule's parameters as the client sent them (GraphQL input: absent or null). */
export type RuleInput = {
  [K in keyof ProactiveRuleParameters]?: ProactiveRuleParameters[K] | null;
};

const ruleKeys: Record<ProactiveRule, readonly (keyof ProactiveRuleParameters)[]> = {
  FAILED_BATCH_DEDUCTIONS: ['month', 'unresolvedOnly', 'district', 'maxTargets'],
  OPEN_INVOICE_ANOMALIES: ['anomalyKinds', 'district', 'maxTargets'],
  LATE_FILINGS: ['dueFrom', 'dueTo', 'district', 'maxTargets'],
  HOT_TOPIC_PEERS: ['weekStarting', 'district', 'maxTargets'],
  TAXPAYER_PROFILE: [
    'industries',
    'creditRatings',
    'registrationTypes',
    'registeredFrom',
    'largeEnterprise',
    'district',
    'maxTargets',
  ],
};

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar day in Bazhong (UTC+8). */
export const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);

function date(value: string | undefined, argument: string, today: string): string {
  if (
    !value ||
    !DATE.test(value) ||
    Number.isNaN(dayStart(value).getTime()) ||
    chinaDay(dayStart(value)) !== value
  ) {
    throw badInput(`日期须为存在的 YYYY-MM-DD，收到 ${value ?? '（空）'} (a date YYYY-MM-DD)`, argument);
  }
  if (value > today) throw badInput(`日期不能晚于今天 ${today} (not after today)`, argument);
  return value;
}

function list<T extends string>(
  values: readonly string[] | undefined,
  allowed: readonly T[],
  argument: string,
): T[] | undefined {
  if (values == null) return undefined;
  if (values.length === 0) throw badInput('列表不能为空 (the list must not be empty)', argument);
  const unknown = values.filter((v) => !(allowed as readonly string[]).includes(v));
  if (unknown.length) throw badInput(`不认识的取值 ${unknown.join('、')} (unknown values)`, argument);
  return [...new Set(values)].sort() as T[];
}

/**
 * Checks the parameters against the rule and returns them normalised: only the rule's own keys, lists
 * deduplicated and sorted. A parameter the rule does not use is refused rather than ignored.
 */
export function normaliseParameters(
  rule: ProactiveRule,
  input: RuleInput,
  now: Date,
): ProactiveRuleParameters {
  const today = chinaDay(now);
  const arg = (key: string) => `input.parameters.${key}`;
  const allowed = ruleKeys[rule];
  for (const [key, value] of Object.entries(input)) {
    if (value != null && !allowed.includes(key as keyof ProactiveRuleParameters)) {
      throw badInput(`参数 ${key} 不适用于规则 ${rule} (parameter not used by this rule)`, arg(key));
    }
  }
  const out: ProactiveRuleParameters = {};
  if (input.district != null) {
    if (!districts.includes(input.district)) throw badInput('区县不存在 (no such district)', arg('district'));
    out.district = input.district;
  }
  if (input.maxTargets != null) {
    if (!Number.isInteger(input.maxTargets) || input.maxTargets < 1 || input.maxTargets > MAX_TARGETS) {
      throw badInput(`maxTargets 须为 1–${MAX_TARGETS} 的整数 (1 to ${MAX_TARGETS})`, arg('maxTargets'));
    }
    out.maxTargets = input.maxTargets;
  }
  switch (rule) {
    case 'FAILED_BATCH_DEDUCTIONS': {
      const month = input.month ?? '';
      if (!MONTH.test(month))
        throw badInput(`费款所属期须为 YYYY-MM，收到 ${month} (month YYYY-MM)`, arg('month'));
      if (month > today.slice(0, 7))
        throw badInput('所属期不能晚于本月 (not after this month)', arg('month'));
      out.month = month;
      out.unresolvedOnly = input.unresolvedOnly === true;
      break;
    }
    case 'OPEN_INVOICE_ANOMALIES': {
      const kinds = list(input.anomalyKinds ?? undefined, invoiceAnomalyKinds, arg('anomalyKinds'));
      if (kinds) out.anomalyKinds = kinds;
      break;
    }
    case 'LATE_FILINGS': {
      out.dueFrom = date(input.dueFrom ?? undefined, arg('dueFrom'), today);
      out.dueTo = date(input.dueTo ?? undefined, arg('dueTo'), today);
      if (out.dueTo < out.dueFrom)
        throw badInput('截止日期早于起始日期 (dueTo is before dueFrom)', arg('dueTo'));
      if ((dayStart(out.dueTo).getTime() - dayStart(out.dueFrom).getTime()) / DAY > 366) {
        throw badInput('申报期限范围最长一年 (at most a year)', arg('dueTo'));
      }
      break;
    }
    case 'HOT_TOPIC_PEERS':
      out.weekStarting = date(input.weekStarting ?? undefined, arg('weekStarting'), today);
      break;
    case 'TAXPAYER_PROFILE': {
      const inds = list(input.industries ?? undefined, industries, arg('industries'));
      const ratings = list(input.creditRatings ?? undefined, creditRatings, arg('creditRatings'));
      const types = list(input.registrationTypes ?? undefined, registrationTypes, arg('registrationTypes'));
      if (inds) out.industries = inds;
      if (ratings) out.creditRatings = ratings;
      if (types) out.registrationTypes = types;
      if (input.registeredFrom != null)
        out.registeredFrom = date(input.registeredFrom, arg('registeredFrom'), today);
      if (input.largeEnterprise != null) out.largeEnterprise = input.largeEnterprise;
      if (
        !inds &&
        !ratings &&
        !types &&
        !out.registeredFrom &&
        out.largeEnterprise === undefined &&
        !out.district
      ) {
        throw badInput(
          '纳税人画像至少需要一个条件 (a profile needs at least one criterion)',
          'input.parameters',
        );
      }
      break;
    }
  }
  return out;
}

const districtName = (d: string) => districtInfo[d as District]?.name ?? d;
const industryName = (i: string) => (industryNames[i] ?? i).replace(/^[A-Z] /, '');
const failureReasons: Record<string, string> = {
  INSUFFICIENT_BALANCE: '账户余额不足',
  ACCOUNT_FROZEN: '账户冻结',
  NO_AGREEMENT: '未签订或已解除扣款协议',
  ACCOUNT_CLOSED: '账户已销户',
};
const anomalyLabels: Record<string, string> = {
  ABNORMAL_VOUCHER: '异常扣税凭证',
  OUT_OF_CONTROL_INVOICE: '失控发票',
  CEILING_ISSUING: '顶额开具',
  REFUSAL_TO_ISSUE: '拒开发票',
  MISMATCHED_GOODS: '品名不符',
};

/** What the rule with these parameters selects, in words (the action's `ruleExplanation`). */
export function explainRule(rule: ProactiveRule, params: ProactiveRuleParameters, topic: string): string {
  const where = params.district ? `${districtName(params.district)}的` : '';
  const cap = params.maxTargets
    ? `；超过 ${params.maxTargets} 户时按（行动、纳税人）哈希随机抽取 ${params.maxTargets} 户`
    : '';
  switch (rule) {
    case 'FAILED_BATCH_DEDUCTIONS':
      return `${where}费款所属期 ${params.month} 单位社保费批量扣款至少失败一次${params.unresolvedOnly ? '且当月重扣仍未成功' : ''}的用人单位（人社部门数据，经网关读取），且在税务登记中未注销${cap}`;
    case 'OPEN_INVOICE_ANOMALIES':
      return `${where}存在尚未消除的发票异常${params.anomalyKinds ? `（${params.anomalyKinds.map((k) => anomalyLabels[k] ?? k).join('、')}）` : ''}的纳税人${cap}`;
    case 'LATE_FILINGS':
      return `${where}申报期限在 ${params.dueFrom} 至 ${params.dueTo} 之间、逾期申报或至今逾期未申报的纳税人${cap}`;
    case 'HOT_TOPIC_PEERS':
      return `与 ${params.weekStarting} 起一周内就“${topicLabel(topic)}”提出诉求的纳税人同区县、同行业的${where}其他纳税人（不含已提出诉求者）${cap}`;
    case 'TAXPAYER_PROFILE': {
      const parts = [
        params.industries && `行业为${params.industries.map(industryName).join('、')}`,
        params.creditRatings && `纳税信用等级为 ${params.creditRatings.join('、')}`,
        params.registrationTypes && `登记类型为 ${params.registrationTypes.join('、')}`,
        params.registeredFrom && `${params.registeredFrom} 以后登记`,
        params.largeEnterprise === true && '大企业',
        params.largeEnterprise === false && '非大企业',
      ].filter(Boolean);
      return `${where}${parts.length ? parts.join('、') + '的' : ''}纳税人${cap}`;
    }
  }
}

const notDeregistered = `e.tax_status <> 'DEREGISTERED'`;

/** The taxpayers the rule selects now, in credit-code order. */
export async function selectCandidates(
  em: EntityManager,
  rule: ProactiveRule,
  params: ProactiveRuleParameters,
  context: { topic: string; now: Date; failedDeductions: FailedDeductionSource | null },
): Promise<Candidate[]> {
  const districtSql = params.district ? ' and e.district = ?' : '';
  const districtArgs = params.district ? [params.district] : [];
  switch (rule) {
    case 'FAILED_BATCH_DEDUCTIONS': {
      if (!context.failedDeductions) throw new Error('FAILED_BATCH_DEDUCTIONS needs a source');
      const employers = await context.failedDeductions({
        month: params.month!,
        district: params.district ?? null,
        unresolvedOnly: params.unresolvedOnly === true,
      });
      if (!employers.length) return [];
      // The taxpayer's own registry decides whether it is still a taxpayer and where it is registered.
      const rows = await em.execute<{ credit_code: string; district: District }[]>(
        `select e.credit_code, e.district from enterprise e where e.credit_code in (?) and ${notDeregistered}`,
        [employers.map((e) => e.creditCode)],
      );
      const registered = new Map(rows.map((r) => [r.credit_code, r.district]));
      return employers
        .filter((e) => registered.has(e.creditCode))
        .sort((a, b) => (a.creditCode < b.creditCode ? -1 : 1))
        .map((e) => ({
          creditCode: e.creditCode,
          personId: null,
          district: registered.get(e.creditCode)!,
          reason: `${params.month} 单位社保费批扣失败 ${e.failedCount} 次，应扣未扣 ${e.amount} 元（${failureReasons[e.latestFailureReason ?? ''] ?? '原因未详'}）${e.unresolved ? '，当月重扣仍未成功' : '，重扣已成功'}`,
        }));
    }
    case 'OPEN_INVOICE_ANOMALIES': {
      const kinds = params.anomalyKinds ? ' and ia.kind in (?)' : '';
      const rows = await em.execute<
        { credit_code: string; district: District; n: number; kinds: string[] }[]
      >(
        `select e.credit_code, e.district, count(*)::int as n, array_agg(distinct ia.kind order by ia.kind) as kinds
           from invoice_anomaly ia join enterprise e on e.credit_code = ia.credit_code
          where ia.resolved_on is null and ${notDeregistered}${kinds}${districtSql}
          group by e.credit_code, e.district
          order by e.credit_code`,
        [...(params.anomalyKinds ? [params.anomalyKinds] : []), ...districtArgs],
      );
      return rows.map((r) => ({
        creditCode: r.credit_code,
        personId: null,
        district: r.district,
        reason: `尚有 ${r.n} 条发票异常未消除（${parseArray(r.kinds)
          .map((k) => anomalyLabels[k] ?? k)
          .join('、')}）`,
      }));
    }
    case 'LATE_FILINGS': {
      const today = chinaDay(context.now);
      const rows = await em.execute<
        { credit_code: string; district: District; late: number; unfiled: number }[]
      >(
        `select e.credit_code, e.district,
                count(*) filter (where f.filed_on > f.due_on)::int as late,
                count(*) filter (where f.filed_on is null)::int as unfiled
           from tax_filing f join enterprise e on e.credit_code = f.credit_code
          where f.due_on >= ?::date and f.due_on <= ?::date and ${notDeregistered}${districtSql}
            and (f.filed_on > f.due_on or (f.filed_on is null and f.due_on < ?::date))
          group by e.credit_code, e.district
          order by e.credit_code`,
        [params.dueFrom, params.dueTo, ...districtArgs, today],
      );
      return rows.map((r) => ({
        creditCode: r.credit_code,
        personId: null,
        district: r.district,
        reason:
          [r.late && `逾期申报 ${r.late} 次`, r.unfiled && `逾期未申报 ${r.unfiled} 次`]
            .filter(Boolean)
            .join('，') + `（申报期限 ${params.dueFrom} 至 ${params.dueTo}）`,
      }));
    }
    case 'HOT_TOPIC_PEERS': {
      const start = dayStart(params.weekStarting!);
      const end = new Date(start.getTime() + 7 * DAY);
      const rows = await em.execute<
        { credit_code: string; district: District; industry: string; appellants: number }[]
      >(
        `with hot as (
           select distinct e.credit_code, e.district, e.industry
             from appeal a join enterprise e on e.credit_code = a.credit_code
            where a.topic = ? and a.received_at >= ? and a.received_at < ?
         ), cells as (
           select district, industry, count(*)::int as appellants from hot group by district, industry
         )
         select e.credit_code, e.district, e.industry, c.appellants
           from enterprise e join cells c on c.district = e.district and c.industry = e.industry
          where ${notDeregistered}${districtSql}
            and not exists (select 1 from hot h where h.credit_code = e.credit_code)
          order by e.credit_code`,
        [context.topic, start, end, ...districtArgs],
      );
      return rows.map((r) => ({
        creditCode: r.credit_code,
        personId: null,
        district: r.district,
        reason: `同区县（${districtName(r.district)}）同行业（${industryName(r.industry)}）有 ${r.appellants} 户于 ${params.weekStarting} 起一周内就“${topicLabel(context.topic)}”提出诉求`,
      }));
    }
    case 'TAXPAYER_PROFILE': {
      const clauses: string[] = [];
      const args: unknown[] = [];
      const where = (clause: string, value: unknown) => {
        clauses.push(clause);
        args.push(value);
      };
      if (params.industries) where('e.industry in (?)', params.industries);
      if (params.creditRatings) where('e.credit_rating in (?)', params.creditRatings);
      if (params.registrationTypes) where('e.registration_type in (?)', params.registrationTypes);
      if (params.registeredFrom) where('e.registered_on >= ?::date', params.registeredFrom);
      if (params.largeEnterprise !== undefined) where('e.is_large_enterprise = ?', params.largeEnterprise);
      const rows = await em.execute<
        { credit_code: string; district: District; industry: string; credit_rating: string }[]
      >(
        `select e.credit_code, e.district, e.industry, e.credit_rating from enterprise e
          where ${notDeregistered}${clauses.map((c) => ` and ${c}`).join('')}${districtSql}
          order by e.credit_code`,
        [...args, ...districtArgs],
      );
      return rows.map((r) => ({
        creditCode: r.credit_code,
        personId: null,
        district: r.district,
        reason: `符合画像：${districtName(r.district)}，${industryName(r.industry)}，信用等级 ${r.credit_rating}`,
      }));
    }
  }
}

/** PostgreSQL arrays of enum-checked text come back as `{A,B}` strings through the raw driver. */
function parseArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  return value
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter(Boolean);
}
