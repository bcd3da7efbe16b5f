import { randomUUID } from 'node:crypto';
import { LockMode, type EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { assertVersion, badInput, notFound } from '../../../core/errors.js';
import { appealRates, periodOf, type AppealRates } from '../appeals/rates.js';
import {
  QualityIndicatorSchema,
  QualityRequestSchema,
  QualityThresholdChangeSchema,
  QualityValueRevisionSchema,
  QualityValueSchema,
  RectificationStepSchema,
  RectificationTaskSchema,
  type IndicatorSource,
  type QualityAppealRate,
  type QualityIndicator,
  type QualityValue,
  type RectificationStep,
  type RectificationTask,
} from '../entities/index.js';
import { addDays, beijingToday } from '../service-account/calendar.js';
import { assertThresholds, assertValue, daysOfPeriod, rate } from './rating.js';
import { writeOnce, type KeyRow } from './requests.js';
import { indicatorUnitSymbols } from './tree.js';
import { assertQualityUnit, type QualityUnit } from './units.js';
import { decideRectificationStep, RECTIFICATION_DAYS, type RectificationAction } from './workflow.js';

/**
 * The monitoring's writes: values recorded per (indicator, unit, month) — by an analyst, or computed from
 * the appeals (指标取数) — each red value raising its rectification task once; thresholds changed with an
 * audit record; and the follow-up steps of a task. Every write runs once per idempotency key (requests.ts).
 */

export interface QualityActor {
  subject: string;
  name: string;
}

const keys = QualityRequestSchema as never as EntityName<KeyRow>;

export interface ValueInput {
  indicator: string;
  unit: string;
  value: number;
  /** What a computed value was computed from. */
  basis?: string | null;
  /** Why a value is recorded or corrected. */
  note?: string | null;
}

export const valueOutcomes = ['CREATED', 'UNCHANGED', 'CORRECTED'] as const;
export type ValueOutcome = (typeof valueOutcomes)[number];

export interface ValueResult {
  valueId: string;
  outcome: ValueOutcome;
  /** The triple's rectification task, if it has one. */
  taskId: string | null;
  /** This recording raised the task. */
  taskRaised: boolean;
}

export interface RecordedValues {
  results: ValueResult[];
  repeated: boolean;
}

/** Most values in one request: every level-2 indicator for every district and unit of a month. */
export const MAX_VALUES_PER_REQUEST = 1000;

const symbol = (indicator: QualityIndicator) => indicatorUnitSymbols[indicator.unit];
const show = (indicator: QualityIndicator, value: number) => `${value}${symbol(indicator)}`;

/** Records one value under the row lock of its triple, and raises the task if it is red. */
async function recordOne(
  tx: EntityManager,
  indicator: QualityIndicator,
  unit: QualityUnit,
  period: string,
  input: ValueInput,
  source: IndicatorSource,
  actor: QualityActor,
  at: Date,
  known: RectificationTask | undefined,
): Promise<ValueResult> {
  const triple = { indicatorCode: indicator.code, unit: unit.code, period };
  const fresh: QualityValue = {
    id: randomUUID(),
    ...triple,
    unitKind: unit.kind,
    value: input.value,
    source,
    basis: input.basis ?? null,
    revision: 1,
    firstRecordedAt: at,
    recordedAt: at,
    recordedBySubject: actor.subject,
    recordedByName: actor.name,
  };
  // A concurrent first recording of the same triple waits here for the other to commit, then finds its row.
  const inserted = await tx
    .createQueryBuilder(QualityValueSchema)
    .insert(fresh)
    .onConflict(['indicatorCode', 'unit', 'period'])
    .ignore()
    .execute('run');
  let row = fresh;
  let outcome: ValueOutcome = 'CREATED';
  if (inserted.affectedRows !== 1) {
    row = await tx.findOneOrFail(QualityValueSchema, triple, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
      refresh: true,
    });
    if (row.value === input.value) outcome = 'UNCHANGED';
    else {
      outcome = 'CORRECTED';
      row.value = input.value;
      row.source = source;
      row.basis = input.basis ?? null;
      row.revision += 1;
      row.recordedAt = at;
      row.recordedBySubject = actor.subject;
      row.recordedByName = actor.name;
    }
  }
  if (outcome !== 'UNCHANGED') {
    tx.create(QualityValueRevisionSchema, {
      id: randomUUID(),
      valueId: row.id,
      revision: row.revision,
      value: input.value,
      source,
      basis: input.basis ?? null,
      note: input.note ?? null,
      recordedAt: at,
      recordedBySubject: actor.subject,
      recordedByName: actor.name,
    });
  }

  let taskRaised = false;
  if (rate(indicator, input.value) === 'RED') {
    const dueOn = addDays(beijingToday(at), RECTIFICATION_DAYS);
    const task: RectificationTask = {
      id: randomUUID(),
      ...triple,
      unitKind: unit.kind,
      valueId: row.id,
      triggerValue: input.value,
      amberThreshold: indicator.amberThreshold!,
      redThreshold: indicator.redThreshold!,
      thresholdVersion: indicator.thresholdVersion,
      status: 'OPEN',
      version: 1,
      raisedAt: at,
      dueOn,
      startedAt: null,
      completedAt: null,
      rectificationNote: null,
      verifiedAt: null,
      verifiedByName: null,
      returnCount: 0,
    };
    // One task per triple: the unique index lets the first red value in, whoever records it and however often.
    const raised = await tx
      .createQueryBuilder(RectificationTaskSchema)
      .insert(task)
      .onConflict(['indicatorCode', 'unit', 'period'])
      .ignore()
      .execute('run');
    if (raised.affectedRows === 1) {
      taskRaised = true;
      tx.create(RectificationStepSchema, {
        id: randomUUID(),
        taskId: task.id,
        seq: 1,
        kind: 'RAISE',
        statusBefore: 'OPEN',
        statusAfter: 'OPEN',
        actorSubject: actor.subject,
        actorName: actor.name,
        content:
          `${unit.name} ${period}「${indicator.name}」为 ${show(indicator, input.value)}，` +
          `${indicator.direction === 'HIGHER_IS_BETTER' ? '低于' : '高于'}红色阈值 ${show(indicator, indicator.redThreshold!)}，` +
          `自动生成整改任务，整改期限至 ${dueOn} (raised automatically: the value breached the red threshold)`,
        at,
      });
      return { valueId: row.id, outcome, taskId: task.id, taskRaised };
    }
  }

  // The triple's task, read with the others before the loop; locked before a correction is added to it.
  let task = known ?? null;
  if (outcome === 'CORRECTED' || (!task && rate(indicator, input.value) === 'RED'))
    task = await tx.findOne(
      RectificationTaskSchema,
      { valueId: row.id },
      outcome === 'CORRECTED' ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : { refresh: true },
    );
  if (task && outcome === 'CORRECTED') {
    // A correction of a value with a task is part of the task's follow-up (复测).
    const rating = rate(indicator, input.value);
    task.version += 1;
    tx.create(RectificationStepSchema, {
      id: randomUUID(),
      taskId: task.id,
      seq: task.version,
      kind: 'REMEASURE',
      statusBefore: task.status,
      statusAfter: task.status,
      actorSubject: actor.subject,
      actorName: actor.name,
      content: `指标值更正为 ${show(indicator, input.value)}（${rating === 'GREEN' ? '已达标' : rating === 'AMBER' ? '黄色预警' : '仍超红色阈值'}）(value corrected: ${rating})`,
      at,
    });
  }
  return { valueId: row.id, outcome, taskId: task?.id ?? null, taskRaised };
}

