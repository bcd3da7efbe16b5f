import { randomUUID } from 'node:crypto';
import { hubError, notFound } from '../../../core/errors.js';
import { assertCreditCode } from '../../shared/validation.js';
import {
  BasicInfoFormSchema,
  type BasicInfoContent,
  type BasicInfoForm as BasicInfoFormEntity,
} from '../entities/index.js';
import type {
  BasicInfoFormResolvers,
  ContactPersonInput,
  MutationResolvers,
  SubmitBasicInfoFormInput,
} from '../generated/resolvers-types.js';
import { assertAssignedLiaison, assertOwnContact } from '../service-account/access.js';
import { reread, writeOnce } from '../service-account/requests.js';
import {
  idempotencyKey,
  intInRange,
  list,
  optionalCreditCode,
  optionalText,
  phone,
  recordId,
  text,
} from '../service-account/validation.js';
import { assertTransition, formTransitions } from '../service-account/workflows.js';
import { currentFormOf, groupFacts } from './service-account.js';

/**
 * The basic-information form (企业基本信息表): the enterprise contact submits versions, an assigned liaison
 * approves or returns each. The latest approved version is the account's current form, and approving one
 * copies its group and cross-region facts onto the account.
 */

function person(input: ContactPersonInput, argument: string) {
  return {
    name: text(input.name, `${argument}.name`, '姓名', 'name', 50),
    position: text(input.position, `${argument}.position`, '职务', 'position', 50),
    phone: phone(input.phone, `${argument}.phone`),
  };
}

/** The form's content from the input, every field checked and trimmed. */
export function formContent(input: SubmitBasicInfoFormInput): BasicInfoContent {
  const inGroup = input.groupRole !== 'INDEPENDENT';
  const groupName = optionalText(input.groupName, 'input.groupName', '集团名称', 'group name', 200);
  if (inGroup && !groupName) {
    throw hubError('BAD_USER_INPUT', '集团总部或成员企业须填写集团名称 (a group member names its group)', {
      argument: 'input.groupName',
    });
  }
  return {
    financeDirector: person(input.financeDirector, 'input.financeDirector'),
    taxOfficer: person(input.taxOfficer, 'input.taxOfficer'),
    mainProducts: list(input.mainProducts, 'input.mainProducts', { min: 1, max: 20 }, (v, arg) =>
      text(v, arg, '主要产品', 'product', 50),
    ),
    mainBusiness: text(input.mainBusiness, 'input.mainBusiness', '主营业务', 'main business', 500),
    employeeCount: intInRange(input.employeeCount, 'input.employeeCount', 0, 1_000_000),
    accountingStandard: input.accountingStandard,
    accountingSoftware: text(
      input.accountingSoftware,
      'input.accountingSoftware',
      '会计核算软件',
      'software',
      50,
    ),
    relatedParties: list(input.relatedParties, 'input.relatedParties', { min: 0, max: 50 }, (p, arg) => ({
      name: text(p.name, `${arg}.name`, '关联方名称', 'name', 200),
      creditCode: optionalCreditCode(p.creditCode, `${arg}.creditCode`),
      relation: text(p.relation, `${arg}.relation`, '关联关系', 'relation', 50),
    })),
    groupName: inGroup ? groupName : null,
    groupRole: input.groupRole,
    groupHeadquarters: inGroup
      ? optionalText(
          input.groupHeadquarters,
          'input.groupHeadquarters',
          '集团总部所在地',
          'headquarters',
          100,
        )
      : null,
    outsideBazhong: list(input.outsideBazhong, 'input.outsideBazhong', { min: 0, max: 100 }, (o, arg) => ({
      name: text(o.name, `${arg}.name`, '机构名称', 'name', 200),
      kind: o.kind,
      region: text(o.region, `${arg}.region`, '所在地', 'region', 50),
      creditCode: optionalCreditCode(o.creditCode, `${arg}.creditCode`),
    })),
  };
}

