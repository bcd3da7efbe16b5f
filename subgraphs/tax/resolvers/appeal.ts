import type { FilterQuery } from '@mikro-orm/core';
import { badInput, notFound } from '../../../core/errors.js';
import { maskPersonName, maskPhone } from '../../../core/identifiers.js';
import { keysetPage, type Connection } from '../../shared/pagination.js';
import { assertCreditCode, assertIdempotencyKey, assertText, textInput } from '../../shared/validation.js';
import { assertActingRole, assertTaxStaff } from '../appeals/access.js';
import {
  appealChannelCatalogue,
  appealChannels,
  handlingUnitByCode,
  handlingUnits,
} from '../appeals/catalogue.js';
import { validReportsByYear } from '../appeals/history.js';
import { applyAppealStep, registerAppeal, APPEAL_TEXT_MAX } from '../appeals/ledger.js';
import { appealRates, dayStart, periodOf, rateDefinitions } from '../appeals/rates.js';
import { classify, OTHER_TOPIC, topicRules } from '../appeals/topics.js';
import { stageLimit } from '../appeals/workflow.js';
import { APPEAL_KEY_MAX_LENGTH, AppealSchema, type Appeal as AppealRow } from '../entities/index.js';
import type {
  AppealClassificationResolvers,
  AppealResolvers,
  AppealStepResolvers,
  MutationResolvers,
  QueryResolvers,
} from '../generated/resolvers-types.js';

export type AppealConnectionParent = Connection<AppealRow>;

const STEP_TEXT_MAX = 2000;
const PHONE = /^[0-9+\-() ]{5,20}$/;
const DAY = 24 * 60 * 60 * 1000;

const unit = (code: string | null | undefined) => (code ? (handlingUnitByCode.get(code) ?? null) : null);

export const Appeal: AppealResolvers = {
  channelGroup: (appeal) => appealChannelCatalogue[appeal.channel].group,
  enterprise: (appeal) => (appeal.creditCode ? { creditCode: appeal.creditCode } : null) as never,
  appellantName: (appeal) => (appeal.appellantName ? maskPersonName(appeal.appellantName) : null),
  appellantPhone: (appeal) => (appeal.appellantPhone ? maskPhone(appeal.appellantPhone) : null),
  classification: (appeal) => appeal,
  duplicateOf: (appeal, _args, { loaders }) =>
    appeal.duplicateOf ? loaders.appeal.load(appeal.duplicateOf) : null,
  handlingUnit: (appeal) => unit(appeal.handlingUnit),
  supervisingUnit: (appeal) => unit(appeal.supervisingUnit)!,
  stageTimeLimitDays: (appeal) => stageLimit(appeal.stage, appeal.kind),
  overdue: (appeal) => appeal.stageDueAt != null && appeal.stageDueAt.getTime() < Date.now(),
  steps: (appeal, _args, { loaders }) => loaders.appealSteps.load(appeal.id),
};

export const AppealClassification: AppealClassificationResolvers = {
  rule: (appeal) => appeal.topicRule,
  matchedPhrases: (appeal) => appeal.matchedPhrases,
  score: (appeal) => appeal.classifierScore,
  runnerUpTopic: (appeal) => appeal.runnerUpTopic as never,
  close: (appeal) => appeal.classificationClose,
};

export const AppealStep: AppealStepResolvers = {
  handlingUnit: (step) => unit(step.handlingUnit),
};

export const appealQueries: Pick<
  QueryResolvers,
  | 'appeal'
  | 'appeals'
  | 'appealRates'
  | 'validReportsByYear'
  | 'appealChannels'
  | 'appealTopics'
  | 'appealHandlingUnits'
  | 'classifyAppealText'