/**
 * Records values of one month. Level-2 indicators only; an APPEALS indicator only from the appeals
 * (`fetchAppealIndicators`), an ENTERED one only by hand. Values are written in (indicator, unit) order so
 * that two requests on overlapping values lock them in the same order.
 */
export async function recordValues(
  em: EntityManager,
  command: {
    period: string;
    values: ValueInput[];
    source: Exclude<IndicatorSource, 'COMPOSITE'>;
    actor: QualityActor;
    idempotencyKey: string;
    operation: string;
    /** What makes two requests the same. */
    request: unknown;
  },
): Promise<RecordedValues> {
  const { period, source, actor } = command;
  if (command.values.length > MAX_VALUES_PER_REQUEST)
    throw badInput(
      `每次最多记录 ${MAX_VALUES_PER_REQUEST} 个指标值 (at most ${MAX_VALUES_PER_REQUEST} values)`,
      'input.values',
    );
  const seen = new Set<string>();
  const items = command.values.map((v, i) => {
    const unit = assertQualityUnit(v.unit, `input.values[${i}].unit`);
    const key = `${v.indicator} ${unit.code}`;
    if (seen.has(key))
      throw badInput(
        `同一指标同一单位在一次请求中重复 (${v.indicator}, ${unit.code} appears twice)`,
        `input.values[${i}]`,
      );
    seen.add(key);
    return { input: v, unit, index: i };
  });
  items.sort((a, b) =>
    a.input.indicator < b.input.indicator
      ? -1
      : a.input.indicator > b.input.indicator
        ? 1
        : a.unit.code < b.unit.code
          ? -1
          : a.unit.code > b.unit.code
            ? 1
            : 0,
  );
  const { result, repeated } = await writeOnce<ValueResult[]>(
    em,
    keys,
    {
      operation: command.operation,
      actorSubject: actor.subject,
      idempotencyKey: command.idempotencyKey,
      request: command.request,
    },
    async (tx) => {
      const codes = [...new Set(items.map((i) => i.input.indicator))];
      const indicators = new Map(
        (await tx.find(QualityIndicatorSchema, { code: { $in: codes } })).map((x) => [x.code, x]),
      );
      const tasks = new Map(
        (
          await tx.find(RectificationTaskSchema, {
            period,
            indicatorCode: { $in: codes },
            unit: { $in: [...new Set(items.map((i) => i.unit.code))] },
          })
        ).map((t) => [`${t.indicatorCode} ${t.unit}`, t]),
      );
      const at = new Date();
      const results = new Map<number, ValueResult>();
      for (const { input, unit, index } of items) {
        const argument = `input.values[${index}]`;
        const indicator = indicators.get(input.indicator);
        if (!indicator)
          throw badInput(`没有编码为 ${input.indicator} 的指标 (no such indicator)`, `${argument}.indicator`);
        if (indicator.level !== 2)
          throw badInput(
            `${indicator.name}为一级指标，由二级指标加权计算，不能直接记录 (a level-1 area is a composite: record its indicators)`,
            `${argument}.indicator`,
          );
        if (indicator.source !== source)
          throw badInput(
            source === 'ENTERED'
              ? `${indicator.name}由诉求记录计算，请使用指标取数 (computed from the appeals: use fetchQualityIndicators)`
              : `${indicator.name}为录入指标 (an entered indicator)`,
            `${argument}.indicator`,
          );
        const value = assertValue(indicator.unit, input.value, `${argument}.value`);
        results.set(
          index,
          await recordOne(
            tx,
            indicator,
            unit,
            period,
            { ...input, value },
            source,
            actor,
            at,
            tasks.get(`${indicator.code} ${unit.code}`),
          ),
        );
      }
      await tx.flush();
      return command.values.map((_, i) => results.get(i)!);
    },
  );
  return { results: result, repeated };
}

