import { hubError } from '../../../core/errors.js';
import type { Identity } from '../../../core/identity.js';
import type { DisputeCase } from '../entities/index.js';

/**
 * Who sees a dispute case: the departments taking part (taking part is the purpose for the parties'
 * personal data) and auditors. A department outside the case sees nothing of it, not even that it exists
 * in a list.
 */
export function canSeeDispute(viewer: Identity | null, dispute: DisputeCase): boolean {
  if (!viewer) return false;
  return viewer.roles.includes('auditor') || dispute.participants.includes(viewer.agency);
}

export function assertCanSeeDispute(viewer: Identity | null, dispute: DisputeCase): void {
  if (!canSeeDispute(viewer, dispute)) {
    throw hubError('FORBIDDEN', '本部门未参与该案件 (your department does not take part in this case)');
  }
}

/** The actor of a step: a member of staff of a government department, never an enterprise or auditor. */
export function assertCanActOnDisputes(viewer: Identity | null): Identity {
  if (!viewer || viewer.agency === 'enterprise' || viewer.agency === 'hub') {
    throw hubError(
      'FORBIDDEN',
      '仅联合机制部门的工作人员可办理 (only staff of the mechanism’s departments act on cases)',
    );
  }
  return viewer;
}
