import { randomUUID } from 'node:crypto';
import { badInput, hubError, notFound } from '../../../core/errors.js';
import { employerRequired, recordedIn } from '../../shared/disputes/workflow.js';
import { assertCreditCode, assertIdempotencyKey, textInput } from '../../shared/validation.js';
import { assertCanActOnDisputes, assertCanSeeDispute } from '../disputes/access.js';
import { applyStep, registerCase } from '../disputes/ledger.js';
import { DisputeDocumentSchema, STEP_KEY_MAX_LENGTH, type DisputeDocument } from '../entities/index.js';
import type { MutationResolvers } from '../generated/resolvers-types.js';

const TEXT_MAX = 2000;
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;

const text = (value: string, argument: string, zh: string, en: string, max = TEXT_MAX) =>
  textInput(value, argument, zh, en, max);

function period(value: string | null | undefined, argument: string): string | null {
  if (value == null) return null;
  if (!PERIOD.test(value)) throw badInput(`期间须为 YYYY-MM (a period is YYYY-MM, got ${value})`, argument);
  return value;
}

/** The joint dispute mechanism's writes that the tax subgraph records (the lead's own steps). */
export const disputeMutations: Pick<
  MutationResolvers,
  'registerDispute' | 'recordDisputeStep' | 'applyDelegatedDisputeStep' | 'addDisputeDocument'
