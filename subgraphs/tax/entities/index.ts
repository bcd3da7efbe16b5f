import {
  DisputeCaseCounterSchema,
  DisputeCaseSchema,
  DisputeDocumentSchema,
  DisputePartySchema,
  DisputeStepSchema,
} from './dispute.js';
import { EnterpriseSchema } from './enterprise.js';
import { InternalNoteSchema } from './internal-note.js';
import { LiaisonAssignmentSchema } from './liaison-assignment.js';

export * from './dispute.js';
export * from './enterprise.js';
export * from './internal-note.js';
export * from './liaison-assignment.js';
export const taxEntities = [
  EnterpriseSchema,
  LiaisonAssignmentSchema,
  InternalNoteSchema,
  DisputeCaseSchema,
  DisputePartySchema,
  DisputeStepSchema,
  DisputeCaseCounterSchema,
  DisputeDocumentSchema,
];
