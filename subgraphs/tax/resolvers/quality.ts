import type { FilterQuery } from '@mikro-orm/core';
import { badInput, hubError, notFound } from '../../../core/errors.js';
import { keysetPage, type Connection } from '../../shared/pagination.js';
import { assertIdempotencyKey, assertText, isUuid, textInput } from '../../shared/validation.js';
import { assertActingRole, assertTaxStaff } from '../appeals/access.js';
import {
  QUALITY_KEY_MAX_LENGTH,
  QualityIndicatorSchema,
  QualityValueSchema,
  RectificationTaskSchema,
  type QualityValue as QualityValueRow,
  type RectificationTask as RectificationTaskRow,
} from '../entities/index.js';
import type {
  MutationResolvers,
  QualityIndicatorResolvers,
  QualityThresholdChangeResolvers,
  QualityValueResolvers,
  QualityValueRevisionResolvers,
  QueryResolvers,
  RectificationStepResolvers,
  RectificationTaskResolvers,
} from '../generated/resolvers-types.js';
import {
  applyRectificationStep,
  fetchAppealIndicators,
  recordValues,
  setThresholds,
  type ValueOutcome,
  type ValueResult,
} from '../quality/ledger.js';
import { assertPeriod, monthIndex, rate } from '../quality/rating.js';
import { qualitySummary } from '../quality/summary.js';
import { indicatorUnitSymbols } from '../quality/tree.js';
import { assertQualityUnit, qualityUnitOf, qualityUnits } from '../quality/units.js';
import { isOverdue, rectificationSteps, unfinishedStatuses } from '../quality/workflow.js';
import { beijingToday } from '../service-account/calendar.js';
import type { TaxContext } from '../loaders.js';

export type RectificationTaskConnectionParent = Connection<RectificationTaskRow>;
export interface QualityValueResultParent {
  value: QualityValueRow;
  outcome: ValueOutcome;
  taskRaised: boolean;
}
export interface QualityValuesRecordedParent {
  repeated: boolean;
  results: QualityValueResultParent[];
}

const NOTE_MAX = 500;
const STEP_TEXT_MAX = 2000;
const TREND_MAX_MONTHS = 120;

/** A unit code as read back (a value's unit is always in the catalogue; a stray code reads as itself). */
const unitOf = (code: string) =>
  qualityUnitOf(code) ?? { code, name: code, kind: 'HANDLING_UNIT' as const, district: null };

/** A period argument of a query (months in the future are allowed to read: they are simply empty). */
function queryPeriod(period: string, argument: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period))
    throw badInput(`月份须为 YYYY-MM，收到 ${period} (a month must be YYYY-MM)`, argument);
  return period;
}

export const QualityIndicator: QualityIndicatorResolvers = {
  unitSymbol: (indicator) => indicatorUnitSymbols[indicator.unit],
  appealRate: (indicator) => indicator.appealRate ?? null,
  thresholdsChangedBy: (indicator) => indicator.thresholdsChangedByName ?? null,
  parent: (indicator, _args, { loaders }) =>
    indicator.parentCode ? loaders.qualityIndicator.load(indicator.parentCode) : null,
  children: (indicator, _args, { loaders }) => loaders.qualityChildren.load(indicator.code),
  thresholdHistory: (indicator, _args, { loaders }) => loaders.thresholdChanges.load(indicator.code),
};

export const QualityThresholdChange: QualityThresholdChangeResolvers = {};

export const QualityValue: QualityValueResolvers = {
  indicator: async (value, _args, { loaders }) => (await loaders.qualityIndicator.load(value.indicatorCode))!,
  unit: (value) => unitOf(value.unit),
  rating: async (value, _args, { loaders }) => {
    const indicator = await loaders.qualityIndicator.load(value.indicatorCode);
    return indicator ? rate(indicator, value.value) : 'GREEN';
  },
  recordedBy: (value) => value.recordedByName,
  revisions: (value, _args, { loaders }) => loaders.qualityValueRevisions.load(value.id),
  task: (value, _args, { loaders }) => loaders.rectificationTaskOfValue.load(value.id),
};

export const QualityValueRevision: QualityValueRevisionResolvers = {
  recordedBy: (revision) => revision.recordedByName,
};

export const RectificationTask: RectificationTaskResolvers = {
  indicator: async (task, _args, { loaders }) => (await loaders.qualityIndicator.load(task.indicatorCode))!,
  unit: (task) => unitOf(task.unit),
  overdue: (task) => isOverdue(task, beijingToday()),
  verifiedBy: (task) => task.verifiedByName ?? null,
  currentValue: async (task, _args, { loaders }) => (await loaders.qualityValue.load(task.valueId))!,
  steps: (task, _args, { loaders }) => loaders.rectificationSteps.load(task.id),
};

