import type { World } from '../../shared/demo-world/index.js';
import type { SeedTarget } from '../../shared/seeding.js';

/**
 * The tax bureau's slice of the demo world: the enterprise registry, the large-enterprise team's liaison
 * assignments, a few internal notes on the showcase enterprise, and the joint dispute mechanism's ledger
 * (cases, parties, steps, documents, the year's case-number counters), the compliance records behind the
 * health-check indicators, a year of quarterly health-check reports of the large enterprises, and the
 * one-account-one-handbook service (the team's directory and every large enterprise's account).
 */
export async function seedTax(target: SeedTarget, world: World): Promise<void> {
  await target.insert('Enterprise', world.tax.enterprises);
  await target.insert('LiaisonAssignment', world.tax.liaisonAssignments);
  await target.insert('InternalNote', world.tax.internalNotes);
  const { cases, parties, steps, documents, counters } = world.disputes.tax;
  await target.insert('DisputeCase', cases);
  await target.insert('DisputeParty', parties);
  await target.insert('DisputeStep', steps);
  await target.insert('DisputeDocument', documents);
  await target.insert('DisputeCaseCounter', counters);
  const { filings, invoiceAnomalies, arrears, riskFlags } = world.tax.compliance;
  await target.insert('TaxFiling', filings);
  await target.insert('InvoiceAnomaly', invoiceAnomalies);
  await target.insert('TaxArrears', arrears);
  await target.insert('RiskFlag', riskFlags);
  const { reports, batches, counters: reportCounters } = world.tax.healthChecks;
  await target.insert('HealthCheckReport', reports);
  await target.insert('HealthCheckBatch', batches);
  await target.insert('HealthCheckCounter', reportCounters);
  const service = world.tax.serviceAccounts;
  await target.insert('ServiceTeamMember', service.teamMembers);
  await target.insert('ServiceAccount', service.accounts);
  await target.insert('BasicInfoForm', service.forms);
  await target.insert('ServiceVisit', service.visits);
  await target.insert('FollowUp', service.followUps);
  await target.insert('AdvanceRuling', service.rulings);
  await target.insert('ComplianceAgreement', service.agreements);
  await target.insert('ServiceCase', service.cases);
  await target.insert('ServiceCaseStep', service.caseSteps);
  await target.insert('HandbookSection', service.handbookSections);
  await target.insert('ServiceNumberCounter', service.counters);
}
