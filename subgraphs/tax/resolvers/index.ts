import type { Resolvers } from '../generated/resolvers-types.js';
import { agencyEnumValues } from '../../shared/health/agency-enum.js';
import { Appeal, AppealClassification, AppealStep } from './appeal.js';
import { GovernanceGuide } from './appeal-analysis.js';
import { Dispute } from './dispute.js';
import { Enterprise } from './enterprise.js';
import { HealthCheckBatch, HealthCheckReport } from './health-check.js';
import { LiveQaMember, LiveQaSession, LiveQaTeam, LiveQaTeamFigures } from './live-qa.js';
import { Mutation } from './mutation.js';
import {
  QualityIndicator,
  QualityThresholdChange,
  QualityValue,
  QualityValueRevision,
  RectificationStep,
  RectificationTask,
} from './quality.js';
import {
  PolicyPackageInfo,
  ProactiveAction,
  ProactiveEffect,
  ProactiveEffectGroup,
  ProactiveRuleParameters,
  ProactiveTarget,
} from './proactive.js';
import { Query } from './query.js';
import { AssignedLiaison, ContactCard, ContactPerson, ServiceAccount } from './service-account.js';
import { ComplianceAgreement } from './service-account-agreements.js';
import { ServiceCase } from './service-account-cases.js';
import { BasicInfoForm } from './service-account-forms.js';
import { HandbookSection, HandbookSectionVersion, ServiceHandbook } from './service-account-handbook.js';
import { AdvanceRuling } from './service-account-rulings.js';
import { FollowUp, ServiceVisit } from './service-account-visits.js';

/** One file per GraphQL type, listed here by name. */
export const resolvers: Resolvers = {
  // The SDL's upper-case agencies are core/identity's ids in resolvers (codegen.ts enumValues).
  Agency: agencyEnumValues,
  Query,
  Mutation,
  Enterprise,
  Dispute,
  Appeal,
  AppealClassification,
  AppealStep,
  ProactiveAction,
  ProactiveRuleParameters,
  ProactiveTarget,
  ProactiveEffect,
  ProactiveEffectGroup,
  PolicyPackageInfo,
  QualityIndicator,
  QualityThresholdChange,
  QualityValue,
  QualityValueRevision,
  RectificationTask,
  RectificationStep,
  LiveQaSession,
  LiveQaTeam,
  LiveQaMember,
  LiveQaTeamFigures,
  GovernanceGuide,
  HealthCheckReport,
  HealthCheckBatch,
  ServiceAccount,
  ContactCard,
  ContactPerson,
  AssignedLiaison,
  BasicInfoForm,
  ServiceVisit,
  FollowUp,
  AdvanceRuling,
  ComplianceAgreement,
  ServiceCase,
  ServiceHandbook,
  HandbookSection,
  HandbookSectionVersion,
};