export const RectificationStep: RectificationStepResolvers = {};

export const qualityQueries: Pick<
  QueryResolvers,
  | 'qualityIndicatorTree'
  | 'qualityIndicator'
  | 'qualityUnits'
  | 'qualityValues'
  | 'qualityTrend'
  | 'rectificationTasks'
  | 'rectificationTask'
  | 'qualitySummary'
> = {
  qualityIndicatorTree: (_parent, _args, { em, viewer }) => {
    assertTaxStaff(viewer);
    return em.find(QualityIndicatorSchema, { level: 1 }, { orderBy: { position: 'asc' } });
  },
  qualityIndicator: async (_parent, { code }, { loaders, viewer }) => {
    assertTaxStaff(viewer);
    const indicator = await loaders.qualityIndicator.load(code);
    if (!indicator) throw notFound(`没有编码为 ${code} 的指标 (no such indicator)`);
    return indicator;
  },
  qualityUnits: (_parent, _args, { viewer }) => {
    assertTaxStaff(viewer);
    return [...qualityUnits];
  },
  qualityValues: async (_parent, { period, unit, indicator, rating }, { em, viewer }) => {
    assertTaxStaff(viewer);
    const where: FilterQuery<QualityValueRow> & Record<string, unknown> = {
      period: queryPeriod(period, 'period'),
    };
    if (unit) where.unit = assertQualityUnit(unit, 'unit').code;
    if (indicator) where.indicatorCode = indicator;
    // The tree (33 rows) orders the values and rates them: two statements for the month.
    const [values, indicators] = await Promise.all([
      em.find(QualityValueSchema, where),
      em.find(QualityIndicatorSchema, {}),
    ]);
    const byCode = new Map(indicators.map((i) => [i.code, i]));
    const unitOrder = new Map(qualityUnits.map((u, i) => [u.code, i]));
    return values
      .filter((v) => !rating || rate(byCode.get(v.indicatorCode)!, v.value) === rating)
      .sort(
        (a, b) =>
          (unitOrder.get(a.unit) ?? 999) - (unitOrder.get(b.unit) ?? 999) ||
          (byCode.get(a.indicatorCode)?.position ?? 0) - (byCode.get(b.indicatorCode)?.position ?? 0),
      );
  },
  qualityTrend: (_parent, { indicator, unit, from, to }, { em, viewer }) => {
    assertTaxStaff(viewer);
    queryPeriod(from, 'from');
    queryPeriod(to, 'to');
    if (to < from) throw badInput('截止月份早于起始月份 (to is before from)', 'to');
    if (monthIndex(to) - monthIndex(from) + 1 > TREND_MAX_MONTHS)
      throw badInput(`走势最长 ${TREND_MAX_MONTHS} 个月 (at most ${TREND_MAX_MONTHS} months)`, 'to');
    return em.find(
      QualityValueSchema,
      {
        indicatorCode: indicator,
        unit: assertQualityUnit(unit, 'unit').code,
        period: { $gte: from, $lte: to },
      },
      { orderBy: { period: 'asc' } },
    );
  },
  rectificationTasks: (_parent, { filter, first, after }, { em, viewer }) => {
    assertTaxStaff(viewer);
    const and: FilterQuery<RectificationTaskRow>[] = [];
    if (filter?.status) and.push({ status: filter.status });
    if (filter?.unit) and.push({ unit: assertQualityUnit(filter.unit, 'filter.unit').code });
    if (filter?.period) and.push({ period: queryPeriod(filter.period, 'filter.period') });
    if (filter?.indicator) and.push({ indicatorCode: filter.indicator });
    const today = beijingToday();
    if (filter?.overdue === true)
      and.push({ status: { $in: [...unfinishedStatuses] }, dueOn: { $lt: today } });
    if (filter?.overdue === false)
      and.push({ $or: [{ status: { $nin: [...unfinishedStatuses] } }, { dueOn: { $gte: today } }] });
    return keysetPage(em, RectificationTaskSchema, and.length ? { $and: and } : {}, {
      list: 'rectificationTasks',
      keys: ['raisedAt', 'id'],
      direction: 'desc',
      first,
      after,
    });
  },
  rectificationTask: async (_parent, { id }, { loaders, viewer }) => {
    assertTaxStaff(viewer);
    const task = isUuid(id) ? await loaders.rectificationTask.load(id) : null;
    if (!task) throw notFound(`查无此整改任务 ${id} (no such rectification task)`);
    return task;
  },
  qualitySummary: (_parent, { period }, { em, viewer }) => {
    assertTaxStaff(viewer);
    return qualitySummary(em, queryPeriod(period, 'period'));
  },
};

