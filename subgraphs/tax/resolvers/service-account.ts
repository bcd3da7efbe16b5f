import { badInput } from '../../../core/errors.js';
import { maskPhone } from '../../../core/identifiers.js';
import type {
  BasicInfoContent,
  BasicInfoForm,
  Enterprise,
  LiaisonAssignment,
  ServiceAccount as ServiceAccountEntity,
  ServiceTeamMember,
} from '../entities/index.js';
import type {
  AssignedLiaisonResolvers,
  ContactCardResolvers,
  ContactPersonResolvers,
  EnterpriseResolvers,
  GroupFacts,
  ServiceAccountResolvers,
} from '../generated/resolvers-types.js';
import type { TaxLoaders } from '../loaders.js';
import { assertServiceReader } from '../service-account/access.js';

/**
 * The one-account-one-handbook service account (一户一册) of a large enterprise: `Enterprise.serviceAccount`
 * and what hangs off it. Access is checked once, on `Enterprise.serviceAccount`; every relation below
 * loads through a per-request DataLoader keyed by credit code, so the accounts of a whole page cost the
 * statements of one.
 */

/** An account with its enterprise (name, industry and tax office are the registry's). */
export interface ServiceAccountParent {
  account: ServiceAccountEntity;
  enterprise: Enterprise;
}

/** An assignment with the liaison's directory entry (null for a subject not in the directory). */
export interface AssignedLiaisonParent {
  assignment: LiaisonAssignment;
  member: ServiceTeamMember | null;
}

/** The liaisons assigned to an enterprise, chief liaisons first. */
export async function teamOf(creditCode: string, loaders: TaxLoaders): Promise<AssignedLiaisonParent[]> {
  const assignments = await loaders.enterpriseLiaisons.load(creditCode);
  const members = await Promise.all(assignments.map((a) => loaders.teamMember.load(a.liaisonSubject)));
  return assignments.map((assignment, i) => ({ assignment, member: members[i] ?? null }));
}

/** Group and cross-region facts as the account holds them, or as a form version declares them. */
export function groupFacts(
  facts: Pick<BasicInfoContent, 'groupRole' | 'outsideBazhong'> & {
    groupName?: string | null;
    groupHeadquarters?: string | null;
  },
  formVersion: number | null | undefined,
): GroupFacts {
  return {
    groupName: facts.groupName ?? null,
    role: facts.groupRole,
    headquarters: facts.groupHeadquarters ?? null,
    crossRegion: facts.outsideBazhong.length > 0,
    outsideBazhong: facts.outsideBazhong,
    formVersion: formVersion ?? null,
  };
}

/** The account's current form: the latest approved version (versions come newest first). */
export const currentFormOf = (versions: readonly BasicInfoForm[]) =>
  versions.find((v) => v.status === 'APPROVED') ?? null;

export const enterpriseServiceAccount: Pick<EnterpriseResolvers, 'serviceAccount'> = {
  serviceAccount: async (enterprise, _args, { loaders, viewer }) => {
    // Only large enterprises have an account; that an enterprise is large is no secret (isLargeEnterprise).
    if (!enterprise.isLargeEnterprise) return null;
    await assertServiceReader(viewer, enterprise.creditCode, loaders);
    const account = await loaders.serviceAccount.load(enterprise.creditCode);
    return account ? { account, enterprise } : null;
  },
};

export const ServiceAccount: ServiceAccountResolvers = {
  creditCode: ({ account }) => account.creditCode,
  accountNumber: ({ account }) => account.accountNumber,
  openedOn: ({ account }) => account.openedOn,
  team: ({ account }, _args, { loaders }) => teamOf(account.creditCode, loaders),
  contactCard: (parent) => parent,
  group: ({ account }) => groupFacts(account, account.factsFromVersion),
  currentForm: async ({ account }, _args, { loaders }) =>
    currentFormOf(await loaders.basicInfoForms.load(account.creditCode)),
  pendingForm: async ({ account }, _args, { loaders }) =>
    (await loaders.basicInfoForms.load(account.creditCode)).find((v) => v.status === 'SUBMITTED') ?? null,
  formVersions: ({ account }, _args, { loaders }) => loaders.basicInfoForms.load(account.creditCode),
  visits: async ({ account }, { first, kind }, { loaders }) => {
    if (first < 1 || first > 100) throw badInput('first 须为 1–100 (1 to 100)', 'first');
    const visits = await loaders.serviceVisits.load(account.creditCode);
    return (kind ? visits.filter((v) => v.kind === kind) : visits).slice(0, first);
  },
  followUps: async ({ account }, { status }, { loaders }) => {
    const followUps = await loaders.followUps.load(account.creditCode);
    return status ? followUps.filter((f) => f.status === status) : followUps;
  },
  advanceRulings: ({ account }, _args, { loaders }) => loaders.advanceRulings.load(account.creditCode),
  complianceAgreements: ({ account }, _args, { loaders }) =>
    loaders.complianceAgreements.load(account.creditCode),
  majorAppeals: async ({ account }, _args, { loaders }) =>
    (await loaders.serviceCases.load(account.creditCode)).filter((c) => c.kind === 'MAJOR_APPEAL'),
  groupCases: async ({ account }, _args, { loaders }) =>
    (await loaders.serviceCases.load(account.creditCode)).filter((c) => c.kind !== 'MAJOR_APPEAL'),
  handbook: (parent) => parent,
};

const HOTLINE = '12366';

export const ContactCard: ContactCardResolvers = {
  enterpriseName: ({ enterprise }) => enterprise.name,
  accountNumber: ({ account }) => account.accountNumber,
  taxOffice: ({ enterprise }) => enterprise.taxOffice,
  liaisons: ({ account }, _args, { loaders }) => teamOf(account.creditCode, loaders),
  enterpriseContact: ({ account }) => ({
    name: account.contactName,
    position: account.contactPosition,
    phone: account.contactPhone,
  }),
  hotline: () => HOTLINE,
  note: () =>
    `工作时间请直接联系首席联络员；联络员不在或非工作时间请拨打 ${HOTLINE} 纳税缴费服务热线，说明一户一册编号即可转办 ` +
    `(call your chief liaison in office hours; otherwise the ${HOTLINE} hotline, quoting the account number)`,
};

/** A person on record: the phone is always served masked (138****1234), as the hub masks personal data. */
export const ContactPerson: ContactPersonResolvers = {
  phone: (person) => maskPhone(person.phone),
};

export const AssignedLiaison: AssignedLiaisonResolvers = {
  subject: ({ assignment }) => assignment.liaisonSubject,
  name: ({ assignment, member }) => member?.name ?? assignment.liaisonSubject,
  kind: ({ assignment }) => assignment.kind,
  office: ({ member }) => member?.office ?? '国家税务总局巴中市税务局',
  servicePhone: ({ member }) => member?.servicePhone ?? null,
  inCoreTeam: ({ member }) => member?.inCoreTeam ?? false,
  industries: ({ member }) => member?.industries ?? [],
  assignedOn: ({ assignment }) => assignment.assignedOn,
};