/** For each appeal rate: the rate, and the counts it is a ratio of (for the value's basis). */
const appealRateParts: Record<
  QualityAppealRate,
  {
    rate: keyof AppealRates;
    numerator: [keyof AppealRates, string];
    denominator: [keyof AppealRates, string];
  }
> = {
  RESPONSE_RATE: {
    rate: 'responseRate',
    numerator: ['respondedInTime', '及时响应'],
    denominator: ['received', '接收'],
  },
  RESOLUTION_RATE: {
    rate: 'resolutionRate',
    numerator: ['resolved', '已处理'],
    denominator: ['accepted', '受理'],
  },
  SATISFACTION_RATE: {
    rate: 'satisfactionRate',
    numerator: ['satisfied', '满意'],
    denominator: ['revisited', '已回访'],
  },
  DUPLICATE_RATE: {
    rate: 'duplicateRate',
    numerator: ['duplicates', '重复'],
    denominator: ['received', '接收'],
  },
  OVERDUE_RATE: { rate: 'overdueRate', numerator: ['overdue', '超期'], denominator: ['received', '接收'] },
};

/** A rate as the percentage an indicator holds: two decimals. */
export const percentOf = (rate: number) => Math.round(rate * 10_000) / 100;

/**
 * 指标取数: the appeal-derived indicators of a month for each district, from the appeals received in it
 * (appealRates grouped by DISTRICT). A district without appeals, or a rate whose denominator is zero, gets
 * no value. Recording them follows the rules of any value (idempotent, corrections kept, red raises a task).
 */
