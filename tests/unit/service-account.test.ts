// The service account's rules without a database: the state machines, an agreement's and a ruling's
// status as read on a day, the open matters' order, the policy catalogue's selection by industry and size,
// and Beijing calendar days.
import { describe, expect, it } from 'vitest';
import { industries } from '../../subgraphs/tax/entities/index.js';
import type { AdvanceRuling, ComplianceAgreement, FollowUp } from '../../subgraphs/tax/entities/index.js';
import { openMattersOf } from '../../subgraphs/tax/resolvers/service-account-handbook.js';
import { addDays, beijingToday, isCalendarDate } from '../../subgraphs/tax/service-account/calendar.js';
import { policiesFor, policyCatalogue } from '../../subgraphs/tax/service-account/policies.js';
import {
  agreementExpiredOn,
  agreementStatus,
  agreementTransitions,
  assertTransition,
  caseSteps,
  formTransitions,
  rulingInForce,
  rulingTransitions,
} from '../../subgraphs/tax/service-account/workflows.js';

const codeOf = (run: () => void) => {
  try {
    run();
    return 'allowed';
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
};
const what = { zh: '记录', en: 'record' };

describe('the state machines', () => {
  const machines = {
    form: formTransitions,
    ruling: rulingTransitions,
    agreement: agreementTransitions,
  } as const;
  for (const [name, machine] of Object.entries(machines) as [string, Record<string, readonly string[]>][]) {
    it(`${name}: allows exactly the listed moves, refusing the rest with INVALID_TRANSITION`, () => {
      const states = Object.keys(machine);
      for (const from of states) {
        for (const to of states) {
          expect(
            codeOf(() => assertTransition(machine, from, to, what)),
            `${from} → ${to}`,
          ).toBe(machine[from]!.includes(to) ? 'allowed' : 'INVALID_TRANSITION');
        }
      }
    });
  }

  it('moves a ruling requested → under review → issued or declined, and an agreement draft → signed → active → expired', () => {
    expect(rulingTransitions).toEqual({
      REQUESTED: ['UNDER_REVIEW'],
      UNDER_REVIEW: ['ISSUED', 'DECLINED'],
      ISSUED: [],
      DECLINED: [],
    });
    expect(agreementTransitions).toEqual({
      DRAFT: ['SIGNED'],
      SIGNED: ['ACTIVE'],
      ACTIVE: ['EXPIRED'],
      EXPIRED: [],
    });
  });

  it('takes a case from acceptance through its steps to the revisit, and nowhere else', () => {
    expect(caseSteps.ACCEPT.from).toEqual([null]);
    const replay = (kinds: (keyof typeof caseSteps)[]) =>
      kinds.reduce<string | null>((status, kind) => {
        if (!caseSteps[kind].from.includes(status as never)) throw new Error(`${kind} after ${status}`);
        return caseSteps[kind].to;
      }, null);
    expect(replay(['ACCEPT', 'PROGRESS', 'COORDINATE', 'RESPOND', 'RESOLVE', 'REVISIT'])).toBe('CLOSED');
    expect(replay(['ACCEPT', 'RESPOND', 'RESOLVE'])).toBe('RESOLVED');
    expect(() => replay(['ACCEPT', 'RESOLVE'])).toThrow();
    expect(() => replay(['ACCEPT', 'PROGRESS', 'RESOLVE', 'REVISIT', 'PROGRESS'])).toThrow();
  });
});

describe('status as read on a day', () => {
  const agreement = (
    status: ComplianceAgreement['status'],
    endsOn: string,
    expiredOn: string | null = null,
  ) => ({ status, endsOn, expiredOn }) as ComplianceAgreement;

  it('reads an active agreement past its end date as expired, on the day after', () => {
    expect(agreementStatus(agreement('ACTIVE', '2026-11-30'), '2026-11-30')).toBe('ACTIVE');
    expect(agreementStatus(agreement('ACTIVE', '2026-11-30'), '2026-12-01')).toBe('EXPIRED');
    expect(agreementExpiredOn(agreement('ACTIVE', '2026-11-30'), '2026-12-01')).toBe('2026-11-30');
    expect(agreementExpiredOn(agreement('ACTIVE', '2026-11-30'), '2026-11-30')).toBeNull();
    // Only an active one: a signed agreement never activated stays signed.
    expect(agreementStatus(agreement('SIGNED', '2026-01-31'), '2026-12-01')).toBe('SIGNED');
    expect(agreementExpiredOn(agreement('EXPIRED', '2027-12-31', '2026-10-09'), '2026-12-01')).toBe(
      '2026-10-09',
    );
  });

  it('has an issued ruling in force from its first to its last valid day', () => {
    const ruling = (status: AdvanceRuling['status']) =>
      ({ status, validFrom: '2026-01-01', validUntil: '2026-12-31' }) as AdvanceRuling;
    expect(rulingInForce(ruling('ISSUED'), '2025-12-31')).toBe(false);
    expect(rulingInForce(ruling('ISSUED'), '2026-01-01')).toBe(true);
    expect(rulingInForce(ruling('ISSUED'), '2026-12-31')).toBe(true);
    expect(rulingInForce(ruling('ISSUED'), '2027-01-01')).toBe(false);
    expect(rulingInForce(ruling('DECLINED'), '2026-06-01')).toBe(false);
  });

  it('lists open matters overdue first, then the oldest, and leaves out what is done or decided', () => {
    const followUp = (id: string, dueOn: string, status: FollowUp['status'] = 'OPEN') =>
      ({ id, dueOn, status, description: id, owner: '王' }) as FollowUp;
    const matters = openMattersOf(
      {
        followUps: [
          followUp('late', '2026-11-01'),
          followUp('soon', '2026-12-20'),
          followUp('done', '2026-10-01', 'DONE'),
        ],
        rulings: [
          {
            id: 'r1',
            status: 'UNDER_REVIEW',
            number: '巴税裁〔2026〕0001号',
            topic: 't',
            requestedAt: new Date('2026-10-10T02:00:00Z'),
            reviewerName: '李明',
          },
          {
            id: 'r2',
            status: 'ISSUED',
            number: 'n',
            topic: 't',
            requestedAt: new Date('2026-01-01T02:00:00Z'),
          },
        ] as AdvanceRuling[],
        cases: [],
        forms: [],
      },
      '2026-12-01',
    );
    expect(matters.map((m) => [m.referenceId, m.overdue])).toEqual([
      ['late', true],
      ['r1', false],
      ['soon', false],
    ]);
  });
});

describe('the preferential policy catalogue', () => {
  it('holds unique codes, each resting on a named document', () => {
    expect(new Set(policyCatalogue.map((p) => p.code)).size).toBe(policyCatalogue.length);
    for (const p of policyCatalogue) {
      expect(p.document, p.code).toMatch(/^《[^》]+》/);
      // A document number (公告2023年第7号, 财税〔2016〕52号 …) or an article of a law or regulation.
      expect(p.document, p.code).toMatch(/(公告20\d\d年第\d+号|〔20\d\d〕\d+号|第[一二三四五六七八九十]+条)/);
      expect(p.benefit.length && p.conditions.length && p.validity.length, p.code).toBeTruthy();
    }
  });

  it('selects by industry and size', () => {
    const codes = (industry: (typeof industries)[number], size: 'LARGE' | 'SMALL_MICRO' = 'LARGE') =>
      policiesFor(industry, size).map((p) => p.code);
    expect(codes('MANUFACTURING')).toEqual(
      expect.arrayContaining([
        'RD_SUPER_DEDUCTION',
        'ADVANCED_MANUFACTURING_VAT_CREDIT',
        'VAT_CREDIT_REFUND',
      ]),
    );
    // The R&D super deduction's negative list (财税〔2015〕119号).
    for (const industry of [
      'WHOLESALE_RETAIL',
      'ACCOMMODATION_CATERING',
      'REAL_ESTATE',
      'BUSINESS_SERVICES',
    ] as const) {
      expect(codes(industry)).not.toContain('RD_SUPER_DEDUCTION');
    }
    expect(codes('CONSTRUCTION')).not.toContain('ADVANCED_MANUFACTURING_VAT_CREDIT');
    expect(codes('CONSTRUCTION')).not.toContain('INFRASTRUCTURE_CIT');
    expect(codes('REAL_ESTATE')).toContain('ORDINARY_HOUSING_LAND_VAT');
    expect(codes('FINANCE')).toEqual(
      expect.arrayContaining(['MICRO_LOAN_INTEREST_VAT', 'FARMER_LOAN_INTEREST_VAT']),
    );
    expect(codes('MINING')).toContain('RESOURCE_TAX_REDUCTION');
    // Size: small-enterprise policies never reach a large enterprise's handbook.
    for (const industry of industries) {
      expect(codes(industry)).not.toContain('SMALL_LOW_PROFIT_CIT');
      expect(codes(industry)).not.toContain('SIX_TAXES_TWO_FEES');
      expect(codes(industry, 'SMALL_MICRO')).toContain('SMALL_LOW_PROFIT_CIT');
      expect(codes(industry).length, industry).toBeGreaterThanOrEqual(3);
    }
    expect(policiesFor('MANUFACTURING', 'LARGE')[0]!.reason).toMatch(/制造业/);
  });
});

describe('Beijing calendar days', () => {
  it('turns at midnight in Beijing, not UTC', () => {
    expect(beijingToday(new Date('2026-12-05T15:59:00Z'))).toBe('2026-12-05');
    expect(beijingToday(new Date('2026-12-05T16:00:00Z'))).toBe('2026-12-06');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-2-3')).toBe(false);
  });
});
