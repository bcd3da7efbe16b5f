import { randomUUID } from 'node:crypto';
import { assertVersion, notFound } from '../../../core/errors.js';
import { assertCreditCode } from '../../shared/validation.js';
import {
  HandbookSectionSchema,
  type AdvanceRuling,
  type BasicInfoForm,
  type FollowUp,
  type HandbookSection as HandbookSectionEntity,
  type ServiceCase,
} from '../entities/index.js';
import type {
  HandbookSectionResolvers,
  HandbookSectionVersionResolvers,
  MutationResolvers,
  OpenMatter,
  ServiceHandbookResolvers,
} from '../generated/resolvers-types.js';
import type { TaxLoaders } from '../loaders.js';
import { assertAssignedLiaison } from '../service-account/access.js';
import { beijingToday } from '../service-account/calendar.js';
import { policiesFor } from '../service-account/policies.js';
import { reread, writeOnce } from '../service-account/requests.js';
import { idempotencyKey, recordId, text } from '../service-account/validation.js';
import {
  agreementStatus,
  followUpOverdue,
  openCaseStatuses,
  statusLabels,
} from '../service-account/workflows.js';

/**
 * The handbook (一户一册): assembled on every read from the account — the contact card, the preferential
 * policies that fit the enterprise's industry and size, its agreements, its issued rulings, its open
 * matters — plus the sections its liaisons write, each at its latest version. Every source is one
 * batched loader, so one handbook and a page of handbooks cost the same statements.
 */

/** Each section's versions as written (oldest first), in the order the sections were first written. */
function sectionsOf(rows: readonly HandbookSectionEntity[]): HandbookSectionEntity[][] {
  const sections = new Map<string, HandbookSectionEntity[]>();
  for (const row of rows) sections.set(row.sectionId, [...(sections.get(row.sectionId) ?? []), row]);
  return [...sections.values()];
}

const latest = (versions: HandbookSectionEntity[]) =>
  versions.reduce((a, b) => (b.version > a.version ? b : a));

/** The Beijing calendar day of a time. */
const day = (at: Date | string) => beijingToday(new Date(at));

/** Open follow-ups, rulings not yet decided, cases being handled and a form awaiting review. */
export function openMattersOf(
  sources: {
    followUps: readonly FollowUp[];
    rulings: readonly AdvanceRuling[];
    cases: readonly ServiceCase[];
    forms: readonly BasicInfoForm[];
  },
  today = beijingToday(),
): OpenMatter[] {
  const matters: OpenMatter[] = [];
  for (const f of sources.followUps) {
    if (f.status !== 'OPEN') continue;
    matters.push({
      kind: 'FOLLOW_UP',
      referenceId: f.id,
      title: f.description,
      status: statusLabels[f.status]!,
      since: f.dueOn,
      dueOn: f.dueOn,
      overdue: followUpOverdue(f, today),
      owner: f.owner,
    });
  }
  for (const r of sources.rulings) {
    if (r.status !== 'REQUESTED' && r.status !== 'UNDER_REVIEW') continue;
    matters.push({
      kind: 'ADVANCE_RULING',
      referenceId: r.id,
      title: `${r.number} ${r.topic}`,
      status: statusLabels[r.status]!,
      since: day(r.requestedAt),
      dueOn: null,
      overdue: false,
      owner: r.reviewerName ?? null,
    });
  }
  for (const c of sources.cases) {
    if (!openCaseStatuses.includes(c.status)) continue;
    matters.push({
      kind: c.kind === 'MAJOR_APPEAL' ? 'MAJOR_APPEAL' : 'GROUP_CASE',
      referenceId: c.id,
      title: `${c.number} ${c.title}`,
      status: statusLabels[c.status]!,
      since: day(c.openedAt),
      dueOn: null,
      overdue: false,
      owner: c.handlerName,
    });
  }
  const pending = sources.forms.find((f) => f.status === 'SUBMITTED');
  if (pending) {
    matters.push({
      kind: 'FORM_REVIEW',
      referenceId: pending.id,
      title: `第 ${pending.version} 版企业基本信息表待审核`,
      status: statusLabels[pending.status]!,
      since: day(pending.submittedAt),
      dueOn: null,
      overdue: false,
      owner: null,
    });
  }
  // Overdue first, then the oldest.
  return matters.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.since < b.since ? -1 : 1));
}

