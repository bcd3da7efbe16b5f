// Plausible audit records for the tests and the fixture processes.
import type { AuditAppendInput } from '../../gateway/audit/store.js';

export function sampleRecord(i: number, overrides: Partial<AuditAppendInput> = {}): AuditAppendInput {
  return {
    at: new Date(),
    subject: `officer-${i % 7}`,
    subjectName: '张三',
    agency: 'tax',
    roles: ['analyst', 'liaison'],
    clientAddress: '10.0.0.' + (i % 250),
    operationName: 'EnterpriseAcrossAgencies',
    operationType: 'query',
    documentHash: 'ab'.repeat(32),
    variables: { creditCode: '91511900MA62XXXXXX', first: 10 + i },
    fields: { tax: ['Query.enterprise', 'Enterprise.name'], courts: ['Enterprise.courtCases'] },
    enterprises: ['91511900MA62XXXXXX'],
    persons: [],
    purpose: '欠费协同核查 (arrears follow-up)',
    outcome: 'SERVED',
    errorCodes: [],
    durationMs: 12.5 + i,
    ...overrides,
  };
}