export async function fetchAppealIndicators(
  em: EntityManager,
  command: { period: string; actor: QualityActor; idempotencyKey: string },
): Promise<RecordedValues & { computed: number }> {
  const { from, to } = daysOfPeriod(command.period);
  const { start, end } = periodOf(from, to);
  const indicators = await em.find(
    QualityIndicatorSchema,
    { level: 2, source: 'APPEALS', appealRate: { $ne: null } },
    { orderBy: { position: 'asc' } },
  );
  const { rows } = await appealRates(em, 'DISTRICT', { start, end });
  const values: ValueInput[] = [];
  for (const row of rows) {
    for (const indicator of indicators) {
      const parts = appealRateParts[indicator.appealRate!];
      const value = row.rates[parts.rate] as number | null;
      if (value === null) continue;
      const [n, nLabel] = parts.numerator;
      const [d, dLabel] = parts.denominator;
      values.push({
        indicator: indicator.code,
        unit: row.key,
        value: percentOf(value),
        basis: `${nLabel} ${row.rates[n]} / ${dLabel} ${row.rates[d]}`,
        note: `指标取数：${from} 至 ${to} 接收的诉求 (computed from the appeals received in the month)`,
      });
    }
  }
  const recorded = await recordValues(em, {
    period: command.period,
    values,
    source: 'APPEALS',
    actor: command.actor,
    idempotencyKey: command.idempotencyKey,
    operation: 'fetchQualityIndicators',
    request: { period: command.period },
  });
  return { ...recorded, computed: values.length };
}

/**
 * Changes the thresholds of a level-2 indicator under its row lock: a new threshold version and its audit
 * record (who, when, why, before and after). The same thresholds again change nothing. Values are rated
 * against the thresholds in force when read; tasks keep the thresholds that raised them.
 */
