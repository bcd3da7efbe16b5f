import { hubError } from '../../core/errors.js';
import type { Agency, Identity, Role } from '../../core/identity.js';

/**
 * Row-level rules every subgraph applies to the rows it serves (the gateway's field policy cannot see
 * rows): an enterprise contact sees only its own enterprise and no person's records. The tax subgraph
 * adds the liaison rule below (it holds the assignments).
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

/** Roles that see no more enterprises than a liaison does: with only these, a liaison is limited. */
const noBroaderThanLiaison: readonly Role[] = ['liaison', 'enterprise-contact'];

/**
 * The subject whose assignments limit what the viewer sees, or null when assignments do not limit them:
 * a large-enterprise liaison (大企业税收联络员) with no broader role sees only the enterprises assigned
 * to them. (A liaison who is also, say, an analyst sees what the analyst sees.)
 */
export function liaisonScope(viewer: Identity | null): string | null {
  if (!viewer?.roles.includes('liaison')) return null;
  return viewer.roles.every((role) => noBroaderThanLiaison.includes(role)) ? viewer.subject : null;
}

/** The enterprises assigned to a liaison subject: a per-request DataLoader (one statement per request). */
export interface AssignedEnterprises {
  load(subject: string): Promise<ReadonlySet<string>>;
}

/** `canSeeEnterprise` with the liaison rule: for a liaison, the enterprise must be assigned to them. */
export async function canSeeAssignedEnterprise(
  viewer: Identity | null,
  creditCode: string,
  assigned: AssignedEnterprises,
): Promise<boolean> {
  if (!canSeeEnterprise(viewer, creditCode)) return false;
  const subject = liaisonScope(viewer);
  return subject === null || (await assigned.load(subject)).has(creditCode);
}

export async function assertCanSeeAssignedEnterprise(
  viewer: Identity | null,
  creditCode: string,
  assigned: AssignedEnterprises,
): Promise<void> {
  if (!(await canSeeAssignedEnterprise(viewer, creditCode, assigned))) {
    throw hubError(
      'FORBIDDEN',
      liaisonScope(viewer)
        ? `该企业未分配给您联络，无权查看 (enterprise ${creditCode} is not assigned to you)`
        : `无权查看该企业的数据 (not allowed to see enterprise ${creditCode})`,
    );
  }
}

/**
 * Whose internal notes the viewer reads: their own agency's; every agency's for an auditor (`'all'`);
 * none for an enterprise contact or a caller without identity (null).
 */
export function internalNoteScope(viewer: Identity | null): Agency | 'all' | null {
  if (!viewer || viewer.roles.includes('enterprise-contact') || viewer.agency === 'enterprise') return null;
  return viewer.roles.includes('auditor') ? 'all' : viewer.agency;
}

/**
 * Who may write an internal note on an enterprise: government staff (not an enterprise contact, not an
 * auditor, who only reads), and a liaison only on an enterprise assigned to them.
 */
export async function assertCanWriteInternalNote(
  viewer: Identity | null,
  creditCode: string,
  assigned: AssignedEnterprises,
): Promise<Identity> {
  if (!viewer) throw hubError('UNAUTHENTICATED', '需要身份令牌 (a token is required)');
  if (viewer.roles.includes('enterprise-contact') || viewer.agency === 'enterprise') {
    throw hubError(
      'FORBIDDEN',
      '企业联系人不能填写内部备注 (an enterprise contact may not write internal notes)',
    );
  }
  if (viewer.roles.includes('auditor')) {
    throw hubError('FORBIDDEN', '审计人员只读 (auditors are read-only)');
  }
  await assertCanSeeAssignedEnterprise(viewer, creditCode, assigned);
  return viewer;
}
