import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Agency } from '../../core/identity.js';
import type { SubgraphContext } from '../shared/context.js';
import { loaderByKey, loaderOfMany } from '../shared/loaders.js';
import { taxIndicatorLoader } from './health/indicators.js';
import { proactiveLoaders } from './proactive/loaders.js';
import {
  AppealAnalysisReportSchema,
  AppealSchema,
  AppealStepSchema,
  DisputeCaseSchema,
  DisputeDocumentSchema,
  DisputePartySchema,
  DisputeStepSchema,
  EnterpriseSchema,
  HealthCheckReportSchema,
  InternalNoteSchema,
  LiaisonAssignmentSchema,
  type InternalNote,
} from './entities/index.js';
import {
  LiveQaMemberSchema,
  LiveQaSessionSchema,
  LiveQaStudioSchema,
  LiveQaTeamSchema,
  QualityIndicatorSchema,
  QualityThresholdChangeSchema,
  QualityValueRevisionSchema,
  QualityValueSchema,
  RectificationStepSchema,
  RectificationTaskSchema,
} from './entities/index.js';
import {
  AdvanceRulingSchema,
  BasicInfoFormSchema,
  ComplianceAgreementSchema,
  FollowUpSchema,
  HandbookSectionSchema,
  ServiceAccountSchema,
  ServiceCaseSchema,
  ServiceCaseStepSchema,
  ServiceTeamMemberSchema,
  ServiceVisitSchema,
} from './entities/index.js';

/** The credit codes assigned to each liaison subject: one statement for every subject asked in a request. */
function assignedEnterprises(em: EntityManager): DataLoader<string, ReadonlySet<string>> {
  return new DataLoader(async (subjects) => {
    const rows = await em
      .createQueryBuilder(LiaisonAssignmentSchema, 'a')
      .select(['a.liaisonSubject', 'a.creditCode'])
      .where({ liaisonSubject: { $in: [...subjects] } })
      .execute<{ liaison_subject: string; credit_code: string }[]>('all', false);
    const sets = new Map(subjects.map((s) => [s, new Set<string>()]));
    for (const row of rows) sets.get(row.liaison_subject)?.add(row.credit_code);
    return subjects.map((s) => sets.get(s)!);
  });
}

