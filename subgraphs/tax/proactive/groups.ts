import { createHash } from 'node:crypto';
import type { ProactiveGroup } from '../entities/proactive.js';

/**
 * The randomised comparison group. Each target's group is decided at planning by a hash of (action id,
 * taxpayer): SHA-256 read as a number in [0, 1), in millionths; below the holdout share the taxpayer is
 * held out (COMPARISON) and never contacted, else REACHED. The action id is a random UUID, so which
 * taxpayers are held out is a fresh random draw for every action and unrelated to anything about them;
 * and anyone can recompute it, so the assignment cannot be bent after the fact. Because both groups are
 * drawn from the same selected population, the comparison group is comparable by construction.
 */

/** The hash of (salt, action id, taxpayer) as millionths, 0–999999. */
export function bucketOf(actionId: string, targetKey: string, salt = 'group'): number {
  const digest = createHash('sha256').update(`${salt}:${actionId}:${targetKey}`, 'utf8').digest();
  return Math.floor((digest.readUInt32BE(0) * 1_000_000) / 0x1_0000_0000);
}

/** COMPARISON when the bucket falls below the holdout share (in thousandths), else REACHED. */
export const groupOf = (bucket: number, holdoutPermille: number): ProactiveGroup =>
  bucket < holdoutPermille * 1000 ? 'COMPARISON' : 'REACHED';

export function assignGroup(
  actionId: string,
  targetKey: string,
  holdoutPermille: number,
): { bucket: number; group: ProactiveGroup } {
  const bucket = bucketOf(actionId, targetKey);
  return { bucket, group: groupOf(bucket, holdoutPermille) };
}

/**
 * At most `max` of the candidates, drawn by another hash of (action id, taxpayer) — independent of the
 * group's — so a capped action is a random subset and its groups are still random within it. The
 * candidates keep their order.
 */
export function drawAtMost<T>(
  actionId: string,
  candidates: readonly T[],
  keyOf: (c: T) => string,
  max: number,
): T[] {
  if (candidates.length <= max) return [...candidates];
  const ranked = candidates
    .map((c, i) => ({ i, rank: bucketOf(actionId, keyOf(c), 'draw'), key: keyOf(c) }))
    .sort((a, b) => a.rank - b.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, max)
    .map((r) => r.i)
    .sort((a, b) => a - b);
  return ranked.map((i) => candidates[i]!);
}
