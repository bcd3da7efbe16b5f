import { AppealSchema, AppealStepSchema, AppealYearlyFigureSchema } from './appeal.js';
import { AppealAnalysisReportSchema, GovernanceGuideSchema } from './appeal-analysis.js';
import {
  DisputeCaseCounterSchema,
  DisputeCaseSchema,
  DisputeDocumentSchema,
  DisputePartySchema,
  DisputeStepSchema,
} from './dispute.js';
import { InvoiceAnomalySchema, RiskFlagSchema, TaxArrearsSchema, TaxFilingSchema } from './compliance.js';
import { EnterpriseSchema } from './enterprise.js';
import { HealthCheckBatchSchema, HealthCheckCounterSchema, HealthCheckReportSchema } from './health-check.js';
import { InternalNoteSchema } from './internal-note.js';
import { LiaisonAssignmentSchema } from './liaison-assignment.js';
import { ProactiveActionSchema, ProactiveDeliverySchema, ProactiveTargetSchema } from './proactive.js';
import {
  LiveQaMemberSchema,
  LiveQaRequestSchema,
  LiveQaSessionSchema,
  LiveQaStudioSchema,
  LiveQaTeamSchema,
} from './live-qa.js';
import {
  QualityIndicatorSchema,
  QualityRequestSchema,
  QualityThresholdChangeSchema,
  QualityValueRevisionSchema,
  QualityValueSchema,
  RectificationStepSchema,
  RectificationTaskSchema,
} from './quality.js';
import {
  AdvanceRulingSchema,
  BasicInfoFormSchema,
  ComplianceAgreementSchema,
  FollowUpSchema,
  HandbookSectionSchema,
  ServiceAccountSchema,
  ServiceCaseSchema,
  ServiceCaseStepSchema,
  ServiceNumberCounterSchema,
  ServiceRequestSchema,
  ServiceTeamMemberSchema,
  ServiceVisitSchema,
} from './service-account.js';

export * from './appeal.js';
export * from './appeal-analysis.js';
export * from './compliance.js';
export * from './dispute.js';
export * from './enterprise.js';
export * from './health-check.js';
export * from './internal-note.js';
export * from './liaison-assignment.js';
export * from './proactive.js';
export * from './live-qa.js';
export * from './quality.js';
export * from './service-account.js';
export const taxEntities = [
  EnterpriseSchema,
  LiaisonAssignmentSchema,
  InternalNoteSchema,
  DisputeCaseSchema,
  DisputePartySchema,
  DisputeStepSchema,
  DisputeCaseCounterSchema,
  DisputeDocumentSchema,
  TaxFilingSchema,
  InvoiceAnomalySchema,
  TaxArrearsSchema,
  RiskFlagSchema,
  HealthCheckReportSchema,
  HealthCheckBatchSchema,
  HealthCheckCounterSchema,
  ServiceTeamMemberSchema,
  ServiceAccountSchema,
  BasicInfoFormSchema,
  ServiceVisitSchema,
  FollowUpSchema,
  AdvanceRulingSchema,
  ComplianceAgreementSchema,
  ServiceCaseSchema,
  ServiceCaseStepSchema,
  HandbookSectionSchema,
  ServiceRequestSchema,
  ServiceNumberCounterSchema,
  AppealSchema,
  AppealStepSchema,
  AppealYearlyFigureSchema,
  AppealAnalysisReportSchema,
  GovernanceGuideSchema,
  QualityIndicatorSchema,
  QualityThresholdChangeSchema,
  QualityValueSchema,
  QualityValueRevisionSchema,
  RectificationTaskSchema,
  RectificationStepSchema,
  QualityRequestSchema,
  LiveQaTeamSchema,
  LiveQaMemberSchema,
  LiveQaStudioSchema,
  LiveQaSessionSchema,
  LiveQaRequestSchema,
  ProactiveActionSchema,
  ProactiveTargetSchema,
  ProactiveDeliverySchema,
];