const optionalText = (
  value: string | null | undefined,
  argument: string,
  zh: string,
  en: string,
  max: number,
) => (value == null || value.trim() === '' ? null : assertText(value, { argument, label: { zh, en }, max }));

/** The values a write returned, read afresh, with their outcomes in request order. */
async function recordedView(
  { loaders }: TaxContext,
  recorded: { repeated: boolean; results: ValueResult[] },
): Promise<QualityValuesRecordedParent> {
  const values = await Promise.all(recorded.results.map((r) => loaders.qualityValue.load(r.valueId)));
  return {
    repeated: recorded.repeated,
    results: recorded.results.map((r, i) => ({
      value: values[i]!,
      outcome: r.outcome,
      taskRaised: r.taskRaised,
    })),
  };
}

export const qualityMutations: Pick<
  MutationResolvers,
  'setQualityThresholds' | 'recordQualityValues' | 'fetchQualityIndicators' | 'recordRectificationStep'
> = {
  setQualityThresholds: async (_parent, { input }, { em, viewer }) => {
    const actor = assertActingRole(viewer, ['analyst'], '调整指标阈值');
    const { code } = await setThresholds(em, {
      code: textInput(input.indicator, 'input.indicator', '指标编码', 'indicator', 40),
      amber: input.amberThreshold,
      red: input.redThreshold,
      reason: textInput(input.reason, 'input.reason', '调整理由', 'reason', NOTE_MAX),
      expectedVersion: input.expectedVersion ?? null,
      actor: { subject: actor.subject, name: actor.name },
      idempotencyKey: assertIdempotencyKey(
        input.idempotencyKey,
        'input.idempotencyKey',
        QUALITY_KEY_MAX_LENGTH,
      ),
    });
    return em.findOneOrFail(QualityIndicatorSchema, { code }, { refresh: true });
  },
  recordQualityValues: async (_parent, { input }, context) => {
    const actor = assertActingRole(context.viewer, ['analyst'], '录入指标值');
    const period = assertPeriod(input.period, 'input.period');
    if (input.values.length === 0) throw badInput('至少录入一个指标值 (at least one value)', 'input.values');
    const values = input.values.map((v, i) => ({
      indicator: v.indicator,
      unit: v.unit,
      value: v.value,
      note: optionalText(v.note, `input.values[${i}].note`, '说明', 'note', NOTE_MAX),
    }));
    const recorded = await recordValues(context.em, {
      period,
      values,
      source: 'ENTERED',
      actor: { subject: actor.subject, name: actor.name },
      idempotencyKey: assertIdempotencyKey(
        input.idempotencyKey,
        'input.idempotencyKey',
        QUALITY_KEY_MAX_LENGTH,
      ),
      operation: 'recordQualityValues',
      request: { period, values },
    });
    return recordedView(context, recorded);
  },
  fetchQualityIndicators: async (_parent, { input }, context) => {
    const actor = assertActingRole(context.viewer, ['analyst'], '指标取数');
    const recorded = await fetchAppealIndicators(context.em, {
      period: assertPeriod(input.period, 'input.period'),
      actor: { subject: actor.subject, name: actor.name },
      idempotencyKey: assertIdempotencyKey(
        input.idempotencyKey,
        'input.idempotencyKey',
        QUALITY_KEY_MAX_LENGTH,
      ),
    });
    return recordedView(context, recorded);
  },
  recordRectificationStep: async (_parent, { input }, { em, viewer }) => {
    const allowed = rectificationSteps[input.action].roles;
    const actor = assertActingRole(
      viewer,
      allowed,
      input.action === 'VERIFY' || input.action === 'RETURN' ? '整改验收' : '整改跟进',
    );
    if (!isUuid(input.task)) throw notFound(`查无此整改任务 ${input.task} (no such rectification task)`);
    const { taskId } = await applyRectificationStep(em, {
      taskId: input.task,
      action: input.action,
      content: textInput(input.content, 'input.content', '跟进内容', 'content', STEP_TEXT_MAX),
      expectedVersion: input.expectedVersion ?? null,
      actor: { subject: actor.subject, name: actor.name },
      idempotencyKey: assertIdempotencyKey(
        input.idempotencyKey,
        'input.idempotencyKey',
        QUALITY_KEY_MAX_LENGTH,
      ),
    });
    const task = await em.findOne(RectificationTaskSchema, { id: taskId }, { refresh: true });
    if (!task) throw hubError('NOT_FOUND', `查无此整改任务 ${taskId} (no such rectification task)`);
    return task;
  },
};
