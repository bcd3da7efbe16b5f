import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { operationTypes, outcomes } from '../audit/record.js';

/**
 * The gateway's audit trail (table `audit_event`, created by `ensureAuditSchema` in gateway/audit/schema.ts),
 * mapped read-only: the hub subgraph only reads it. Records are appended by the audit store alone, and the
 * table's triggers refuse any update or delete.
 */
export const AuditEventSchema = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_event',
  readonly: true,
  properties: {
    /** bigint, read as a string. */
    seq: p.bigint('string').primary(),
    at: p.datetime(),
    subject: p.text().nullable(),
    subjectName: p.text().nullable(),
    agency: p.text().nullable(),
    roles: p.array(),
    clientAddress: p.text().nullable(),
    operationName: p.text().nullable(),
    operationType: p.enum([...operationTypes]).nullable(),
    documentHash: p.text().nullable(),
    variables: p.json<unknown>().nullable(),
    fields: p.json<Record<string, string[]>>(),
    enterprises: p.array(),
    persons: p.array(),
    purpose: p.text().nullable(),
    outcome: p.enum([...outcomes]),
    errorCodes: p.array(),
    durationMs: p.double(),
    gatewayInstance: p.text(),
    prevHash: p.text(),
    hash: p.text(),
    hashAlgorithm: p.text(),
  },
});
export type AuditEvent = InferEntity<typeof AuditEventSchema>;

export const hubEntities = [AuditEventSchema];