/** The tax subgraph's DataLoaders, built fresh for every request. */
export function createTaxLoaders(em: EntityManager) {
  // One notes loader per reading scope (an agency, or every agency for an auditor); a request has one.
  const notesByScope = new Map<Agency | 'all', DataLoader<string, InternalNote[]>>();
  const enterprise = loaderByKey(em, EnterpriseSchema, 'creditCode');
  return {
    enterprise,
    /** The tax bureau's health-check indicators: four aggregate statements per request. */
    taxHealthIndicators: taxIndicatorLoader(em, enterprise),
    dispute: loaderByKey(em, DisputeCaseSchema, 'id'),
    disputeByNumber: loaderByKey(em, DisputeCaseSchema, 'caseNumber'),
    disputeParties: loaderOfMany(em, DisputePartySchema, 'caseId', { orderBy: { role: 'asc', id: 'asc' } }),
    disputeDocuments: loaderOfMany(em, DisputeDocumentSchema, 'caseId', {
      orderBy: { addedAt: 'asc', id: 'asc' },
    }),
    /** A case's ledger, in order: its timeline. */
    disputeSteps: loaderOfMany(em, DisputeStepSchema, 'caseId', { orderBy: { seq: 'asc' } }),
    assignedEnterprises: assignedEnterprises(em),
    appeal: loaderByKey(em, AppealSchema, 'id'),
    appealByNumber: loaderByKey(em, AppealSchema, 'number'),
    /** Proactive actions (未诉先办): actions, their delivery counts, target pages and deliveries. */
    proactive: proactiveLoaders(em),
    appealAnalysisReport: loaderByKey(em, AppealAnalysisReportSchema, 'id'),
    /** An appeal's steps, in order. */
    appealSteps: loaderOfMany(em, AppealStepSchema, 'appealId', { orderBy: { seq: 'asc' } }),
    healthCheckReport: loaderByKey(em, HealthCheckReportSchema, 'id'),
    /** Issued reports per enterprise, newest first. */
    healthCheckReports: loaderOfMany(em, HealthCheckReportSchema, 'creditCode', {
      orderBy: { issuedAt: 'desc', reportNumber: 'desc' },
    }),
    // The one-account-one-handbook service: one statement per relation per request, whatever the number
    // of enterprises (the handbook of one enterprise costs what the handbooks of many do).
    serviceAccount: loaderByKey(em, ServiceAccountSchema, 'creditCode'),
    /** The liaisons assigned to each enterprise (its team), chief liaisons first. */
    enterpriseLiaisons: loaderOfMany(em, LiaisonAssignmentSchema, 'creditCode', {
      orderBy: { kind: 'asc', assignedOn: 'asc', liaisonSubject: 'asc' },
    }),
    teamMember: loaderByKey(em, ServiceTeamMemberSchema, 'subject'),
    /** Every version of each enterprise's basic-information form, newest first. */
    basicInfoForms: loaderOfMany(em, BasicInfoFormSchema, 'creditCode', { orderBy: { version: 'desc' } }),
    basicInfoForm: loaderByKey(em, BasicInfoFormSchema, 'id'),
    serviceVisits: loaderOfMany(em, ServiceVisitSchema, 'creditCode', {
      orderBy: { heldOn: 'desc', recordedAt: 'desc', id: 'asc' },
    }),
    visitFollowUps: loaderOfMany(em, FollowUpSchema, 'visitId', { orderBy: { seq: 'asc' } }),
    /** Each enterprise's follow-ups, by due date. */
    followUps: loaderOfMany(em, FollowUpSchema, 'creditCode', { orderBy: { dueOn: 'asc', id: 'asc' } }),
    followUp: loaderByKey(em, FollowUpSchema, 'id'),
    advanceRulings: loaderOfMany(em, AdvanceRulingSchema, 'creditCode', {
      orderBy: { requestedAt: 'desc', number: 'desc' },
    }),
    advanceRuling: loaderByKey(em, AdvanceRulingSchema, 'id'),
    complianceAgreements: loaderOfMany(em, ComplianceAgreementSchema, 'creditCode', {
      orderBy: { draftedAt: 'desc', number: 'desc' },
    }),
    complianceAgreement: loaderByKey(em, ComplianceAgreementSchema, 'id'),
    /** Major appeals and group / cross-region cases, newest first. */
    serviceCases: loaderOfMany(em, ServiceCaseSchema, 'creditCode', {
      orderBy: { openedAt: 'desc', number: 'desc' },
    }),
    serviceCase: loaderByKey(em, ServiceCaseSchema, 'id'),
    serviceCaseSteps: loaderOfMany(em, ServiceCaseStepSchema, 'caseId', { orderBy: { seq: 'asc' } }),
    /** Every version of each enterprise's handbook sections, as they were written. */
    handbookSections: loaderOfMany(em, HandbookSectionSchema, 'creditCode', {
      orderBy: { writtenAt: 'asc', version: 'asc', id: 'asc' },
    }),
    // Service-quality monitoring: the tree, values with their revisions, tasks with their steps.
    qualityIndicator: loaderByKey(em, QualityIndicatorSchema, 'code'),
    /** The indicators under each area, in tree order. */
    qualityChildren: loaderOfMany(em, QualityIndicatorSchema, 'parentCode', { orderBy: { position: 'asc' } }),
    thresholdChanges: loaderOfMany(em, QualityThresholdChangeSchema, 'indicatorCode', {
      orderBy: { version: 'asc' },
    }),
    qualityValue: loaderByKey(em, QualityValueSchema, 'id'),
    qualityValueRevisions: loaderOfMany(em, QualityValueRevisionSchema, 'valueId', {
      orderBy: { revision: 'asc' },
    }),
    rectificationTask: loaderByKey(em, RectificationTaskSchema, 'id'),
    /** The task of a value's (indicator, unit, period), by the value's id. */
    rectificationTaskOfValue: loaderByKey(em, RectificationTaskSchema, 'valueId'),
    rectificationSteps: loaderOfMany(em, RectificationStepSchema, 'taskId', { orderBy: { seq: 'asc' } }),
    // Live Q&A (巴税巴适).
    liveQaSession: loaderByKey(em, LiveQaSessionSchema, 'id'),
    liveQaTeam: loaderByKey(em, LiveQaTeamSchema, 'code'),
    liveQaStudio: loaderByKey(em, LiveQaStudioSchema, 'code'),
    liveQaMember: loaderByKey(em, LiveQaMemberSchema, 'id'),
    liveQaTeamMembers: loaderOfMany(em, LiveQaMemberSchema, 'teamCode', { orderBy: { seq: 'asc' } }),
    /** Internal notes per credit code, newest first, of one agency's authors (or all agencies'). */
    internalNotes(scope: Agency | 'all'): DataLoader<string, InternalNote[]> {
      let loader = notesByScope.get(scope);
      if (!loader) {
        loader = loaderOfMany(em, InternalNoteSchema, 'creditCode', {
          where: scope === 'all' ? {} : { agency: scope },
          orderBy: { createdAt: 'desc', id: 'desc' },
        });
        notesByScope.set(scope, loader);
      }
      return loader;
    },
  };
}

export type TaxLoaders = ReturnType<typeof createTaxLoaders>;
export type TaxContext = SubgraphContext<TaxLoaders>;
