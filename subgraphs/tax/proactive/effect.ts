import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../../core/errors.js';
import { appealEffect, type EffectEstimate, type GroupCount } from '../appeals/effect.js';
import { topicLabel } from '../appeals/topics.js';
import type { ProactiveAction } from '../entities/proactive.js';

/**
 * The effect of a proactive action on appeals: over `weeks` after it was sent, the share of the reached
 * taxpayers (REACHED and delivered) who appealed on the action's topic, against the share of the
 * comparison group (held out at random, never contacted) — a difference of proportions with its 95%
 * interval and the rate ratio with its interval (appeals/effect.ts), never a bare "appeals fell". The
 * comparison of everyone assigned to be reached (delivered or not) is given beside it: it is the strictly
 * randomised comparison, free of any bias from who the message happened to reach. One aggregate
 * statement, whatever the number of targets.
 */

export const DEFAULT_WEEKS = 8;
export const MAX_WEEKS = 52;
const WEEK = 7 * 24 * 60 * 60 * 1000;

export interface GroupResult extends GroupCount {
  rate: number | null;
}

export interface ActionEffect {
  action: ProactiveAction;
  topic: string;
  weeks: number;
  windowStart: Date;
  windowEnd: Date;
  /** The window has ended: the figures are final. */
  windowElapsed: boolean;
  reached: GroupResult;
  comparison: GroupResult;
  /** REACHED targets whose message was not delivered (failed or not yet reported). */
  reachedUndelivered: GroupResult;
  /** Reached-and-delivered against comparison; null when either group is empty. */
  estimate: EffectEstimate | null;
  /** Everyone assigned REACHED (delivered or not) against comparison: the randomised comparison. */
  assignedEstimate: EffectEstimate | null;
  confidenceLevel: number;
  reading: string;
}

const group = (n: number, appealed: number): GroupResult => ({ n, appealed, rate: n ? appealed / n : null });
const estimateOf = (a: GroupCount, b: GroupCount) => (a.n > 0 && b.n > 0 ? appealEffect(a, b) : null);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const points = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}`;

/** How to read the estimate, in words (Chinese, with English). */
export function readingOf(effect: Omit<ActionEffect, 'reading'>): string {
  const { estimate, reached, comparison, weeks, windowElapsed } = effect;
  const topic = topicLabel(effect.topic).replace(/ \(.*\)$/, '');
  if (!estimate) {
    return `触达（已送达）组或对照组为空，无法估计效果 (a group is empty: no estimate)。触达组 ${reached.n} 户，对照组 ${comparison.n} 户。`;
  }
  const head =
    `发送后 ${weeks} 周内，已送达的 ${reached.n} 户中 ${reached.appealed} 户（${pct(estimate.reachedRate)}）就“${topic}”提出诉求，` +
    `未接触的对照组 ${comparison.n} 户中 ${comparison.appealed} 户（${pct(estimate.comparisonRate)}）。` +
    `诉求率之差 ${points(estimate.difference)} 个百分点，95% 置信区间 ${points(estimate.differenceLow)} 至 ${points(estimate.differenceHigh)} 个百分点：`;
  const verdict =
    estimate.differenceHigh < 0
      ? '区间整体低于 0，可以认为该行动减少了诉求，减少幅度在区间所示范围内 (the whole interval is below zero: the action prevented appeals, by an amount within the interval)。'
      : estimate.differenceLow > 0
        ? '区间整体高于 0，触达组的诉求反而多于对照组 (the whole interval is above zero: the reached appealed more)。'
        : '区间包含 0，现有数据不足以认定该行动改变了诉求率，不能据此宣称诉求下降 (the interval contains zero: no effect can be claimed)。';
  const pending = windowElapsed
    ? ''
    : '观察期尚未结束，以上为期中数字，结论可能变化 (the window has not ended yet: interim figures)。';
  return head + verdict + pending;
}

export async function actionEffect(
  em: EntityManager,
  action: ProactiveAction,
  weeks: number,
  now: Date,
): Promise<ActionEffect> {
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_WEEKS) {
    throw badInput(`weeks 须为 1–${MAX_WEEKS} 的整数 (weeks must be between 1 and ${MAX_WEEKS})`, 'weeks');
  }
  if (action.status !== 'SENT' || !action.sentAt) {
    throw badInput(
      `行动 ${action.number} 尚未发送，无从衡量效果 (the action has not been sent: no effect to measure)`,
      'id',
    );
  }
  const windowStart = action.sentAt;
  const windowEnd = new Date(windowStart.getTime() + weeks * WEEK);
  // Whether each target appealed on the topic in the window: two semi-joins on the appeal's credit-code
  // and person-id indexes; then one pass counts the groups.
  const [row] = await em.execute<
    {
      reached_n: number;
      reached_k: number;
      undelivered_n: number;
      undelivered_k: number;
      comparison_n: number;
      comparison_k: number;
    }[]
  >(
    `with t as (
       select t.assigned_group as grp, coalesce(d.outcome = 'DELIVERED', false) as delivered,
              (exists (select 1 from appeal a where t.credit_code is not null and a.credit_code = t.credit_code
                         and a.topic = ? and a.received_at >= ? and a.received_at < ?)
               or exists (select 1 from appeal a where t.person_id is not null and a.person_id = t.person_id
                         and a.topic = ? and a.received_at >= ? and a.received_at < ?)) as appealed
         from proactive_target t left join proactive_delivery d on d.target_id = t.id
        where t.action_id = ?
     )
     select count(*) filter (where grp = 'REACHED' and delivered)::int as reached_n,
            count(*) filter (where grp = 'REACHED' and delivered and appealed)::int as reached_k,
            count(*) filter (where grp = 'REACHED' and not delivered)::int as undelivered_n,
            count(*) filter (where grp = 'REACHED' and not delivered and appealed)::int as undelivered_k,
            count(*) filter (where grp = 'COMPARISON')::int as comparison_n,
            count(*) filter (where grp = 'COMPARISON' and appealed)::int as comparison_k
       from t`,
    [action.topic, windowStart, windowEnd, action.topic, windowStart, windowEnd, action.id],
  );
  const r = row!;
  const reached = group(r.reached_n, r.reached_k);
  const comparison = group(r.comparison_n, r.comparison_k);
  const reachedUndelivered = group(r.undelivered_n, r.undelivered_k);
  const assigned = group(r.reached_n + r.undelivered_n, r.reached_k + r.undelivered_k);
  const effect = {
    action,
    topic: action.topic,
    weeks,
    windowStart,
    windowEnd,
    windowElapsed: windowEnd.getTime() <= now.getTime(),
    reached,
    comparison,
    reachedUndelivered,
    estimate: estimateOf(reached, comparison),
    assignedEstimate: estimateOf(assigned, comparison),
    confidenceLevel: 0.95,
  };
  return { ...effect, reading: readingOf(effect) };
}
