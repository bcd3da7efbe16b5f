import { hubError } from '../../../core/errors.js';
import type { Identity, Role } from '../../../core/identity.js';

/**
 * Who works on appeals. Appeals hold what taxpayers and citizens said about themselves and others, so
 * only the tax bureau's own staff (and auditors) read them; the gateway's field policy says the same, and
 * the subgraph checks again so that a direct call cannot bypass it.
 */
export function assertTaxStaff(viewer: Identity | null): Identity {
  if (!viewer || !(viewer.agency === 'tax' || viewer.roles.includes('auditor'))) {
    throw hubError('FORBIDDEN', '诉求仅税务部门人员可见 (appeals are for tax-bureau staff)');
  }
  return viewer;
}

/** A member of staff in one of the roles, acting (never an auditor, who reads only). */
export function assertActingRole(viewer: Identity | null, allowed: readonly Role[], what: string): Identity {
  if (!viewer || viewer.agency !== 'tax' || !allowed.some((role) => viewer.roles.includes(role))) {
    throw hubError('FORBIDDEN', `${what}仅限${allowed.join('、')} (only ${allowed.join(', ')})`);
  }
  return viewer;
}
