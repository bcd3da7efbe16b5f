import { randomUUID } from 'node:crypto';
import { assertVersion, badInput, hubError, notFound } from '../../../core/errors.js';
import { assertCreditCode } from '../../shared/validation.js';
import {
  ServiceCaseSchema,
  ServiceCaseStepSchema,
  type ServiceCase as ServiceCaseEntity,
} from '../entities/index.js';
import type { MutationResolvers, ServiceCaseResolvers } from '../generated/resolvers-types.js';
import { assertAssignedLiaison } from '../service-account/access.js';
import { beijingToday } from '../service-account/calendar.js';
import { issueNumber, reread, writeOnce } from '../service-account/requests.js';
import { idempotencyKey, list, recordId, text } from '../service-account/validation.js';
import { caseSteps, statusLabels } from '../service-account/workflows.js';

/**
 * Major difficult appeals (重大疑难诉求) and group-wide / cross-region handling cases (集团统办、区域通办):
 * opened by an assigned liaison, then moved on one step at a time — progress, coordination, answers,
 * resolution and the revisit that closes the case. Each step is appended with the status it leads to.
 */

export const ServiceCase: ServiceCaseResolvers = {
  steps: (serviceCase, _args, { loaders }) => loaders.serviceCaseSteps.load(serviceCase.id),
};

export const caseMutations: Pick<MutationResolvers, 'openServiceCase' | 'recordServiceCaseStep'> = {
  openServiceCase: async (_parent, { input }, { em, loaders, viewer }) => {
    assertCreditCode(input.creditCode);
    const actor = await assertAssignedLiaison(viewer, input.creditCode, loaders);
    const request = {
      kind: input.kind,
      title: text(input.title, 'input.title', '事项', 'title', 200),
      description: text(input.description, 'input.description', '详情', 'description', 5000),
      regions: list(input.regions, 'input.regions', { min: 0, max: 20 }, (r, arg) =>
        text(r, arg, '地区', 'region', 50),
      ),
      memberEnterprises: list(
        input.memberEnterprises,
        'input.memberEnterprises',
        { min: 0, max: 50 },
        (m, arg) => text(m, arg, '成员企业', 'member', 200),
      ),
    };
    if (input.kind === 'CROSS_REGION' && request.regions.length === 0) {
      throw badInput('区域通办事项须注明涉及的地区 (a cross-region case names its regions)', 'input.regions');
    }
    if (input.kind === 'GROUP_WIDE' && request.memberEnterprises.length === 0) {
      throw badInput(
        '集团统办事项须注明涉及的成员企业 (a group-wide case names the members concerned)',
        'input.memberEnterprises',
      );
    }
    const { id } = await writeOnce(
      em,
      {
        creditCode: input.creditCode,
        operation: 'openServiceCase',
        actor,
        idempotencyKey: idempotencyKey(input.idempotencyKey),
        request,
      },
      async (tx) => {
        const now = new Date();
        const serviceCase: ServiceCaseEntity = {
          id: randomUUID(),
          number: await issueNumber(tx, input.kind, beijingToday()),
          creditCode: input.creditCode,
          ...request,
          status: caseSteps.ACCEPT.to,
          version: 1,
          handlerName: actor.name,
          openedAt: now,
          resolvedAt: null,
          closedAt: null,
        };
        tx.create(ServiceCaseSchema, serviceCase);
        tx.create(ServiceCaseStepSchema, {
          id: randomUUID(),
          caseId: serviceCase.id,
          seq: 1,
          kind: 'ACCEPT',
          content: `受理：${request.title}`,
          actorSubject: actor.subject,
          actorName: actor.name,
          at: now,
          statusAfter: serviceCase.status,
        });
        return serviceCase.id;
      },
    );
    return reread(em, ServiceCaseSchema, id);
  },

  recordServiceCaseStep: async (_parent, { input }, { em, loaders, viewer }) => {
    const caseId = recordId(input.caseId, 'input.caseId');
    const serviceCase = await loaders.serviceCase.load(caseId);
    if (!serviceCase) throw notFound(`查无此事项 ${caseId} (no such case)`);
    const actor = await assertAssignedLiaison(viewer, serviceCase.creditCode, loaders);
    const content = text(input.content, 'input.content', '步骤内容', 'content', 2000);
    const { id } = await writeOnce(
      em,
      {
        creditCode: serviceCase.creditCode,
        operation: 'recordServiceCaseStep',
        actor,
        idempotencyKey: idempotencyKey(input.idempotencyKey),
        request: { caseId, kind: input.kind, content, expectedVersion: input.expectedVersion ?? null },
      },
      async (tx) => {
        const current = await reread(tx, ServiceCaseSchema, caseId);
        assertVersion(input.expectedVersion, current.version, { zh: '事项', en: 'case' });
        const rule = caseSteps[input.kind];
        if (!rule.from.includes(current.status)) {
          throw hubError(
            'INVALID_TRANSITION',
            `事项当前为“${statusLabels[current.status]}”，不能记录 ${input.kind} 步骤 ` +
              `(a ${input.kind} step does not follow from ${current.status})`,
            { from: current.status, kind: input.kind },
          );
        }
        const now = new Date();
        tx.create(ServiceCaseStepSchema, {
          id: randomUUID(),
          caseId,
          seq: current.version + 1,
          kind: input.kind,
          content,
          actorSubject: actor.subject,
          actorName: actor.name,
          at: now,
          statusAfter: rule.to,
        });
        current.version += 1;
        current.status = rule.to;
        if (rule.to === 'RESOLVED') current.resolvedAt = now;
        if (rule.to === 'CLOSED') current.closedAt = now;
        return current.id;
      },
    );
    return reread(em, ServiceCaseSchema, id);
  },
};
