/**
 * The demo world: one deterministic set of enterprises, employers and persons from which every agency's
 * seed takes its slice, so that five databases agree with each other without sharing a table.
 * Generated dates are relative to a fixed "today", 2026-11-30; nothing reads the clock or Math.random.
 */
import type { Enterprise, InternalNote, LiaisonAssignment } from '../../tax/entities/index.js';
import type { Person } from '../../social-security/entities/person.js';
import type {
  BatchDeduction,
  Contribution,
  EmployerBatchDeduction,
  Enrolment,
  SiArrears,
  SiEmployerAccount,
} from '../../social-security/entities/insurance.js';
import type {
  MiArrears,
  MiEmployerAccount,
  MiEnrolment,
  YearlyPayment,
} from '../../medical-insurance/entities/index.js';
import type { CaseParty, CourtCase } from '../../courts/entities/index.js';
import type { ServicePoint, ServiceRecord } from '../../service-points/entities/index.js';
import { buildBase, scales, type Scale } from './base.js';
import { buildCourts, type CourtsSlice } from './courts.js';
import {
  applyContributionCorrections,
  applyMedicalCorrections,
  buildDisputes,
  type DisputesSlice,
} from './disputes.js';
import { buildMedicalInsurance, type MedicalInsuranceSlice } from './medical-insurance.js';
import { buildPoints, buildServicePoints, type ServicePointsSlice } from './service-points.js';
import { buildSocialSecurity, type SocialSecuritySlice } from './social-security.js';
import { Rng } from './random.js';
import { buildTax } from './tax.js';
import { buildTaxCompliance, type TaxComplianceSlice } from './tax-compliance.js';
import { buildHealthChecks, type HealthChecksSlice } from './health-checks.js';
import { buildServiceAccounts, type ServiceAccountsSlice } from './service-accounts.js';
import { buildProactive, type ProactiveSlice } from './proactive.js';
import { buildQuality, type QualitySlice } from './quality.js';
import { buildLiveQa, type LiveQaSlice } from './live-qa.js';
import { buildAppeals, type AppealsSlice } from './appeals.js';

export type { Scale } from './base.js';
export { SIZES } from './base.js';
export { OUTLET_COUNTS } from './service-points.js';
export { DISPUTE_COUNTS, type DisputesSlice } from './disputes.js';
export { DEDUCTION_REMINDER_MONTH, PUSH_BATCHES, type ProactiveSlice } from './proactive.js';
export { QUALITY_MONTHS, qualityPeriods, type QualitySlice } from './quality.js';
export { LIVE_QA_FIGURES, type LiveQaSlice } from './live-qa.js';
export {
  APPEAL_COUNTS,
  SURGE,
  SURGE as APPEAL_SURGE,
  TABLE_TWO,
  VALID_REPORTS,
  type AppealsSlice,
} from './appeals.js';
export {
  DEMO_LIAISON_NAME,
  SERVICE_COUNTS,
  TEAM_LEAD_SUBJECT,
  type ServiceAccountsSlice,
} from './service-accounts.js';
export {
  CHIEF_LIAISON_COUNT,
  DEMO_LIAISON_SUBJECT,
  chiefLiaisonSubjects,
  generalLiaisonByIndustry,
  generalLiaisonSubjects,
} from './tax.js';

export function isScale(s: string): s is Scale {
  return (scales as readonly string[]).includes(s);
}

export interface World {
  scale: Scale;
  tax: {
    enterprises: Enterprise[];
    /** Which large enterprises each liaison of the large-enterprise team looks after. */
    liaisonAssignments: LiaisonAssignment[];
    /** Internal notes on enterprises, by the staff of several agencies. */
    internalNotes: InternalNote[];
    /** Filings, invoice anomalies, tax owed and risk flags: what the tax health-check indicators read. */
    compliance: TaxComplianceSlice;
    /** A year of quarterly health-check reports of every large enterprise, as issued. */
    healthChecks: HealthChecksSlice;
    /**
     * The one-account-one-handbook service: the team's directory and each large enterprise's account,
     * forms, visits, rulings, agreements, major appeals and group / cross-region cases, handbook sections.
     */
    serviceAccounts: ServiceAccountsSlice;
    /**
     * A year of proactive actions (未诉先办): risk reminders, 31 policy-push batches, the 33 kinds of policy
     * package and the November reminder of October's failed batch deductions, with targets and deliveries.
     */
    proactive: ProactiveSlice;
    /**
     * Service-quality monitoring: the indicator tree, monthly values of the districts and some units, and
     * the rectification tasks their red values raised, in every status.
     */
    quality: QualitySlice;
    /** Live Q&A (巴税巴适): 6 teams of 88 members, 6 studios, 52 sessions held with 3.2 million views. */
    liveQa: LiveQaSlice;
    /** Appeals (税费诉求) from the 23 channels since 2025 with their steps, and Table 2's legacy figures. */
    appeals: AppealsSlice;
  };
  socialSecurity: {
    persons: Person[];
    employerAccounts: SiEmployerAccount[];
    enrolments: Enrolment[];
    contributions: Contribution[];
    arrears: SiArrears[];
    batchDeductions: BatchDeduction[];
    /** Employers' monthly batch deductions (单位社保费批扣), failing over their arrears months. */
    employerBatchDeductions: EmployerBatchDeduction[];
  };
  medicalInsurance: {
    employerAccounts: MiEmployerAccount[];
    enrolments: MiEnrolment[];
    yearlyPayments: YearlyPayment[];
    arrears: MiArrears[];
  };
  courts: { cases: CourtCase[]; parties: CaseParty[] };
  servicePoints: { points: ServicePoint[]; records: ServiceRecord[] };
  /**
   * The joint dispute mechanism's cases: the lead's ledger (tax) and each step's details in the subgraph
   * that records it. The corrections are already applied to `socialSecurity` and `medicalInsurance`.
   */
  disputes: DisputesSlice;
  /** Well-known records for the README's example queries and for tests: they have data in all five agencies. */
  showcase: {
    creditCode: string;
    personId: string;
    caseNumber: string;
    employerInArrearsCreditCode: string;
    /** A dispute case with steps recorded in all five subgraphs (the showcase person's missing periods). */
    disputeCaseNumber: string;
  };
}

