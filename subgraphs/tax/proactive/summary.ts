import type { EntityManager } from '@mikro-orm/postgresql';
import { topicLabel } from '../appeals/topics.js';
import type { ProactiveKind } from '../entities/proactive.js';
import { kindLabels } from './catalogue.js';

/**
 * The figures of proactive work over a period (by the day actions were planned): actions, taxpayers
 * selected, reached and held out, deliveries, by kind (reminders, pushes, packages) and by topic, with the
 * total and the number of package kinds used. One statement with grouping sets.
 */

export interface SummaryRow {
  key: string;
  label: string;
  actions: number;
  sent: number;
  targets: number;
  /** REACHED targets of sent actions: the taxpayers messaged. */
  reached: number;
  comparison: number;
  delivered: number;
  failed: number;
}

export interface ProactiveSummary {
  total: SummaryRow;
  byKind: SummaryRow[];
  byTopic: SummaryRow[];
  packageKinds: number;
}

type Row = Omit<SummaryRow, 'label'> & { by: 'kind' | 'topic' | 'total'; package_kinds: number };

export async function proactiveSummary(
  em: EntityManager,
  period: { start: Date; end: Date },
): Promise<ProactiveSummary> {
  const rows = await em.execute<Row[]>(
    `select case when grouping(a.kind) = 0 then 'kind' when grouping(a.topic) = 0 then 'topic' else 'total' end as by,
            coalesce(a.kind, a.topic, 'ALL') as key,
            count(*)::int as actions,
            count(*) filter (where a.status = 'SENT')::int as sent,
            coalesce(sum(a.target_count), 0)::int as targets,
            coalesce(sum(a.reached_count) filter (where a.status = 'SENT'), 0)::int as reached,
            coalesce(sum(a.comparison_count), 0)::int as comparison,
            coalesce(sum(d.delivered), 0)::int as delivered,
            coalesce(sum(d.failed), 0)::int as failed,
            count(distinct a.package_code)::int as package_kinds
       from proactive_action a
       left join (select action_id, count(*) filter (where outcome = 'DELIVERED') as delivered,
                         count(*) filter (where outcome = 'FAILED') as failed
                    from proactive_delivery group by action_id) d on d.action_id = a.id
      where a.planned_at >= ? and a.planned_at < ?
      group by grouping sets ((a.kind), (a.topic), ())
      order by actions desc, key`,
    [period.start, period.end],
  );
  const shape = ({ by: _by, package_kinds: _p, ...row }: Row, label: string): SummaryRow => ({
    ...row,
    label,
  });
  const total = rows.find((r) => r.by === 'total');
  return {
    total: total
      ? shape(total, '合计 (total)')
      : {
          key: 'ALL',
          label: '合计 (total)',
          actions: 0,
          sent: 0,
          targets: 0,
          reached: 0,
          comparison: 0,
          delivered: 0,
          failed: 0,
        },
    byKind: rows
      .filter((r) => r.by === 'kind')
      .map((r) => shape(r, kindLabels[r.key as ProactiveKind] ?? r.key)),
    byTopic: rows.filter((r) => r.by === 'topic').map((r) => shape(r, topicLabel(r.key))),
    packageKinds: total?.package_kinds ?? 0,
  };
}
