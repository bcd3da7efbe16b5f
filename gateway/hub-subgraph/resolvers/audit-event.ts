import type { AuditEventResolvers, AuditOperationType } from '../generated/resolvers-types.js';

export const AuditEvent: AuditEventResolvers = {
  operationType: ({ operationType }) =>
    operationType ? (operationType.toUpperCase() as AuditOperationType) : null,
  // Stored as jsonb (already masked by the gateway); served as the JSON text.
  variables: ({ variables }) =>
    variables === null || variables === undefined ? null : JSON.stringify(variables),
  fields: ({ fields }) =>
    Object.entries(fields ?? {})
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([subgraph, list]) => ({ subgraph, fields: list })),
  // double precision: MikroORM reads it as a string.
  durationMs: ({ durationMs }) => Number(durationMs),
};
