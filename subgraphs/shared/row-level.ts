import { hubError } from '../../core/errors.js';
import type { Identity } from '../../core/identity.js';

/**
 * Row-level rules every subgraph applies to the rows it serves (the gateway's field policy cannot see
 * rows): an enterprise contact sees only its own enterprise and no person's records.
 */
export function canSeeEnterprise(viewer: Identity | null, creditCode: string): boolean {
  if (!viewer) return false;
  return !viewer.roles.includes('enterprise-contact') || viewer.creditCode === creditCode;
}

export function canSeePersons(viewer: Identity | null): boolean {
  return Boolean(viewer) && !viewer!.roles.includes('enterprise-contact');
}

export function assertCanSeeEnterprise(viewer: Identity | null, creditCode: string): void {
  if (!canSeeEnterprise(viewer, creditCode)) {
    throw hubError('FORBIDDEN', `无权查看该企业的数据 (not allowed to see enterprise ${creditCode})`);
  }
}

export function assertCanSeePersons(viewer: Identity | null): void {
  if (!canSeePersons(viewer))
    throw hubError('FORBIDDEN', '无权查看个人数据 (not allowed to see personal data)');
}

/** An entity reference the viewer may see, else null: the other agencies' fields of it stay null. */
export const visibleEnterpriseRef = <T extends { creditCode: string }>(
  ref: T,
  viewer: Identity | null,
): T | null => (canSeeEnterprise(viewer, ref.creditCode) ? ref : null);

export const visiblePersonRef = <T extends { personId: string }>(
  ref: T,
  viewer: Identity | null,
): T | null => (canSeePersons(viewer) ? ref : null);
