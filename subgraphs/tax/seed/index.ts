import type { World } from '../../shared/demo-world/index.js';
import type { SeedTarget } from '../../shared/seeding.js';

/**
 * The tax bureau's slice of the demo world: the enterprise registry, the large-enterprise team's liaison
 * assignments, a few internal notes on the showcase enterprise, and the joint dispute mechanism's ledger
 * (cases, parties, steps, documents, the year's case-number counters), the compliance records behind the
 * health-check indicators, a year of quarterly health-check reports of the large enterprises, and the
 * one-account-one-handbook service (the team's directory and every large enterprise's account), and the
 * appeals (Table 2's legacy figures, every appeal since 2025 with its steps; the number sequence continues
 * after the seeded appeals), and a year of proactive actions (未诉先办) with their targets and deliveries.
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
  const proactive = world.tax.proactive;
  await target.insert('ProactiveAction', proactive.actions);
  await target.insert('ProactiveTarget', proactive.targets);
  await target.insert('ProactiveDelivery', proactive.deliveries);
  // New actions are numbered after the seeded ones.
  if (proactive.lastNumber > 0) {
    await target.execute(`select setval('proactive_action_number_seq', $1)`, [proactive.lastNumber]);
  }
  // Service-quality monitoring: the tree (the table analysts maintain), values, revisions, tasks, steps.
  const quality = world.tax.quality;
  // The migration installed the default tree; the demo's is the same tree with its threshold history.
  await target.execute('delete from quality_indicator');
  await target.insert('QualityIndicator', quality.indicators);
  await target.insert('QualityThresholdChange', quality.thresholdChanges);
  await target.insert('QualityValue', quality.values);
  await target.insert('QualityValueRevision', quality.revisions);
  await target.insert('RectificationTask', quality.tasks);
  await target.insert('RectificationStep', quality.steps);
  // Live Q&A (巴税巴适): teams, members, studios, sessions.
  const liveQa = world.tax.liveQa;
  await target.insert('LiveQaTeam', liveQa.teams);
  await target.insert('LiveQaMember', liveQa.members);
  await target.insert('LiveQaStudio', liveQa.studios);
  await target.insert('LiveQaSession', liveQa.sessions);
  const appeals = world.tax.appeals;
  await target.insert('AppealYearlyFigure', appeals.yearlyFigures);
  await target.insert('Appeal', appeals.appeals);
  await target.insert('AppealStep', appeals.steps);
  await target.execute(`select setval('appeal_number_seq', $1)`, [appeals.lastNumber]);
}
