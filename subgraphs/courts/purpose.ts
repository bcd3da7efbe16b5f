import { jointMechanismAgencies, type Agency, type Identity } from '../../core/identity.js';
import type { CaseParty, CourtCase } from './entities/index.js';

/** Which agency an authority party is, read from its name (e.g. 国家税务总局巴中市巴州区税务局). */
function authorityAgency(displayName: string): Agency | null {
  if (displayName.includes('税务')) return 'tax';
  if (displayName.includes('人力资源和社会保障')) return 'hrss';
  if (displayName.includes('医疗保障')) return 'medical-insurance';
  return null;
}

/**
 * Whether a viewer's agency takes part in a court case, so the case may serve as the stated purpose of
 * a query for conditionally shared data: the court always; every department of the joint mechanism in a
 * labour dispute; the authority that is a party to an administrative case; the justice bureau's people's
 * mediators while the case is in pre-litigation mediation.
 */
export function takesPart(viewer: Identity, courtCase: CourtCase, parties: CaseParty[]): string | null {
  const agency = viewer.agency;
  if (agency === 'court') return null;
  if (courtCase.type === 'LABOUR_DISPUTE' && jointMechanismAgencies.includes(agency)) return null;
  if (
    courtCase.type === 'ADMINISTRATIVE' &&
    parties.some((p) => p.kind === 'AUTHORITY' && authorityAgency(p.displayName) === agency)
  ) {
    return null;
  }
  if (courtCase.status === 'IN_MEDIATION' && agency === 'justice') return null;
  return `贵部门未参与案件 ${courtCase.caseNumber} (your agency takes no part in this case)`;
}
