import { EnterpriseSchema } from './enterprise.js';
import { InternalNoteSchema } from './internal-note.js';
import { LiaisonAssignmentSchema } from './liaison-assignment.js';

export * from './enterprise.js';
export * from './internal-note.js';
export * from './liaison-assignment.js';
export const taxEntities = [EnterpriseSchema, LiaisonAssignmentSchema, InternalNoteSchema];
