import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { hubError } from '../../../core/errors.js';
import type { Identity } from '../../../core/identity.js';
import { keysetPage, type Connection } from '../../../subgraphs/shared/pagination.js';
import { assertCreditCode } from '../../../subgraphs/shared/validation.js';
import { AuditEventSchema, type AuditEvent } from '../entities.js';
import type { AuditEventFilter, QueryResolvers } from '../generated/resolvers-types.js';

export type AuditEventConnectionParent = Connection<AuditEvent>;

/**
 * The gateway already refuses the audit fields to a caller without scope audit:read (auditors, who read
 * everything, excepted); the subgraph checks the asserted identity again rather than trust the route.
 */
function assertAuditReader(viewer: Identity | null): void {
  if (viewer && (viewer.scopes.includes('audit:read') || viewer.roles.includes('auditor'))) return;
  throw hubError(
    'FORBIDDEN',
    '仅限持 audit:read 授权的审计人员查看审计记录 (the audit trail needs scope audit:read)',
  );
}

/** The filter as a WHERE: array containment (`@>`, GIN-indexed) for enterprises and persons. */
function whereOf(filter: AuditEventFilter | null | undefined): FilterQuery<AuditEvent> {
  const where: Record<string, unknown> = {};
  if (!filter) return where;
  if (filter.subject) where.subject = filter.subject;
  if (filter.agency) where.agency = filter.agency;
  if (filter.creditCode) where.enterprises = { $contains: [filter.creditCode] };
  if (filter.personId) where.persons = { $contains: [filter.personId] };
  if (filter.operationName) where.operationName = filter.operationName;
  if (filter.outcome) where.outcome = filter.outcome;
  if (filter.from || filter.to) {
    where.at = {
      ...(filter.from ? { $gte: new Date(filter.from) } : {}),
      ...(filter.to ? { $lt: new Date(filter.to) } : {}),
    };
  }
  return where as FilterQuery<AuditEvent>;
}

/** Newest first: keyset on seq descending, one statement per page at any depth. */
const newestFirst = (
  em: EntityManager,
  where: FilterQuery<AuditEvent>,
  list: string,
  first: number | null | undefined,
  after: string | null | undefined,
) => keysetPage(em, AuditEventSchema, where, { list, keys: ['seq'], direction: 'desc', first, after });

export const Query: QueryResolvers = {
  auditEvents: (_parent, { filter, first, after }, { em, viewer }) => {
    assertAuditReader(viewer);
    if (filter?.creditCode) assertCreditCode(filter.creditCode);
    return newestFirst(em, whereOf(filter), 'auditEvents', first, after);
  },
  accessesToPerson: (_parent, { personId, first, after }, { em, viewer }) => {
    assertAuditReader(viewer);
    return newestFirst(em, whereOf({ personId }), 'accessesToPerson', first, after);
  },
  accessesToEnterprise: (_parent, { creditCode, first, after }, { em, viewer }) => {
    assertAuditReader(viewer);
    assertCreditCode(creditCode);
    return newestFirst(em, whereOf({ creditCode }), 'accessesToEnterprise', first, after);
  },
  auditChainStatus: (_parent, _args, { loaders, viewer }) => {
    assertAuditReader(viewer);
    return loaders.chainStatus();
  },
  // The identity the gateway verified and asserted, as it is; null only for an anonymous assertion.
  viewer: (_parent, _args, { viewer }) => viewer,
};
