// The tax subgraph seeded with the test world's appeals on a fresh database: Table 2 served from the
// legacy figures as the study has it, the hub's own years counted from the seeded appeals, and the
// appeal number sequence continuing after the seeded appeals.
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validReportsByYear } from '../../subgraphs/tax/appeals/history.js';
import { appealNumber, chinaYear, registerAppeal } from '../../subgraphs/tax/appeals/ledger.js';
import { AppealSchema, AppealStepSchema } from '../../subgraphs/tax/entities/index.js';
import { districts } from '../../subgraphs/shared/enums.js';
import { TABLE_TWO, VALID_REPORTS, buildWorld } from '../../subgraphs/shared/demo-world/index.js';
import { startTestSubgraph, type TestSubgraph } from '../support/databases.js';

let subgraph: TestSubgraph;
const em = () => subgraph.runtime.orm.em.fork() as EntityManager;

beforeAll(async () => {
  subgraph = await startTestSubgraph('tax');
});
afterAll(async () => {
  await subgraph?.dispose();
});

describe('seeded appeals (test world)', () => {
  it('serves Table 2 exactly from the legacy figures, and the hub’s years from the appeals', async () => {
    const legacy = await validReportsByYear(em(), 2019, 2024, null);
    const years = [2019, 2020, 2021, 2022, 2023, 2024];
    const expected = years.flatMap((year, i) => [
      ...districts.map((district) => ({
        year,
        district,
        validReports: TABLE_TWO[district][i]!,
        source: 'LEGACY_STATISTICS',
      })),
      {
        year,
        district: null,
        validReports: [425, 340, 291, 282, 315, 225][i]!,
        source: 'LEGACY_STATISTICS',
      },
    ]);
    expect(legacy).toEqual(expected);

    const counted = await validReportsByYear(em(), 2025, 2026, null);
    for (const year of [2025, 2026] as const)
      for (const district of districts)
        expect(counted.find((r) => r.year === year && r.district === district)).toEqual({
          year,
          district,
          validReports: VALID_REPORTS.test[year][district],
          source: 'HUB_APPEALS',
        });
  });

  it('holds every appeal and step, and numbers a new appeal after the seeded ones', async () => {
    const slice = buildWorld('test').tax.appeals;
    expect(await em().count(AppealSchema, {})).toBe(slice.appeals.length);
    expect(await em().count(AppealStepSchema, {})).toBe(slice.steps.length);
    const receivedAt = new Date();
    const { appeal, repeated } = await registerAppeal(em(), {
      channel: 'HOTLINE_12366',
      channelReference: `12366-seed-test-${receivedAt.getTime()}`,
      kind: 'CONSULTATION',
      district: 'ENYANG',
      creditCode: null,
      personId: null,
      appellantName: '测试',
      appellantPhone: '13900000000',
      content: '请问，本月的增值税申报期限是哪天？',
      receivedAt,
      actor: { subject: 'test:appeal-handler', name: '12366 坐席' },
    });
    expect(repeated).toBe(false);
    expect(appeal.number).toBe(appealNumber(chinaYear(receivedAt), slice.lastNumber + 1));
  });
});
