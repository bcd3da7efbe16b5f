import type { Resolvers } from '../generated/resolvers-types.js';
import { AuditEvent } from './audit-event.js';
import { Query } from './query.js';
import { Viewer } from './viewer.js';

/** One file per GraphQL type, listed here by name. */
export const resolvers: Resolvers = { Query, AuditEvent, Viewer };