> = {
  appeal: async (_parent, { number }, { loaders, viewer }) => {
    assertTaxStaff(viewer);
    const appeal = await loaders.appealByNumber.load(number);
    if (!appeal) throw notFound(`查无此诉求 ${number} (no such appeal)`);
    return appeal;
  },
  appeals: (_parent, { filter, first, after }, { em, viewer }) => {
    assertTaxStaff(viewer);
    const where: Record<string, unknown> = {};
    if (filter?.stage) where.stage = filter.stage;
    if (filter?.channel) where.channel = filter.channel;
    if (filter?.kind) where.kind = filter.kind;
    if (filter?.topic) where.topic = filter.topic;
    if (filter?.district) where.district = filter.district;
    if (filter?.handlingUnit) where.handlingUnit = filter.handlingUnit;
    if (typeof filter?.escalated === 'boolean') where.escalated = filter.escalated;
    if (filter?.creditCode) {
      assertCreditCode(filter.creditCode);
      where.creditCode = filter.creditCode;
    }
    if (filter?.overdue === true) where.stageDueAt = { $lt: new Date() };
    if (filter?.overdue === false) where.$or = [{ stageDueAt: null }, { stageDueAt: { $gte: new Date() } }];
    if (filter?.receivedFrom || filter?.receivedTo) {
      const received: Record<string, Date> = {};
      if (filter.receivedFrom) received.$gte = dayStart(filter.receivedFrom);
      if (filter.receivedTo) received.$lt = new Date(dayStart(filter.receivedTo).getTime() + DAY);
      where.receivedAt = received;
    }
    return keysetPage(em, AppealSchema, where as FilterQuery<AppealRow>, {
      list: 'appeals',
      keys: ['receivedAt', 'number'],
      direction: 'desc',
      first,
      after,
    });
  },
  appealRates: async (_parent, { by, from, to, district, channel, topic }, { em, viewer }) => {
    assertTaxStaff(viewer);
    const { start, end } = periodOf(from, to);
    const { rows, total } = await appealRates(em, by, { start, end, district, channel, topic });
    return { by, from, to, rows, total, definitions: rateDefinitions };
  },
  validReportsByYear: (_parent, { fromYear, toYear, district }, { em, viewer }) => {
    assertTaxStaff(viewer);
    return validReportsByYear(em, fromYear, toYear, district ?? null);
  },
  appealChannels: () => appealChannels.map((channel) => ({ channel, ...appealChannelCatalogue[channel] })),
  appealTopics: () => [
    ...topicRules.map((rule) => ({
      topic: rule.code as never,
      label: rule.label,
      phrases: rule.phrases.map(([phrase, weight]) => ({ phrase, weight })),
    })),
    { topic: OTHER_TOPIC.code, label: OTHER_TOPIC.label, phrases: [] },
  ],
  appealHandlingUnits: () => [...handlingUnits],
  classifyAppealText: (_parent, { text }, { viewer }) => {
    assertTaxStaff(viewer);
    const content = textInput(text, 'text', '诉求内容', 'text', APPEAL_TEXT_MAX);
    const c = classify(content);
    return {
      classifiedTopic: c.topic as never,
      rule: c.rule,
      matchedPhrases: c.matched,
      score: c.score,
      runnerUpTopic: (c.runnerUp?.topic ?? null) as never,
      close: c.close,
    } as never;
  },
};

const optionalText = (
  value: string | null | undefined,
  argument: string,
  zh: string,
  en: string,
  max: number,
) => (value == null || value.trim() === '' ? null : assertText(value, { argument, label: { zh, en }, max }));

export const appealMutations: Pick<MutationResolvers, 'registerAppeal' | 'recordAppealStep'> = {
  registerAppeal: async (_parent, { input }, { em, viewer }) => {
    const actor = assertActingRole(viewer, ['appeal-handler', 'service-point-staff'], '登记诉求');
    const reference = assertIdempotencyKey(
      input.channelReference,
      'input.channelReference',
      APPEAL_KEY_MAX_LENGTH,
    );
    if (input.creditCode) assertCreditCode(input.creditCode);
    const phone = optionalText(input.appellantPhone, 'input.appellantPhone', '电话', 'phone', 20);
    if (phone && !PHONE.test(phone))
      throw badInput('电话号码格式不正确 (malformed phone number)', 'input.appellantPhone');
    const now = new Date();
    const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
    if (receivedAt.getTime() > now.getTime() + 5 * 60 * 1000)
      throw badInput('接收时间不能晚于当前时间 (receivedAt is in the future)', 'input.receivedAt');
    if (receivedAt.getTime() < now.getTime() - 366 * DAY)
      throw badInput('补录的诉求须在一年内接收 (back-entry is limited to a year)', 'input.receivedAt');
    return registerAppeal(em, {
      channel: input.channel,
      channelReference: reference,
      kind: input.kind,
      district: input.district,
      creditCode: input.creditCode ?? null,
      personId: optionalText(input.personId, 'input.personId', '人员编号', 'person id', 40),
      appellantName: optionalText(input.appellantName, 'input.appellantName', '姓名', 'name', 100),
      appellantPhone: phone,
      content: textInput(input.content, 'input.content', '诉求内容', 'content', APPEAL_TEXT_MAX),
      receivedAt,
      actor: { subject: actor.subject, name: actor.name },
    });
  },
  recordAppealStep: async (_parent, { input }, { em, viewer }) => {
    const actor = assertActingRole(viewer, ['appeal-handler'], '办理诉求');
    const { appeal } = await applyAppealStep(em, {
      number: textInput(input.number, 'input.number', '工单编号', 'number', 40),
      kind: input.kind,
      content: textInput(input.content, 'input.content', '步骤内容', 'content', STEP_TEXT_MAX),
      handlingUnit: input.handlingUnit ?? null,
      satisfaction: input.satisfaction ?? null,
      topic: input.topic ?? null,
      expectedVersion: input.expectedVersion ?? null,
      idempotencyKey: assertIdempotencyKey(
        input.idempotencyKey,
        'input.idempotencyKey',
        APPEAL_KEY_MAX_LENGTH,
      ),
      actor: { subject: actor.subject, name: actor.name },
      at: new Date(),
    });
    return appeal;
  },
};
