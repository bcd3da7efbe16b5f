import type { Resolvers } from '../generated/resolvers-types.js';
import { Dispute, DisputeDocument, DisputeStep } from './dispute.js';
import { Enterprise } from './enterprise.js';
import { HealthCheckBatch, HealthCheckReport, HealthIndicator } from './health-check.js';
import { Mutation } from './mutation.js';
import { Query } from './query.js';

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
};
