import { randomUUID } from 'node:crypto';
import { badInput, notFound } from '../../../core/errors.js';
import { assertCreditCode } from '../../shared/validation.js';
import { FollowUpSchema, ServiceVisitSchema, type FollowUp as FollowUpEntity } from '../entities/index.js';
import type {
  FollowUpResolvers,
  MutationResolvers,
  ServiceVisitResolvers,
} from '../generated/resolvers-types.js';
import { assertAssignedLiaison } from '../service-account/access.js';
import { beijingToday } from '../service-account/calendar.js';
import { reread, writeOnce } from '../service-account/requests.js';
import { date, idempotencyKey, list, pastOrToday, recordId, text } from '../service-account/validation.js';
import { assertTransition, followUpOverdue, followUpTransitions } from '../service-account/workflows.js';

/** Visits and high-level dialogues (走访、高层对话) with their follow-ups, recorded by an assigned liaison. */

export const ServiceVisit: ServiceVisitResolvers = {
  followUps: (visit, _args, { loaders }) => loaders.visitFollowUps.load(visit.id),
  recordedByName: (visit) => visit.recorderName,
};

export const FollowUp: FollowUpResolvers = {
  overdue: (followUp) => followUpOverdue(followUp),
};

export const visitMutations: Pick<MutationResolvers, 'recordServiceVisit' | 'completeFollowUp'> = {
  recordServiceVisit: async (_parent, { input }, { em, loaders, viewer }) => {
    assertCreditCode(input.creditCode);
    const actor = await assertAssignedLiaison(viewer, input.creditCode, loaders);
    const heldOn = pastOrToday(input.heldOn, 'input.heldOn');
    const visit = {
      kind: input.kind,
      heldOn,
      location: text(input.location, 'input.location', '地点', 'location', 200),
      participants: list(input.participants, 'input.participants', { min: 1, max: 50 }, (p, arg) => ({
        name: text(p.name, `${arg}.name`, '姓名', 'name', 50),
        side: p.side,
        title: text(p.title, `${arg}.title`, '职务', 'title', 50),
      })),
      topics: list(input.topics, 'input.topics', { min: 1, max: 20 }, (t, arg) =>
        text(t, arg, '议题', 'topic', 100),
      ),
      summary: text(input.summary, 'input.summary', '纪要', 'summary', 5000),
    };
    const followUps = list(input.followUps, 'input.followUps', { min: 0, max: 20 }, (f, arg) => {
      const dueOn = date(f.dueOn, `${arg}.dueOn`);
      if (dueOn < heldOn) throw badInput('完成期限早于走访日期 (due before the visit)', `${arg}.dueOn`);
      return {
        description: text(f.description, `${arg}.description`, '跟进事项', 'follow-up', 500),
        owner: text(f.owner, `${arg}.owner`, '责任人', 'owner', 100),
        ownerSide: f.ownerSide,
        dueOn,
      };
    });
    const { id } = await writeOnce(
      em,
      {
        creditCode: input.creditCode,
        operation: 'recordServiceVisit',
        actor,
        idempotencyKey: idempotencyKey(input.idempotencyKey),
        request: { ...visit, followUps },
      },
      async (tx) => {
        const visitId = randomUUID();
        tx.create(ServiceVisitSchema, {
          id: visitId,
          creditCode: input.creditCode,
          ...visit,
          recorderSubject: actor.subject,
          recorderName: actor.name,
          recordedAt: new Date(),
        });
        followUps.forEach((f, i) =>
          tx.create(FollowUpSchema, {
            id: randomUUID(),
            visitId,
            creditCode: input.creditCode,
            seq: i + 1,
            ...f,
            status: 'OPEN',
            completedOn: null,
            completedByName: null,
            completionNote: null,
          } satisfies FollowUpEntity),
        );
        return visitId;
      },
    );
    return reread(em, ServiceVisitSchema, id);
  },

  completeFollowUp: async (_parent, { input }, { em, loaders, viewer }) => {
    const followUpId = recordId(input.followUpId, 'input.followUpId');
    const followUp = await loaders.followUp.load(followUpId);
    if (!followUp) throw notFound(`查无此跟进事项 ${followUpId} (no such follow-up)`);
    const actor = await assertAssignedLiaison(viewer, followUp.creditCode, loaders);
    const note = text(input.note, 'input.note', '办理情况', 'note', 1000);
    const { id } = await writeOnce(
      em,
      {
        creditCode: followUp.creditCode,
        operation: 'completeFollowUp',
        actor,
        idempotencyKey: idempotencyKey(input.idempotencyKey),
        request: { followUpId, note },
      },
      async (tx) => {
        const current = await reread(tx, FollowUpSchema, followUpId);
        assertTransition(followUpTransitions, current.status, 'DONE', { zh: '跟进事项', en: 'follow-up' });
        current.status = 'DONE';
        current.completedOn = beijingToday();
        current.completedByName = actor.name;
        current.completionNote = note;
        return current.id;
      },
    );
    return reread(em, FollowUpSchema, id);
  },
};
