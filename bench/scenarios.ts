import { randomUUID } from 'node:crypto';
import type { Role } from '../core/identity.js';
import type { World } from '../subgraphs/shared/demo-world/index.js';
import { encodeCursor } from '../subgraphs/shared/pagination.js';

/**
 * The benchmark's scenarios. Adding one is adding an entry here: a name, who asks (a persona and
 * optionally a purpose; the reads ask as a tax analyst stating the showcase labour dispute, so every field
 * is served — the identity the peers assert to the subgraphs too), and the request body — built once, or per request for writes that must differ
 * (idempotency keys). Reads vary what they ask for from request to request (another enterprise, another
 * page), as real traffic does: identical concurrent requests would only measure a peer's in-flight
 * deduplication. `expect` checks one answer before the load starts, so a scenario that silently fails
 * (FORBIDDEN, empty page) cannot post a flattering figure.
 */
export interface Scenario {
  name: string;
  description: string;
  role: Role;
  purpose?: (world: World) => string;
  /** The GraphQL request body; called once per request when `perRequest` is set. */
  body: (world: World) => { query: string; variables?: Record<string, unknown> };
  perRequest?: boolean;
  expect: (data: Record<string, unknown>) => string | null;
}

const ENTERPRISE_FIELDS = `creditCode name district industry registrationType creditRating isLargeEnterprise taxOffice taxStatus
  socialInsurance { accountNumber status insuredCount arrearsTotal arrears { amount periodFrom periodTo status } }
  medicalInsurance { accountNumber status insuredCount arrearsTotal }
  courtCases { caseNumber type cause status filedOn amountInDispute parties { role displayName } }
  serviceRecords { service mode summary servedAt servicePoint { name district } }`;

const length = (value: unknown) => (Array.isArray(value) ? value.length : -1);
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** Keys the reads vary over, computed once per world. */
const keysOf = (() => {
  const cache = new WeakMap<
    World,
    { large: string[]; codes: string[]; persons: string[]; inArrears: string[] }
  >();
  return (world: World) => {
    let keys = cache.get(world);
    if (!keys) {
      const owing = new Set(
        world.socialSecurity.arrears
          .filter((a) => a.debtorKind === 'EMPLOYER' && a.status !== 'COLLECTED')
          .map((a) => a.creditCode),
      );
      keys = {
        large: world.tax.enterprises.filter((e) => e.isLargeEnterprise).map((e) => e.creditCode),
        codes: world.tax.enterprises.map((e) => e.creditCode).sort(),
        persons: world.socialSecurity.persons.map((p) => p.personId),
        inArrears: world.socialSecurity.employerAccounts
          .map((a) => a.creditCode)
          .filter((c) => owing.has(c))
          .sort(),
      };
      cache.set(world, keys);
    }
    return keys;
  };
})();

/** A cursor somewhere in the first part of a sorted list, so that the page after it is full. */
const cursorInto = (list: string, keys: string[], pageSize: number) => {
  const room = Math.max(keys.length - pageSize - 1, 0);
  const at = Math.floor(Math.random() * room);
  return at === 0 ? null : encodeCursor(list, [keys[at - 1]!]);
};

export const scenarios: Scenario[] = [
  {
    name: 'enterprise',
    description: '一户企业的跨部门全景 (one enterprise with every agency’s fields)',
    role: 'analyst',
    purpose: (world) => world.showcase.caseNumber,
    body: (world) => ({
      query: `query BenchEnterprise($c: ID!) { enterprise(creditCode: $c) { ${ENTERPRISE_FIELDS} } }`,
      variables: { c: pick(keysOf(world).large) },
    }),
    perRequest: true,
    expect: (data) => ((data.enterprise as { name?: string } | null)?.name ? null : 'no enterprise'),
  },
  {
    name: 'enterprises-100',
    description: '100 户企业一页，含各部门字段 (a page of 100 enterprises with every agency’s fields)',
    role: 'analyst',
    purpose: (world) => world.showcase.caseNumber,
    body: (world) => ({
      query: `query BenchEnterprises($after: String) { enterprises(first: 100, after: $after) { edges { node { ${ENTERPRISE_FIELDS} } } } }`,
      variables: { after: cursorInto('enterprises', keysOf(world).codes, 100) },
    }),
    perRequest: true,
    expect: (data) => {
      const n = length((data.enterprises as { edges?: unknown[] }).edges);
      return n === 100 ? null : `page of ${n}`;
    },
  },
  {
    name: 'arrears-100',
    description:
      '100 个欠费单位，含医保与法院 (100 employers in arrears with medical insurance and court cases)',
    role: 'analyst',
    purpose: (world) => world.showcase.caseNumber,
    body: (world) => ({
      variables: { after: cursorInto('employersInArrears', keysOf(world).inArrears, 100) },
      query: `query BenchArrears($after: String) { employersInArrears(first: 100, after: $after) { totalCount edges { node { accountNumber arrearsTotal
        enterprise { name medicalInsurance { accountNumber arrearsTotal } courtCases { caseNumber type status } } } } } }`,
    }),
    perRequest: true,
    expect: (data) => {
      const page = data.employersInArrears as { edges?: unknown[]; totalCount?: number };
      const n = length(page.edges);
      // City scale has hundreds in arrears; smaller scales fill what they have.
      return page.totalCount && n === Math.min(100, page.totalCount)
        ? null
        : `page of ${n} of ${page.totalCount}`;
    },
  },
  {
    name: 'person',
    description: '一名参保人的跨部门信息 (one person across agencies)',
    role: 'analyst',
    purpose: (world) => world.showcase.caseNumber,
    body: (world) => ({
      query: `query BenchPerson($id: ID!) { person(personId: $id) { personId name idNumber gender district phone
        socialInsurance { enrolments { scheme status startedOn } contributions(last: 12) { period scheme amount status }
          arrears { amount status } batchDeductions { period result failureReason } }
        medicalInsurance { enrolments { scheme status } yearlyPayments { year status amountDue amountPaid } }
        courtCases { caseNumber type status } serviceRecords { service summary } } }`,
      variables: { id: pick(keysOf(world).persons) },
    }),
    perRequest: true,
    expect: (data) => ((data.person as { name?: string } | null)?.name ? null : 'no person'),
  },
  {
    name: 'write-note',
    description: '写入一条内部备注（审计的变更）(an audited write: addInternalNote)',
    role: 'analyst',
    perRequest: true,
    body: (world) => ({
      query: `mutation BenchNote($input: AddInternalNoteInput!) { addInternalNote(input: $input) { id createdAt } }`,
      variables: {
        input: {
          creditCode: world.showcase.creditCode,
          content: '基准测试备注 (benchmark note)',
          idempotencyKey: randomUUID(),
        },
      },
    }),
    expect: (data) => ((data.addInternalNote as { id?: string } | null)?.id ? null : 'no note written'),
  },
];
