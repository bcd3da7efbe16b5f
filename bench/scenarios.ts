import { randomUUID } from 'node:crypto';
import type { Role } from '../core/identity.js';
import { APPEAL_SURGE, DEMO_LIAISON_SUBJECT, type World } from '../subgraphs/shared/demo-world/index.js';
import { encodeCursor } from '../subgraphs/shared/pagination.js';
import { loadPersistedOperations, type PersistedOperation } from '../gateway/persisted-operations.js';

/**
 * The benchmark's scenarios. Adding one is adding an entry here: a name, who asks (a persona and
 * optionally a purpose; the reads ask as a tax analyst stating the showcase labour dispute, so every field
 * is served — the identity the peers assert to the subgraphs too), the registered operation it runs
 * (operations/<name>.graphql: what a production frontend sends) and its variables, made per request. The
 * hub, in production mode, gets the operation's hash, as frontends send it; the peers and the floor get
 * its text. Reads vary what they ask for from request to request (another enterprise, another page), as
 * real traffic does: identical concurrent requests would only measure a peer's in-flight deduplication.
 * `expect` checks one answer before the load starts, so a scenario that silently fails (FORBIDDEN,
 * empty page) cannot post a flattering figure.
 */
export interface Scenario {
  name: string;
  description: string;
  role: Role;
  purpose?: (world: World) => string;
  /** The registered operation's name (operations/<operation>.graphql). */
  operation: string;
  /** Its variables, made afresh for every request. */
  variables: (world: World) => Record<string, unknown>;
  /**
   * Data the scenario needs that the demo world does not hold, made once through the hub's gateway
   * before any contender runs (the dispute cases the timeline scenario reads).
   */
  setup?: (hub: HubClient, world: World) => Promise<void>;
  expect: (data: Record<string, unknown>) => string | null;
  /** The caller's token subject and scopes, when the persona's defaults do not fit (an assigned liaison). */
  caller?: { subject?: string; scopes?: string[] };
  /** Why only the hub runs it (peers and the floor cannot): the scenario is skipped for them. */
  hubOnly?: string;
  /** Concurrent clients, when not BENCH_CONNECTIONS: one team lead issues the quarter's batch. */
  connections?: number;
}

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

/** Runs a registered operation through the hub's gateway as a persona, for a scenario's set-up. */
export type HubClient = (
  role: Role,
  operation: string,
  variables: Record<string, unknown>,
) => Promise<Record<string, unknown>>;

/** Case numbers the dispute scenarios' set-up created. */
const disputeCases: string[] = [];
const DISTRICTS = ['BAZHOU', 'ENYANG', 'TONGJIANG', 'NANJIANG', 'PINGCHANG'];

/** A registration as an intake desk makes it: an employer in arrears and two of its employees. */
function disputeRegistration(world: World) {
  const keys = keysOf(world);
  const employer = pick(keys.inArrears);
  const persons = [pick(keys.persons), pick(keys.persons)];
  return {
    subject: 'ARREARS',
    district: pick(DISTRICTS),
    channel: '12366 热线 (hotline)',
    employerCreditCode: employer,
    employerName: '基准测试用人单位 (benchmark employer)',
    insuredPersons: persons.map((personId, i) => ({ personId, name: `职工${i + 1}` })),
    representative: null,
    amountInDispute: '12600.00',
    periodFrom: '2025-01',
    periodTo: '2025-06',
    summary: '职工反映单位欠缴社会保险费 (employees say the employer owes contributions)',
    idempotencyKey: randomUUID(),
  };
}

