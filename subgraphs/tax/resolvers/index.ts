import type { Resolvers } from '../generated/resolvers-types.js';
import { Dispute, DisputeDocument, DisputeStep } from './dispute.js';
import { Enterprise } from './enterprise.js';
import { HealthCheckBatch, HealthCheckReport, HealthIndicator } from './health-check.js';
import { Mutation } from './mutation.js';
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
  Query,
  Mutation,
  Enterprise,
  Dispute,
  DisputeStep,
  DisputeDocument,
  HealthCheckReport,
  HealthCheckBatch,
  HealthIndicator,
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