export async function openMattersFor(creditCode: string, loaders: TaxLoaders): Promise<OpenMatter[]> {
  // All four loads in the same tick, so each is one statement for every handbook of the request.
  const [followUps, rulings, cases, forms] = await Promise.all([
    loaders.followUps.load(creditCode),
    loaders.advanceRulings.load(creditCode),
    loaders.serviceCases.load(creditCode),
    loaders.basicInfoForms.load(creditCode),
  ]);
  return openMattersOf({ followUps, rulings, cases, forms });
}

export const ServiceHandbook: ServiceHandbookResolvers = {
  creditCode: ({ account }) => account.creditCode,
  title: ({ enterprise }) => `《${enterprise.name}税费服务手册（一户一册）》`,
  assembledAt: () => new Date(),
  contactCard: (parent) => parent,
  // Every service account is a large enterprise's: small-enterprise policies never fit.
  policies: ({ enterprise }) => policiesFor(enterprise.industry, 'LARGE'),
  complianceAgreements: async ({ account }, _args, { loaders }) =>
    (await loaders.complianceAgreements.load(account.creditCode)).filter(
      (a) => agreementStatus(a) !== 'DRAFT',
    ),
  advanceRulings: async ({ account }, _args, { loaders }) =>
    (await loaders.advanceRulings.load(account.creditCode)).filter((r) => r.status === 'ISSUED'),
  openMatters: ({ account }, _args, { loaders }) => openMattersFor(account.creditCode, loaders),
  liaisonSections: async ({ account }, _args, { loaders }) =>
    sectionsOf(await loaders.handbookSections.load(account.creditCode)).map(latest),
};

export const HandbookSection: HandbookSectionResolvers = {
  writtenByName: (section) => section.authorName,
  history: async (section, _args, { loaders }) =>
    (await loaders.handbookSections.load(section.creditCode))
      .filter((v) => v.sectionId === section.sectionId)
      .sort((a, b) => b.version - a.version),
};

export const HandbookSectionVersion: HandbookSectionVersionResolvers = {
  writtenByName: (version) => version.authorName,
};

export const handbookMutations: Pick<MutationResolvers, 'writeHandbookSection'> = {
  writeHandbookSection: async (_parent, { input }, { em, loaders, viewer }) => {
    assertCreditCode(input.creditCode);
    const actor = await assertAssignedLiaison(viewer, input.creditCode, loaders);
    const request = {
      sectionId: input.sectionId == null ? null : recordId(input.sectionId, 'input.sectionId'),
      title: text(input.title, 'input.title', '标题', 'title', 100),
      body: text(input.body, 'input.body', '正文', 'body', 10_000),
      expectedVersion: input.expectedVersion ?? null,
    };
    const { id } = await writeOnce(
      em,
      {
        creditCode: input.creditCode,
        operation: 'writeHandbookSection',
        actor,
        idempotencyKey: idempotencyKey(input.idempotencyKey),
        request,
      },
      async (tx) => {
        let sectionId: HandbookSectionEntity['sectionId'] = randomUUID();
        let version = 1;
        if (request.sectionId) {
          const [last] = await tx.find(
            HandbookSectionSchema,
            { sectionId: request.sectionId, creditCode: input.creditCode },
            { orderBy: { version: 'desc' }, limit: 1, refresh: true },
          );
          if (!last) throw notFound(`该企业的手册没有此章节 ${request.sectionId} (no such section)`);
          assertVersion(request.expectedVersion, last.version, { zh: '章节', en: 'section' });
          sectionId = last.sectionId;
          version = last.version + 1;
        }
        const row: HandbookSectionEntity = {
          id: randomUUID(),
          sectionId,
          creditCode: input.creditCode,
          version,
          title: request.title,
          body: request.body,
          authorSubject: actor.subject,
          authorName: actor.name,
          writtenAt: new Date(),
        };
        tx.create(HandbookSectionSchema, row);
        return row.id;
      },
    );
    return reread(em, HandbookSectionSchema, id);
  },
};
