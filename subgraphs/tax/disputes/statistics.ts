import type { EntityManager } from '@mikro-orm/postgresql';
import type { Agency } from '../../../core/identity.js';
import type { District } from '../../shared/enums.js';
import { disputeStages, stageTimeLimitDays } from '../../shared/disputes/workflow.js';

export interface DisputeStatistics {
  total: number;
  open: number;
  openByStage: { key: string; count: number }[];
  openByDistrict: { key: string; count: number }[];
  openBySubject: { key: string; count: number }[];
  overdue: number;
  mediationSuccessRate: number | null;
  mediationOutcomes: number;
  medianDaysToResolution: number | null;
  revisits: number;
  satisfactionRate: number | null;
  workload: { agency: Agency; waiting: number; overdue: number; stepsTaken: number }[];
}

/** `true` for a case past its current stage's time limit, as SQL (the limits come from the workflow). */
const overdueSql = `stage_entered_at < now() - (case stage ${disputeStages
  .filter((s) => stageTimeLimitDays[s] !== null)
  .map((s) => `when '${s}' then ${stageTimeLimitDays[s]}`)
  .join(' ')} else null end) * interval '1 day'`;

const OPEN = `stage not in ('CLOSED', 'REVISITED')`;

/**
 * The mechanism's figures over the cases a department takes part in (`agency` null: all cases, for
 * auditors), optionally in one district: four aggregate statements whatever the number of cases.
 */
export async function disputeStatistics(
  em: EntityManager,
  scope: { agency: Agency | null; district: District | null },
): Promise<DisputeStatistics> {
  const db = em.getConnection();
  const where = `(?::text is null or ? = any(c.participants)) and (?::text is null or c.district = ?)`;
  const params = [scope.agency, scope.agency, scope.district, scope.district];
  const [groups, waiting, steps, outcomes] = await Promise.all([
    db.execute<{ stage: string; district: string; subject: string; n: number; overdue: number }[]>(
      `select stage, district, subject, count(*)::int as n, count(*) filter (where ${overdueSql})::int as overdue
         from dispute_case c where ${where} group by stage, district, subject`,
      params,
    ),
    db.execute<{ agency: Agency; n: number; overdue: number }[]>(
      `select w.agency, count(*)::int as n, count(*) filter (where ${overdueSql})::int as overdue
         from dispute_case c cross join unnest(c.waiting_for) as w(agency)
        where ${where} and ${OPEN} group by w.agency`,
      params,
    ),
    db.execute<{ department: Agency; n: number }[]>(
      `select s.department, count(*)::int as n from dispute_step s join dispute_case c on c.id = s.case_id
        where ${where} group by s.department`,
      params,
    ),
    db.execute<
      {
        agreed: number;
        outcomes: number;
        median_days: number | null;
        revisits: number;
        satisfied: number;
      }[]
    >(
      `select count(*) filter (where s.kind = 'MEDIATION_OUTCOME' and s.stage_after = 'AGREED')::int as agreed,
              count(*) filter (where s.kind = 'MEDIATION_OUTCOME')::int as outcomes,
              percentile_cont(0.5) within group (order by extract(epoch from (s.at - c.registered_at)) / 86400)
                filter (where s.kind = 'CLOSE') as median_days,
              count(*) filter (where s.kind = 'REVISIT')::int as revisits,
              count(*) filter (where s.satisfaction in ('SATISFIED', 'BASICALLY_SATISFIED'))::int as satisfied
         from dispute_step s join dispute_case c on c.id = s.case_id
        where ${where} and s.kind in ('MEDIATION_OUTCOME', 'CLOSE', 'REVISIT')`,
      params,
    ),
  ]);
  const openGroups = groups.filter((g) => g.stage !== 'CLOSED' && g.stage !== 'REVISITED');
  const countBy = (key: 'stage' | 'district' | 'subject') => {
    const counts = new Map<string, number>();
    for (const g of openGroups) counts.set(g[key], (counts.get(g[key]) ?? 0) + g.n);
    return [...counts]
      .map(([k, count]) => ({ key: k, count }))
      .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
  };
  const agencies = new Set<Agency>([...waiting.map((w) => w.agency), ...steps.map((s) => s.department)]);
  const outcome = outcomes[0] ?? { agreed: 0, outcomes: 0, median_days: null, revisits: 0, satisfied: 0 };
  return {
    total: groups.reduce((n, g) => n + g.n, 0),
    open: openGroups.reduce((n, g) => n + g.n, 0),
    openByStage: countBy('stage'),
    openByDistrict: countBy('district'),
    openBySubject: countBy('subject'),
    overdue: openGroups.reduce((n, g) => n + g.overdue, 0),
    mediationOutcomes: outcome.outcomes,
    mediationSuccessRate: outcome.outcomes ? outcome.agreed / outcome.outcomes : null,
    medianDaysToResolution:
      outcome.median_days === null ? null : Number(Number(outcome.median_days).toFixed(1)),
    revisits: outcome.revisits,
    satisfactionRate: outcome.revisits ? outcome.satisfied / outcome.revisits : null,
    workload: [...agencies].sort().map((agency) => {
      const w = waiting.find((x) => x.agency === agency);
      return {
        agency,
        waiting: w?.n ?? 0,
        overdue: w?.overdue ?? 0,
        stepsTaken: steps.find((s) => s.department === agency)?.n ?? 0,
      };
    }),
  };
}