export async function setThresholds(
  em: EntityManager,
  command: {
    code: string;
    amber: number;
    red: number;
    reason: string;
    expectedVersion: number | null;
    actor: QualityActor;
    idempotencyKey: string;
  },
): Promise<{ code: string; changed: boolean; repeated: boolean }> {
  let indicator: QualityIndicator | null = null;
  const { result, repeated } = await writeOnce<{ code: string; changed: boolean }>(
    em,
    keys,
    {
      operation: 'setQualityThresholds',
      actorSubject: command.actor.subject,
      idempotencyKey: command.idempotencyKey,
      request: {
        code: command.code,
        amber: command.amber,
        red: command.red,
        reason: command.reason,
        expectedVersion: command.expectedVersion,
      },
    },
    async (tx) => {
      const target = indicator!;
      if (target.level !== 2)
        throw badInput(
          '一级指标没有阈值，其得分由二级指标加权计算 (a level-1 area has no thresholds)',
          'input.indicator',
        );
      assertVersion(command.expectedVersion, target.thresholdVersion, { zh: '阈值', en: 'thresholds' });
      const { amber, red } = assertThresholds(target.direction, target.unit, command.amber, command.red);
      if (amber === target.amberThreshold && red === target.redThreshold)
        return { code: target.code, changed: false };
      const at = new Date();
      tx.create(QualityThresholdChangeSchema, {
        id: randomUUID(),
        indicatorCode: target.code,
        version: target.thresholdVersion + 1,
        amberBefore: target.amberThreshold!,
        redBefore: target.redThreshold!,
        amberAfter: amber,
        redAfter: red,
        reason: command.reason,
        actorSubject: command.actor.subject,
        actorName: command.actor.name,
        at,
      });
      Object.assign(target, {
        amberThreshold: amber,
        redThreshold: red,
        thresholdVersion: target.thresholdVersion + 1,
        thresholdsChangedAt: at,
        thresholdsChangedBySubject: command.actor.subject,
        thresholdsChangedByName: command.actor.name,
      });
      await tx.flush();
      return { code: target.code, changed: true };
    },
    async (tx) => {
      indicator = await tx.findOne(
        QualityIndicatorSchema,
        { code: command.code },
        { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
      );
      if (!indicator) throw notFound(`没有编码为 ${command.code} 的指标 (no such indicator)`);
    },
  );
  return { ...result, repeated };
}

/**
 * One follow-up step of a rectification task, under the task's row lock: the step must follow from the
 * task's status (else INVALID_TRANSITION) and, when given, the version the client read (else CONFLICT).
 */
export async function applyRectificationStep(
  em: EntityManager,
  command: {
    taskId: string;
    action: RectificationAction;
    content: string;
    expectedVersion: number | null;
    actor: QualityActor;
    idempotencyKey: string;
  },
): Promise<{ taskId: string; repeated: boolean }> {
  let task: RectificationTask | null = null;
  const { result, repeated } = await writeOnce<{ taskId: string; seq: number }>(
    em,
    keys,
    {
      operation: 'recordRectificationStep',
      actorSubject: command.actor.subject,
      idempotencyKey: command.idempotencyKey,
      request: {
        taskId: command.taskId,
        action: command.action,
        content: command.content,
        expectedVersion: command.expectedVersion,
      },
    },
    async (tx) => {
      const target = task!;
      assertVersion(command.expectedVersion, target.version, { zh: '整改任务', en: 'task' });
      const statusAfter = decideRectificationStep(target.status, command.action);
      const at = new Date();
      const step: RectificationStep = {
        id: randomUUID(),
        taskId: target.id,
        seq: target.version + 1,
        kind: command.action,
        statusBefore: target.status,
        statusAfter,
        actorSubject: command.actor.subject,
        actorName: command.actor.name,
        content: command.content,
        at,
      };
      tx.create(RectificationStepSchema, step);
      target.version = step.seq;
      target.status = statusAfter;
      switch (command.action) {
        case 'START':
          target.startedAt = at;
          break;
        case 'COMPLETE':
          target.completedAt = at;
          target.rectificationNote = command.content;
          break;
        case 'VERIFY':
          target.verifiedAt = at;
          target.verifiedByName = command.actor.name;
          break;
        case 'RETURN':
          target.returnCount += 1;
          target.completedAt = null;
          break;
        default:
          break;
      }
      await tx.flush();
      return { taskId: target.id, seq: step.seq };
    },
    async (tx) => {
      task = await tx.findOne(
        RectificationTaskSchema,
        { id: command.taskId },
        { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
      );
      if (!task) throw notFound(`查无此整改任务 ${command.taskId} (no such rectification task)`);
    },
  );
  return { taskId: result.taskId, repeated };
}
