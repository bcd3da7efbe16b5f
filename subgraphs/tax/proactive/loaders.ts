import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { loaderByKey } from '../../shared/loaders.js';
import {
  ProactiveActionSchema,
  ProactiveDeliverySchema,
  ProactiveTargetSchema,
  type ProactiveGroup,
  type ProactiveTarget,
} from '../entities/proactive.js';

/**
 * The proactive actions' loaders, built per request with the tax subgraph's others: one statement per
 * relation per request, whatever the number of actions or targets.
 */

export interface DeliveryCounts {
  delivered: number;
  failed: number;
}

/** Delivered and failed counts of each action: one grouped statement for all actions asked. */
function deliveryCounts(em: EntityManager): DataLoader<string, DeliveryCounts> {
  return new DataLoader(async (actionIds) => {
    const rows = await em.execute<{ action_id: string; delivered: number; failed: number }[]>(
      `select action_id, count(*) filter (where outcome = 'DELIVERED')::int as delivered,
              count(*) filter (where outcome = 'FAILED')::int as failed
         from proactive_delivery where action_id in (?) group by action_id`,
      [[...actionIds]],
    );
    const byAction = new Map(rows.map((r) => [r.action_id, { delivered: r.delivered, failed: r.failed }]));
    return actionIds.map((id) => byAction.get(id) ?? { delivered: 0, failed: 0 });
  });
}

export interface TargetPage {
  group: ProactiveGroup | null;
  first: number;
  /** The sequence number after which the page starts (0: from the first). */
  afterSeq: number;
}

/**
 * One page of targets per action (`first + 1` rows, to tell whether more follow): a lateral join takes
 * each action's rows from the (action_id, seq) index, one statement for every action of the request.
 */
function targetPages(em: EntityManager, page: TargetPage): DataLoader<string, ProactiveTarget[]> {
  return new DataLoader(async (actionIds) => {
    const rows = await em.execute<Record<string, unknown>[]>(
      `select t.* from unnest(array[?]::uuid[]) as k(action_id)
       cross join lateral (
         select * from proactive_target t
          where t.action_id = k.action_id and t.seq > ? and (?::text is null or t.assigned_group = ?)
          order by t.seq limit ?
       ) t`,
      [[...actionIds], page.afterSeq, page.group, page.group, page.first + 1],
    );
    const groups = new Map<string, ProactiveTarget[]>(actionIds.map((id) => [id, []]));
    for (const row of rows) {
      const target = em.map(ProactiveTargetSchema, row);
      groups.get(target.actionId)?.push(target);
    }
    return actionIds.map((id) => groups.get(id) ?? []);
  });
}

export function proactiveLoaders(em: EntityManager) {
  const pages = new Map<string, DataLoader<string, ProactiveTarget[]>>();
  return {
    action: loaderByKey(em, ProactiveActionSchema, 'id'),
    deliveryCounts: deliveryCounts(em),
    /** A target's delivery (at most one). */
    delivery: loaderByKey(em, ProactiveDeliverySchema, 'targetId'),
    /** One loader per distinct page asked for in the request, so each batch shares its limit. */
    targets(page: TargetPage): DataLoader<string, ProactiveTarget[]> {
      const key = JSON.stringify(page);
      let loader = pages.get(key);
      if (!loader) {
        loader = targetPages(em, page);
        pages.set(key, loader);
      }
      return loader;
    },
  };
}