/**
 * Builds a world without the cache (tests compare two builds). The shared base is built at once; each
 * agency slice on first access, so seeding one agency at city scale builds only that agency's detail rows.
 */
export function generateWorld(scale: Scale): World {
  const base = buildBase(scale);
  let socialSecurity: SocialSecuritySlice | undefined;
  let medicalInsurance: MedicalInsuranceSlice | undefined;
  let courts: CourtsSlice | undefined;
  let servicePoints: ServicePointsSlice | undefined;
  let points: ServicePoint[] | undefined;
  let disputes: DisputesSlice | undefined;
  const pointsOnce = () => (points ??= buildPoints());
  const disputesOnce = () => (disputes ??= buildDisputes(base, pointsOnce()));
  let compliance: TaxComplianceSlice | undefined;
  let healthChecks: HealthChecksSlice | undefined;
  let serviceAccounts: ServiceAccountsSlice | undefined;
  let proactive: ProactiveSlice | undefined;
  let quality: QualitySlice | undefined;
  let liveQa: LiveQaSlice | undefined;
  let appeals: AppealsSlice | undefined;
  const complianceOnce = () => (compliance ??= buildTaxCompliance(base));
  const world: World = {
    scale,
    tax: {
      enterprises: base.enterprises,
      ...buildTax(base),
      get compliance() {
        return complianceOnce();
      },
      get healthChecks() {
        return (healthChecks ??= buildHealthChecks(
          base,
          complianceOnce(),
          world.courts,
          world.servicePoints.records,
        ));
      },
      get serviceAccounts() {
        return (serviceAccounts ??= buildServiceAccounts(base, world.tax.liaisonAssignments));
      },
      get proactive() {
        return (proactive ??= buildProactive(
          base,
          complianceOnce(),
          world.socialSecurity.employerBatchDeductions,
        ));
      },
      get quality() {
        return (quality ??= buildQuality(scale));
      },
      get liveQa() {
        return (liveQa ??= buildLiveQa());
      },
      get appeals() {
        return (appeals ??= buildAppeals(base));
      },
    },
    get socialSecurity() {
      if (!socialSecurity) {
        socialSecurity = buildSocialSecurity(base);
        const { corrections: applied } = disputesOnce().socialSecurity;
        applyContributionCorrections(
          socialSecurity.contributions,
          applied,
          new Rng(`bazhong-demo-world:${scale}:contribution-corrections`),
        );
      }
      return socialSecurity;
    },
    get medicalInsurance() {
      if (!medicalInsurance) {
        medicalInsurance = buildMedicalInsurance(base);
        const { corrections: applied } = disputesOnce().medicalInsurance;
        applyMedicalCorrections(
          medicalInsurance.yearlyPayments,
          applied,
          new Rng(`bazhong-demo-world:${scale}:medical-corrections`),
        );
      }
      return medicalInsurance;
    },
    get courts() {
      return (courts ??= buildCourts(base));
    },
    get servicePoints() {
      return (servicePoints ??= buildServicePoints(base, pointsOnce()));
    },
    get disputes() {
      return disputesOnce();
    },
    showcase: {
      creditCode: base.showcase.employer.creditCode,
      personId: base.showcase.person.row.personId,
      caseNumber: base.showcase.caseNumber,
      employerInArrearsCreditCode: base.showcase.arrearsEmployer.creditCode,
      get disputeCaseNumber() {
        return disputesOnce().showcaseCaseNumber;
      },
    },
  };
  return world;
}

const worlds = new Map<Scale, World>();

/** Memoised per scale; the same scale always yields identical data. */
export function buildWorld(scale: Scale): World {
  let world = worlds.get(scale);
  if (!world) {
    world = generateWorld(scale);
    worlds.set(scale, world);
  }
  return world;
}
