// The report builder on a seeded tax database: a report is issued whole or not at all when another
// agency cannot be read, the same key submitted twice at once issues once, and the tax indicators are
// what the compliance records say.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubError } from '../../core/errors.js';
import { buildWorld } from '../../subgraphs/shared/demo-world/index.js';
import type { HealthIndicator } from '../../subgraphs/shared/health/indicators.js';
import { HealthCheckBatchSchema, HealthCheckReportSchema } from '../../subgraphs/tax/entities/index.js';
import { taxIndicatorsOf } from '../../subgraphs/tax/health/indicators.js';
import { issueReports, type IndicatorSource } from '../../subgraphs/tax/health/report.js';
import { startTestSubgraph, type TestSubgraph } from '../support/databases.js';

const world = buildWorld('test');
const large = world.tax.enterprises.filter((e) => e.isLargeEnterprise);
let tax: TestSubgraph;
const em = () => tax.runtime.orm.em.fork() as EntityManager;
const issuer = { subject: 'test:liaison', name: '联络员' };
/** Other agencies answering with nothing to report: enough to issue with the tax indicators alone. */
const quiet: IndicatorSource = async () => new Map<string, HealthIndicator[]>();

beforeAll(async () => {
  tax = await startTestSubgraph('tax');
});
afterAll(async () => tax?.dispose());

describe('issuing health-check reports', () => {
  it('issues nothing when another agency cannot be read, and says so', async () => {
    const before = await em().count(HealthCheckReportSchema);
    const down: IndicatorSource = async () => {
      throw hubError('SUBGRAPH_UNAVAILABLE', '法院子图暂不可用 (courts unavailable)');
    };
    await expect(
      issueReports(em(), {
        creditCodes: large.map((e) => e.creditCode),
        period: '2026-Q4',
        issuer,
        idempotencyKey: randomUUID(),
        source: down,
      }),
    ).rejects.toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE' } });
    expect(await em().count(HealthCheckReportSchema)).toBe(before);
  });

  it('issues once when the same request arrives twice at once', async () => {
    const key = randomUUID();
    const request = {
      creditCodes: large.slice(0, 5).map((e) => e.creditCode),
      period: '2026-Q4',
      issuer,
      idempotencyKey: key,
      source: quiet,
    };
    const [a, b] = await Promise.all([issueReports(em(), request), issueReports(em(), request)]);
    expect([a.repeated, b.repeated].sort()).toEqual([false, true]);
    expect(b.batch.id).toBe(a.batch.id);
    expect(b.reports.map((r) => r.id).sort()).toEqual(a.reports.map((r) => r.id).sort());
    expect(await em().count(HealthCheckBatchSchema, { idempotencyKey: key })).toBe(1);
    expect(await em().count(HealthCheckReportSchema, { batchId: a.batch.id })).toBe(5);
  });

  it('computes the tax indicators from the compliance records', async () => {
    const now = new Date();
    const since = new Date(now.getTime() - 365 * 86_400_000).toISOString().slice(0, 10);
    const today = now.toISOString().slice(0, 10);
    const { filings, invoiceAnomalies, arrears, riskFlags } = world.tax.compliance;
    const byCode = await taxIndicatorsOf(em(), large, now);
    for (const e of large) {
      const value = (code: string) => byCode.get(e.creditCode)!.find((i) => i.code === code)!.value;
      const due = filings.filter((f) => f.creditCode === e.creditCode && f.dueOn >= since && f.dueOn < today);
      const onTime = due.filter((f) => f.filedOn != null && f.filedOn <= f.dueOn).length;
      expect(value('TAX_FILING_TIMELINESS')).toBe(
        due.length ? Math.round((1000 * onTime) / due.length) / 10 : 100,
      );
      expect(value('TAX_INVOICE_ANOMALIES')).toBe(
        invoiceAnomalies.filter((a) => a.creditCode === e.creditCode && a.resolvedOn == null).length,
      );
      const owed = arrears.filter((a) => a.creditCode === e.creditCode && a.paidOn == null);
      expect(value('TAX_OWED')).toBeCloseTo(
        owed.reduce((s, a) => s + Number(a.amount), 0),
        2,
      );
      expect(value('TAX_RISK_FLAGS')).toBe(
        riskFlags.filter((f) => f.creditCode === e.creditCode && f.closedOn == null).length,
      );
    }
  });
});