/** This quarter, as reports are issued for it: 2026-Q4. */
const currentQuarter = () => {
  const now = new Date();
  return `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
};
const REPORTS_HUB_ONLY =
  'issuing reads the other agencies through the hub’s gateway with its onward assertion, which only the hub signs';

/** What callers say, by topic: the classifier reads each text afresh. */
const APPEAL_TEXTS = [
  ['REPORT', '举报某餐馆消费后拒开发票，说开票要加税点'],
  ['HELP_REQUEST', '社保费批扣失败，银行卡余额充足，请帮忙查询原因'],
  ['CONSULTATION', '咨询个税汇算退税什么时候到账'],
  ['COMPLAINT', '物业公司收取停车费不给开发票'],
  ['CONSULTATION', '购房后契税怎么缴纳，开发商说由他们代收'],
  ['HELP_REQUEST', '个税APP里出现从未在该单位任职的收入，身份被冒用'],
  ['CONSULTATION', '电子税务局登录验证码一直收不到'],
  ['SUGGESTION', '建议办税服务厅周末延长开放时间'],
] as const;
const CHANNELS = [
  'HOTLINE_12366',
  'HOTLINE_12345',
  'WEB_12366',
  'INTERACTION_PLATFORM',
  'ETAX_BUREAU',
  'SERVICE_HALL',
];

/** An appeal as a channel hands it over: a fresh reference, one of the city's taxpayers now and then. */
function appealIntake(world: World) {
  const [kind, content] = pick(APPEAL_TEXTS);
  const withTaxpayer = Math.random() < 0.4;
  return {
    channel: pick(CHANNELS),
    channelReference: `BENCH-${randomUUID()}`,
    kind,
    district: pick(DISTRICTS),
    creditCode: withTaxpayer ? pick(keysOf(world).codes) : null,
    appellantName: '基准测试',
    appellantPhone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
    content,
  };
}

export const scenarios: Scenario[] = [
  {
    name: 'enterprise',
    description: '一户企业的跨部门全景 (one enterprise with every agency’s fields)',
    role: 'analyst',
    purpose: (world) => world.showcase.caseNumber,
    operation: 'EnterpriseAcrossAgencies',
    variables: (world) => ({ creditCode: pick(keysOf(world).large) }),
    expect: (data) => ((data.enterprise as { name?: string } | null)?.name ? null : 'no enterprise'),
  },
  {
    name: 'enterprises-100',
    description: '100 户企业一页，含各部门字段 (a page of 100 enterprises with every agency’s fields)',
    role: 'analyst',
    purpose: (world) => world.showcase.caseNumber,
    operation: 'EnterprisesAcrossAgencies',
    variables: (world) => ({ first: 100, after: cursorInto('enterprises', keysOf(world).codes, 100) }),
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
    operation: 'EmployersInArrears',
    variables: (world) => ({
      first: 100,
      after: cursorInto('employersInArrears', keysOf(world).inArrears, 100),
    }),
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
    operation: 'PersonAcrossAgencies',
    variables: (world) => ({ personId: pick(keysOf(world).persons) }),
    expect: (data) => ((data.person as { name?: string } | null)?.name ? null : 'no person'),
  },
  {
    name: 'dispute-timeline',
    description: '一件争议案件及其完整时间线 (one dispute case with its parties and whole timeline)',
    role: 'analyst',
    operation: 'DisputeTimeline',
    // 100 cases, each registered at the petitions bureau, opened by the tax lead and reviewed by HRSS in
    // social-security: timelines of three departments' steps from two subgraphs.
    setup: async (hub, world) => {
      if (disputeCases.length) return;
      for (let i = 0; i < 100; i++) {
        const registered = (await hub('petitions-clerk', 'RegisterDispute', {
          input: disputeRegistration(world),
        })) as { registerDispute: { caseNumber: string } };
        const caseNumber = registered.registerDispute.caseNumber;
        await hub('appeal-handler', 'RecordDisputeStep', {
          input: {
            caseNumber,
            kind: 'OPEN_JOINT_REVIEW',
            content: '开展联合研判',
            idempotencyKey: randomUUID(),
          },
        });
        await hub('hrss-officer', 'RecordDisputeFinding', {
          input: { caseNumber, content: '欠费属实 (the arrears are real)', idempotencyKey: randomUUID() },
        });
        disputeCases.push(caseNumber);
      }
    },
    variables: () => ({ caseNumber: pick(disputeCases) }),
    expect: (data) => {
      const n = length((data.dispute as { timeline?: unknown[] } | null)?.timeline);
      return n >= 3 ? null : `timeline of ${n}`;
    },
  },
  {
    name: 'register-dispute',
    description:
      '登记一件争议案件：写入牵头部门台账并审计 (a step: registering a case writes the lead’s ledger, audited)',
    role: 'analyst',
    operation: 'RegisterDispute',
    variables: (world) => ({ input: disputeRegistration(world) }),
    expect: (data) =>
      (data.registerDispute as { stage?: string } | null)?.stage === 'REGISTERED' ? null : 'not registered',
  },
  {
    name: 'write-note',
    description: '写入一条内部备注（审计的变更）(an audited write: addInternalNote)',
    role: 'analyst',
    operation: 'AddInternalNote',
    // A fresh idempotency key per request: each is a new note, not a repeat.
    variables: (world) => ({
      input: {
        creditCode: world.showcase.creditCode,
        content: '基准测试备注 (benchmark note)',
        idempotencyKey: randomUUID(),
      },
    }),
    expect: (data) => ((data.addInternalNote as { id?: string } | null)?.id ? null : 'no note written'),
  },
  {
    name: 'health-check-report',
    description:
      '联络员签发一份税费健康体检报告：各部门指标经网关读取 (a liaison issues one health-check report, reading every agency through the gateway)',
    role: 'liaison',
    caller: { subject: DEMO_LIAISON_SUBJECT },
    operation: 'IssueHealthCheckReport',
    variables: (world) => ({
      input: {
        creditCode: pick(
          world.tax.liaisonAssignments
            .filter((a) => a.liaisonSubject === DEMO_LIAISON_SUBJECT)
            .map((a) => a.creditCode),
        ),
        period: currentQuarter(),
        idempotencyKey: randomUUID(),
      },
    }),
    expect: (data) => {
      const n = length((data.issueHealthCheckReport as { indicators?: unknown[] } | null)?.indicators);
      return n === 13 ? null : `report of ${n} indicators`;
    },
    hubOnly: REPORTS_HUB_ONLY,
  },
  {
    name: 'health-check-batch',
    description:
      '一次签发全部大企业的体检报告 (the team lead issues every large enterprise’s report in one batch)',
    role: 'liaison',
    caller: { subject: 'bench:liaison-lead', scopes: ['reports:issue'] },
    operation: 'IssueHealthCheckReports',
    variables: () => ({ input: { period: currentQuarter(), idempotencyKey: randomUUID() } }),
    connections: 1,
    expect: (data) => {
      const n = (data.issueHealthCheckReports as { reportCount?: number } | null)?.reportCount ?? 0;
      return n >= 30 ? null : `batch of ${n}`;
    },
    hubOnly: REPORTS_HUB_ONLY,
  },
  {
    name: 'appeal-intake',
    description:
      '热线登记一件诉求：分类、查重、编号、接收步骤，审计 (the hotline registers an appeal: classified, checked for duplicates, numbered, audited)',
    role: 'appeal-handler',
    operation: 'RegisterAppeal',
    variables: (world) => ({ input: appealIntake(world) }),
    expect: (data) =>
      (data.registerAppeal as { appeal?: { stage?: string } } | null)?.appeal?.stage === 'RECEIVED'
        ? null
        : 'not registered',
  },
  {
    name: 'weekly-analysis',
    description:
      '生成一期诉求分析周报（全市规模，含热点判定与建议）(generate a week’s analysis over the city’s appeals: volumes, hot topics, rates, recommendations)',
    role: 'analyst',
    operation: 'GenerateAppealAnalysis',
    // The week of the demo world's planted surge, regenerated each time: every request does the whole work.
    variables: () => ({ input: { kind: 'WEEKLY', periodStart: APPEAL_SURGE.weekStart, regenerate: true } }),
    expect: (data) => {
      const hot =
        (data.generateAppealAnalysis as { hotTopics?: { topic: string }[] } | null)?.hotTopics ?? [];
      return hot.some((h) => h.topic === APPEAL_SURGE.topic)
        ? null
        : `surge not found: ${JSON.stringify(hot)}`;
    },
    connections: 4,
  },
];

const registry = loadPersistedOperations();

/** A registered operation by name: its normalized text and sha256. */
export function registeredOperation(name: string): PersistedOperation {
  const operation = registry.byName(name);
  if (!operation) throw new Error(`no registered operation ${name}`);
  return operation;
}

/** The registered operation a scenario runs. */
export const operationOf = (scenario: Scenario): PersistedOperation =>
  registeredOperation(scenario.operation);

/**
 * One request of a scenario, as JSON: by hash (`persistedQuery`), as production frontends call the hub,
 * or with the operation's text, for the peers (which have no registry) and the floor.
 */
export function requestBody(scenario: Scenario, world: World, form: 'hash' | 'text'): string {
  const { document, sha256 } = operationOf(scenario);
  const variables = scenario.variables(world);
  return JSON.stringify(
    form === 'hash'
      ? { variables, extensions: { persistedQuery: { version: 1, sha256Hash: sha256 } } }
      : { query: document, variables },
  );
}