> = {
  registerDispute: async (_parent, { input }, { em, viewer }) => {
    const actor = assertCanActOnDisputes(viewer);
    const employerCode = input.employerCreditCode ?? null;
    if (employerCode === null && employerRequired[input.subject]) {
      throw badInput(
        `${input.subject} 争议须注明用人单位 (a dispute of this subject names the employer)`,
        'input.employerCreditCode',
      );
    }
    if (employerCode !== null) assertCreditCode(employerCode);
    if (input.insuredPersons.length < 1 || input.insuredPersons.length > 50) {
      throw badInput('参保人须为 1–50 人 (1 to 50 insured persons)', 'input.insuredPersons');
    }
    if (input.amountInDispute != null && !AMOUNT.test(input.amountInDispute)) {
      throw badInput('争议金额须为非负金额，最多两位小数 (a non-negative amount)', 'input.amountInDispute');
    }
    const periodFrom = period(input.periodFrom, 'input.periodFrom');
    const periodTo = period(input.periodTo, 'input.periodTo');
    if (periodFrom && periodTo && periodFrom > periodTo) {
      throw badInput('起始期间晚于截止期间 (periodFrom is after periodTo)', 'input.periodFrom');
    }
    const { dispute } = await registerCase(em, {
      subject: input.subject,
      district: input.district,
      channel: text(input.channel, 'input.channel', '受理渠道', 'channel', 40),
      employer:
        employerCode === null
          ? null
          : {
              creditCode: employerCode,
              displayName: text(
                input.employerName ?? '',
                'input.employerName',
                '用人单位名称',
                'employer name',
                200,
              ),
            },
      insuredPersons: input.insuredPersons.map((p, i) => ({
        personId: text(p.personId, `input.insuredPersons.${i}.personId`, '人员编号', 'person id', 40),
        displayName: text(p.name, `input.insuredPersons.${i}.name`, '姓名', 'name', 100),
      })),
      representative: input.representative
        ? {
            displayName: text(
              input.representative.name,
              'input.representative.name',
              '代理人',
              'representative',
              100,
            ),
            tradeUnion: input.representative.tradeUnion,
          }
        : null,
      amountInDispute: input.amountInDispute ?? null,
      periodFrom,
      periodTo,
      summary: text(input.summary, 'input.summary', '争议概要', 'summary'),
      actor: { subject: actor.subject, name: actor.name, agency: actor.agency },
      idempotencyKey: assertIdempotencyKey(input.idempotencyKey, 'input.idempotencyKey', STEP_KEY_MAX_LENGTH),
    });
    return dispute;
  },

  recordDisputeStep: async (_parent, { input }, { em, loaders, viewer }) => {
    const actor = assertCanActOnDisputes(viewer);
    const where = recordedIn(input.kind, actor.agency);
    if (where !== 'tax') {
      throw badInput(
        `该步骤由 ${where} 子图记录，请使用该部门的办理接口 (this step is recorded in the ${where} subgraph: use its mutation)`,
        'input.kind',
      );
    }
    const dispute = await loaders.disputeByNumber.load(input.caseNumber);
    if (!dispute) throw notFound(`查无此争议案件 ${input.caseNumber} (no such dispute case)`);
    const result = await applyStep(em, {
      caseId: dispute.id,
      kind: input.kind,
      actor: { subject: actor.subject, name: actor.name, agency: actor.agency },
      content: text(input.content, 'input.content', '步骤内容', 'content'),
      idempotencyKey: assertIdempotencyKey(input.idempotencyKey, 'input.idempotencyKey', STEP_KEY_MAX_LENGTH),
      ...(input.expectedVersion == null ? {} : { expectedVersion: input.expectedVersion }),
      ...(input.agreed == null ? {} : { agreed: input.agreed }),
      ...(input.satisfaction == null ? {} : { satisfaction: input.satisfaction }),
    });
    return result.dispute;
  },

  addDisputeDocument: async (_parent, { input }, { em, loaders, viewer }) => {
    const actor = assertCanActOnDisputes(viewer);
    const dispute = await loaders.disputeByNumber.load(input.caseNumber);
    if (!dispute) throw notFound(`查无此争议案件 ${input.caseNumber} (no such dispute case)`);
    assertCanSeeDispute(actor, dispute);
    if (!/^[0-9a-f]{64}$/.test(input.contentHash)) {
      throw badInput('内容摘要须为 64 位小写十六进制 SHA-256 (a lowercase hex SHA-256)', 'input.contentHash');
    }
    const document = {
      id: randomUUID(),
      caseId: dispute.id,
      title: text(input.title, 'input.title', '标题', 'title', 200),
      kind: input.kind,
      issuingAgency: actor.agency,
      contentHash: input.contentHash,
      addedByName: actor.name,
      addedAt: new Date(),
      idempotencyKey: assertIdempotencyKey(input.idempotencyKey, 'input.idempotencyKey', STEP_KEY_MAX_LENGTH),
    };
    const byKey = { idempotencyKey: document.idempotencyKey };
    const sameDocument = (earlier: DisputeDocument) => {
      if (earlier.caseId !== document.caseId || earlier.contentHash !== document.contentHash) {
        throw hubError(
          'IDEMPOTENCY_KEY_REUSED',
          '该幂等键已用于另一份材料 (the key was used for another document)',
          { argument: 'input.idempotencyKey' },
        );
      }
      return earlier;
    };
    const earlier = await em.findOne(DisputeDocumentSchema, byKey);
    if (earlier) return sameDocument(earlier);
    if (dispute.stage === 'CLOSED' || dispute.stage === 'REVISITED') {
      throw hubError('CASE_CLOSED', '案件已办结，不再添加材料 (the case is closed)');
    }
    // The same document submitted twice at once: the unique key lets one in, the other gets it back.
    await em
      .createQueryBuilder(DisputeDocumentSchema)
      .insert(document)
      .onConflict('idempotencyKey')
      .ignore()
      .execute('run');
    return sameDocument(await em.findOneOrFail(DisputeDocumentSchema, byKey, { refresh: true }));
  },

  // Only a subgraph holding the gateway's onward assertion for this caller (via = that subgraph) reaches
  // this, and only for the steps that subgraph records: HRSS findings from social-security, and so on.
  applyDelegatedDisputeStep: async (_parent, { input }, { em, loaders, viewer, via }) => {
    const actor = assertCanActOnDisputes(viewer);
    if (!via || via === 'tax' || recordedIn(input.kind, actor.agency) !== via) {
      throw hubError(
        'FORBIDDEN',
        `${input.kind} 不由 ${via ?? '调用方'} 记录 (this step is not recorded by ${via ?? 'the caller'})`,
      );
    }
    const dispute = await loaders.disputeByNumber.load(input.caseNumber);
    if (!dispute) throw notFound(`查无此争议案件 ${input.caseNumber} (no such dispute case)`);
    const {
      step,
      dispute: after,
      repeated,
    } = await applyStep(em, {
      caseId: dispute.id,
      kind: input.kind,
      actor: { subject: actor.subject, name: actor.name, agency: actor.agency },
      content: text(input.content, 'input.content', '步骤内容', 'content'),
      // The recording subgraph's keys live in their own namespace.
      idempotencyKey: `${via}:${assertIdempotencyKey(input.idempotencyKey, 'input.idempotencyKey', STEP_KEY_MAX_LENGTH - 20)}`,
      ...(input.expectedVersion == null ? {} : { expectedVersion: input.expectedVersion }),
      ...(input.agreed == null ? {} : { agreed: input.agreed }),
    });
    return {
      caseId: after.id,
      caseNumber: after.caseNumber,
      seq: step.seq,
      stage: step.stageAfter,
      version: after.version,
      repeated,
    };
  },
};
