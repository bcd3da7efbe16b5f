import { hubError } from '../../../core/errors.js';
import type { Identity } from '../../../core/identity.js';
import type { TaxLoaders } from '../loaders.js';

/**
 * Who reaches a service account: the liaisons assigned to the enterprise (liaison_assignment) and the
 * enterprise's own contact (a token bound to its credit code) read all of it. The contact writes only
 * its basic-information form and its ruling requests; the assigned liaisons write the rest. Anyone else —
 * other tax staff, other agencies, auditors — gets FORBIDDEN. (The same rule as the health-check reports.)
 */
export type ServiceRole = 'liaison' | 'contact';

export async function serviceRoleOf(
  viewer: Identity | null,
  creditCode: string,
  loaders: Pick<TaxLoaders, 'assignedEnterprises'>,
): Promise<ServiceRole | null> {
  if (!viewer) return null;
  if (viewer.roles.includes('enterprise-contact')) return viewer.creditCode === creditCode ? 'contact' : null;
  if (viewer.roles.includes('liaison') && viewer.agency === 'tax') {
    return (await loaders.assignedEnterprises.load(viewer.subject)).has(creditCode) ? 'liaison' : null;
  }
  return null;
}

const refused = (message: string) => hubError('FORBIDDEN', message);

/** A reader of the account: an assigned liaison or the enterprise's own contact. */
export async function assertServiceReader(
  viewer: Identity | null,
  creditCode: string,
  loaders: Pick<TaxLoaders, 'assignedEnterprises'>,
): Promise<ServiceRole> {
  const role = await serviceRoleOf(viewer, creditCode, loaders);
  if (!role) {
    throw refused(
      '一户一册服务账户仅限该企业的联络员和企业本身查看 (only the enterprise’s assigned liaisons and the enterprise itself may read its service account)',
    );
  }
  return role;
}

/** A liaison's write: visits, reviews, rulings, agreements, cases, handbook sections. */
export async function assertAssignedLiaison(
  viewer: Identity | null,
  creditCode: string,
  loaders: Pick<TaxLoaders, 'assignedEnterprises'>,
): Promise<Identity> {
  if ((await serviceRoleOf(viewer, creditCode, loaders)) !== 'liaison') {
    throw refused('仅分配给该企业的联络员可办理 (only a liaison assigned to the enterprise may do this)');
  }
  return viewer!;
}

/** The enterprise's own write: its basic-information form. */
export function assertOwnContact(viewer: Identity | null, creditCode: string): Identity {
  if (!viewer?.roles.includes('enterprise-contact') || viewer.creditCode !== creditCode) {
    throw refused(
      '基本信息表由本企业的联系人填报 (only the enterprise’s own contact fills in its basic-information form)',
    );
  }
  return viewer;
}