export const BasicInfoForm: BasicInfoFormResolvers = {
  isCurrent: async (form, _args, { loaders }) =>
    currentFormOf(await loaders.basicInfoForms.load(form.creditCode))?.id === form.id,
  financeDirector: (form) => form.content.financeDirector,
  taxOfficer: (form) => form.content.taxOfficer,
  mainProducts: (form) => form.content.mainProducts,
  mainBusiness: (form) => form.content.mainBusiness,
  employeeCount: (form) => form.content.employeeCount,
  accountingStandard: (form) => form.content.accountingStandard,
  accountingSoftware: (form) => form.content.accountingSoftware,
  relatedParties: (form) => form.content.relatedParties,
  group: (form) => groupFacts(form.content, form.version),
  submittedByName: (form) => form.submitterName,
};

export const formMutations: Pick<MutationResolvers, 'submitBasicInfoForm' | 'reviewBasicInfoForm'> = {
  submitBasicInfoForm: async (_parent, { input }, { em, viewer }) => {
    assertCreditCode(input.creditCode);
    const actor = assertOwnContact(viewer, input.creditCode);
    const content = formContent(input);
    const { id } = await writeOnce(
      em,
      {
        creditCode: input.creditCode,
        operation: 'submitBasicInfoForm',
        actor,
        idempotencyKey: idempotencyKey(input.idempotencyKey),
        request: content,
      },
      async (tx) => {
        const versions = await tx.find(
          BasicInfoFormSchema,
          { creditCode: input.creditCode },
          { orderBy: { version: 'desc' }, refresh: true },
        );
        const pending = versions.find((v) => v.status === 'SUBMITTED');
        if (pending) {
          throw hubError(
            'INVALID_TRANSITION',
            `第 ${pending.version} 版基本信息表正在审核中，审核完成前不能再次提交 ` +
              `(version ${pending.version} is awaiting review: submit again once it is approved or returned)`,
            { reason: 'FORM_PENDING_REVIEW', pendingFormId: pending.id, pendingVersion: pending.version },
          );
        }
        const form: BasicInfoFormEntity = {
          id: randomUUID(),
          creditCode: input.creditCode,
          version: (versions[0]?.version ?? 0) + 1,
          status: 'SUBMITTED',
          content,
          submittedAt: new Date(),
          submitterSubject: actor.subject,
          submitterName: actor.name,
          reviewedAt: null,
          reviewerSubject: null,
          reviewerName: null,
          reviewComment: null,
        };
        tx.create(BasicInfoFormSchema, form);
        return form.id;
      },
    );
    return reread(em, BasicInfoFormSchema, id);
  },

  reviewBasicInfoForm: async (_parent, { input }, { em, loaders, viewer }) => {
    const formId = recordId(input.formId, 'input.formId');
    const form = await loaders.basicInfoForm.load(formId);
    if (!form) throw notFound(`查无此基本信息表版本 ${formId} (no such form version)`);
    const actor = await assertAssignedLiaison(viewer, form.creditCode, loaders);
    const comment =
      input.decision === 'RETURNED'
        ? text(input.comment ?? '', 'input.comment', '退回意见', 'comment', 1000)
        : optionalText(input.comment, 'input.comment', '审核意见', 'comment', 1000);
    const { id } = await writeOnce(
      em,
      {
        creditCode: form.creditCode,
        operation: 'reviewBasicInfoForm',
        actor,
        idempotencyKey: idempotencyKey(input.idempotencyKey),
        request: { formId, decision: input.decision, comment },
      },
      async (tx, account) => {
        const current = await reread(tx, BasicInfoFormSchema, formId);
        assertTransition(formTransitions, current.status, input.decision, {
          zh: `第 ${current.version} 版基本信息表`,
          en: `form version ${current.version}`,
        });
        current.status = input.decision;
        current.reviewedAt = new Date();
        current.reviewerSubject = actor.subject;
        current.reviewerName = actor.name;
        current.reviewComment = comment;
        if (input.decision === 'APPROVED') {
          // The approved version is the account's current form: its facts become the account's.
          account.groupName = current.content.groupName;
          account.groupRole = current.content.groupRole;
          account.groupHeadquarters = current.content.groupHeadquarters;
          account.outsideBazhong = current.content.outsideBazhong;
          account.factsFromVersion = current.version;
        }
        return current.id;
      },
    );
    return reread(em, BasicInfoFormSchema, id);
  },
};
