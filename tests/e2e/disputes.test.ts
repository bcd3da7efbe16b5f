// The joint dispute mechanism through the gateway over HTTP, each step with the token of the department
// that takes it: registration by the petitions bureau, the lead's steps, the timeline, work queues, and
// the refusals (out of order, stale version, outsiders, another subgraph's step).
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld } from '../../subgraphs/shared/demo-world/index.js';
import { createAssertionSigner } from '../../core/tokens.js';
import { DisputeFindingSchema } from '../../subgraphs/social-security/entities/index.js';
import { startTestHub, type GraphQLResponse, type TestHub } from '../support/hub.js';
import { testIdentity, tokenFor } from '../support/identities.js';

const world = buildWorld('test');
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub?.dispose());

interface DisputeView {
  id: string;
  caseNumber: string;
  stage: string;
  version: number;
  participants: string[];
  waitingFor: string[];
  timeline: { seq: number; kind: string; department: string; actorName: string; stageAfter: string }[];
}
const DISPUTE_FIELDS = `id caseNumber stage version participants waitingFor
  timeline { seq kind department actorName stageAfter }`;

const REGISTER = `mutation ($input: RegisterDisputeInput!) { registerDispute(input: $input) { ${DISPUTE_FIELDS} } }`;
const STEP = `mutation ($input: DisputeStepInput!) { recordDisputeStep(input: $input) { ${DISPUTE_FIELDS} } }`;
const DISPUTE = `query ($n: String!) { dispute(caseNumber: $n) { ${DISPUTE_FIELDS} parties { role displayName } } }`;
const codes = (body: GraphQLResponse<unknown>) => (body.errors ?? []).map((e) => e.extensions?.code);

const registration = (subject: string, key = randomUUID()) => ({
  subject,
  district: 'BAZHOU',
  channel: '信访接待 (petitions visit)',
  employerCreditCode: world.showcase.creditCode,
  employerName: '巴中某建设公司',
  insuredPersons: [
    { personId: world.socialSecurity.persons[0]!.personId, name: '职工甲' },
    { personId: world.socialSecurity.persons[1]!.personId, name: '职工乙' },
  ],
  representative: { name: '巴州区总工会', tradeUnion: true },
  amountInDispute: '18400.00',
  periodFrom: '2021-01',
  periodTo: '2021-12',
  summary: '两名职工反映单位未缴纳 2021 年养老保险 (two employees say their 2021 pension was never paid)',
  idempotencyKey: key,
});

async function register(
  subject = 'MISSING_PERIODS',
  role: 'petitions-clerk' | 'appeal-handler' = 'petitions-clerk',
) {
  const { body } = await hub.query<{ registerDispute: DisputeView }>(
    REGISTER,
    { input: registration(subject) },
    { token: await tokenFor(role) },
  );
  expect(body.errors).toBeUndefined();
  return body.data!.registerDispute;
}

const step = async (
  caseNumber: string,
  kind: string,
  role: 'appeal-handler' | 'hrss-officer',
  extra: Record<string, unknown> = {},
) =>
  hub.query<{ recordDisputeStep: DisputeView }>(
    STEP,
    { input: { caseNumber, kind, content: `${kind} 办理意见`, idempotencyKey: randomUUID(), ...extra } },
    { token: await tokenFor(role) },
  );

describe('joint dispute cases through the gateway', () => {
  it('a petitions clerk registers a case for two employees; a repeat under the same key is the same case', async () => {
    const input = registration('MISSING_PERIODS');
    const token = await tokenFor('petitions-clerk');
    const first = await hub.query<{ registerDispute: DisputeView }>(REGISTER, { input }, { token });
    const again = await hub.query<{ registerDispute: DisputeView }>(REGISTER, { input }, { token });
    expect(first.body.errors).toBeUndefined();
    const dispute = first.body.data!.registerDispute;
    expect(dispute).toMatchObject({ stage: 'REGISTERED', version: 1, waitingFor: ['TAX'] });
    expect(dispute.caseNumber).toMatch(/^巴社争〔\d{4}〕\d{4}号$/);
    expect(dispute.participants).toEqual(
      expect.arrayContaining([
        'TAX',
        'HRSS',
        'MEDICAL_INSURANCE',
        'PETITIONS',
        'TRADE_UNION',
        'COURT',
        'JUSTICE',
      ]),
    );
    expect(again.body.data!.registerDispute.caseNumber).toBe(dispute.caseNumber);
    expect(dispute.timeline).toEqual([
      expect.objectContaining({
        seq: 1,
        kind: 'REGISTER',
        department: 'PETITIONS',
        stageAfter: 'REGISTERED',
      }),
    ]);
  });

  it('the lead opens the joint review; the case then waits for HRSS and medical insurance', async () => {
    const { caseNumber } = await register();
    const opened = await step(caseNumber, 'OPEN_JOINT_REVIEW', 'appeal-handler', { expectedVersion: 1 });
    expect(opened.body.errors).toBeUndefined();
    expect(opened.body.data!.recordDisputeStep).toMatchObject({
      stage: 'JOINT_REVIEW',
      version: 2,
      waitingFor: ['HRSS', 'MEDICAL_INSURANCE'],
    });
    const queue = await hub.query<{ disputes: { edges: { node: { caseNumber: string } }[] } }>(
      `{ disputes(filter: { waitingFor: HRSS }, first: 100) { edges { node { caseNumber } } } }`,
      {},
      { token: await tokenFor('hrss-officer') },
    );
    expect(queue.body.data!.disputes.edges.map((e) => e.node.caseNumber)).toContain(caseNumber);
    const read = await hub.query<{ dispute: DisputeView }>(
      DISPUTE,
      { n: caseNumber },
      { token: await tokenFor('mediator') },
    );
    expect(read.body.data!.dispute.timeline.map((s) => [s.seq, s.kind, s.department])).toEqual([
      [1, 'REGISTER', 'PETITIONS'],
      [2, 'OPEN_JOINT_REVIEW', 'TAX'],
    ]);
  });

  it('refuses a stale version (CONFLICT), a step out of order (INVALID_TRANSITION) and another subgraph’s step', async () => {
    const { caseNumber } = await register();
    expect(
      codes((await step(caseNumber, 'OPEN_JOINT_REVIEW', 'appeal-handler', { expectedVersion: 5 })).body),
    ).toEqual(['CONFLICT']);
    expect(codes((await step(caseNumber, 'CLOSE', 'appeal-handler')).body)).toEqual(['INVALID_TRANSITION']);
    // HRSS records its finding with its own data, in social-security, not here.
    expect(codes((await step(caseNumber, 'FINDING', 'hrss-officer')).body)).toEqual(['BAD_USER_INPUT']);
    const read = await hub.query<{ dispute: DisputeView }>(
      DISPUTE,
      { n: caseNumber },
      { token: await tokenFor('appeal-handler') },
    );
    expect(read.body.data!.dispute.version).toBe(1);
  });

  it('gives the mechanism’s figures to a participating department, and none of the cases to an outsider', async () => {
    await register('ARREARS', 'appeal-handler');
    const FIGURES = `{ disputeStatistics { total open openByStage { key count } overdue mediationSuccessRate
      workload { agency waiting overdue stepsTaken } } }`;
    type Figures = {
      disputeStatistics: { total: number; open: number; workload: { agency: string; waiting: number }[] };
    };
    const tax = await hub.query<Figures>(FIGURES, {}, { token: await tokenFor('analyst') });
    expect(tax.body.errors).toBeUndefined();
    const figures = tax.body.data!.disputeStatistics;
    expect(figures.total).toBeGreaterThan(0);
    expect(figures.workload.find((w) => w.agency === 'TAX')!.waiting).toBeGreaterThan(0);
    // Medical insurance takes part in the missing-periods cases above, but not in the arrears case.
    const mi = await hub.query<Figures>(FIGURES, {}, { token: await tokenFor('mi-officer') });
    expect(mi.body.data!.disputeStatistics.total).toBeLessThan(figures.total);
  });

  it('a department outside the case sees nothing of it; an enterprise contact reaches no case at all', async () => {
    const { caseNumber } = await register('ARREARS', 'appeal-handler'); // tax, HRSS, court, justice, political-legal
    const outsider = await tokenFor('mi-officer');
    const single = await hub.query(DISPUTE, { n: caseNumber }, { token: outsider });
    expect(codes(single.body)).toEqual(['FORBIDDEN']);
    const list = await hub.query<{ disputes: { edges: { node: { caseNumber: string } }[] } }>(
      `{ disputes(first: 100) { edges { node { caseNumber } } } }`,
      {},
      { token: outsider },
    );
    expect(list.body.data!.disputes.edges.map((e) => e.node.caseNumber)).not.toContain(caseNumber);
    const contact = await tokenFor('enterprise-contact', { creditCode: world.showcase.creditCode });
    expect(codes((await hub.query(DISPUTE, { n: caseNumber }, { token: contact })).body)).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes((await step(caseNumber, 'OPEN_JOINT_REVIEW', 'hrss-officer')).body)).toEqual(['FORBIDDEN']);
  });
});

describe('a department records its own step in its own subgraph, and the ledger keeps the case whole', () => {
  const FINDING = `mutation ($input: DisputeFindingInput!) { recordDisputeFinding(input: $input) {
    status ledgerSeq dispute { caseNumber stage version timeline { seq kind department } } } }`;
  type FindingAnswer = {
    recordDisputeFinding: {
      status: string;
      ledgerSeq: number;
      dispute: {
        stage: string;
        version: number;
        timeline: { seq: number; kind: string; department: string }[];
      };
    };
  };
  const findingInput = (caseNumber: string, key = randomUUID()) => ({
    caseNumber,
    content:
      '经核实，两名职工 2021 年 1–12 月与该单位存在劳动关系，养老保险未缴 (labour relation confirmed, 2021 unpaid)',
    idempotencyKey: key,
  });
  const findingRows = (caseNumber: string) =>
    hub.hub.subgraphs['social-security'].orm.em.fork().count(DisputeFindingSchema, { caseNumber });

  it('HRSS gives its finding in social-security; the case in tax moves and shows it in its timeline, once', async () => {
    const { caseNumber } = await register();
    await step(caseNumber, 'OPEN_JOINT_REVIEW', 'appeal-handler');
    const token = await tokenFor('hrss-officer');
    const input = findingInput(caseNumber);
    const first = await hub.query<FindingAnswer>(FINDING, { input }, { token });
    expect(first.body.errors).toBeUndefined();
    const finding = first.body.data!.recordDisputeFinding;
    expect(finding).toMatchObject({ status: 'CONFIRMED', ledgerSeq: 3 });
    expect(finding.dispute).toMatchObject({ stage: 'JOINT_REVIEW', version: 3 });
    expect(finding.dispute.timeline.map((s) => [s.seq, s.kind, s.department])).toEqual([
      [1, 'REGISTER', 'PETITIONS'],
      [2, 'OPEN_JOINT_REVIEW', 'TAX'],
      [3, 'FINDING', 'HRSS'],
    ]);
    const again = await hub.query<FindingAnswer>(FINDING, { input }, { token });
    expect(again.body.data!.recordDisputeFinding).toMatchObject({ status: 'CONFIRMED', ledgerSeq: 3 });
    expect(again.body.data!.recordDisputeFinding.dispute.version).toBe(3);
    expect(await findingRows(caseNumber)).toBe(1);
  });

  it('the same finding submitted twice at once is recorded and confirmed once', async () => {
    const { caseNumber } = await register();
    await step(caseNumber, 'OPEN_JOINT_REVIEW', 'appeal-handler');
    const token = await tokenFor('hrss-officer');
    const input = findingInput(caseNumber);
    const [a, b] = await Promise.all([
      hub.query<FindingAnswer>(FINDING, { input }, { token }),
      hub.query<FindingAnswer>(FINDING, { input }, { token }),
    ]);
    expect(a.body.errors).toBeUndefined();
    expect(b.body.errors).toBeUndefined();
    expect(a.body.data!.recordDisputeFinding.ledgerSeq).toBe(3);
    expect(b.body.data!.recordDisputeFinding.ledgerSeq).toBe(3);
    expect(await findingRows(caseNumber)).toBe(1);
    const read = await hub.query<{ dispute: DisputeView }>(DISPUTE, { n: caseNumber }, { token });
    expect(read.body.data!.dispute.timeline.filter((s) => s.kind === 'FINDING')).toHaveLength(1);
  });

  it('a finding the ledger refuses leaves no record in social-security', async () => {
    const { caseNumber } = await register(); // still REGISTERED: no joint review yet
    const refused = await hub.query(
      FINDING,
      { input: findingInput(caseNumber) },
      { token: await tokenFor('hrss-officer') },
    );
    expect(codes(refused.body)).toEqual(['INVALID_TRANSITION']);
    expect(await findingRows(caseNumber)).toBe(0);
    // Only HRSS gives this finding, and only through the gateway's policy.
    const other = await hub.query(
      FINDING,
      { input: findingInput(caseNumber) },
      { token: await tokenFor('mi-officer') },
    );
    expect(codes(other.body)).toEqual(['FORBIDDEN']);
  });

  it('keeps a finding pending while the ledger is down, and a retry under the same key confirms it once', async () => {
    const { caseNumber } = await register();
    await step(caseNumber, 'OPEN_JOINT_REVIEW', 'appeal-handler');
    const runtime = hub.hub.subgraphs['social-security'];
    const hrss = { identity: testIdentity('hrss-officer'), purpose: null };
    const onward = await (await createAssertionSigner())({ ...hrss, via: 'social-security' }, 'tax');
    const { port } = hub.hub.subgraphs.tax.http.address() as AddressInfo;
    const input = findingInput(caseNumber);
    // Run inside social-security, as the gateway would send it there (the case's fields live in tax).
    const FINDING_IN_SOCIAL_SECURITY = `mutation ($input: DisputeFindingInput!) {
      recordDisputeFinding(input: $input) { status ledgerSeq } }`;
    const run = async (ledgerUrl: string) => {
      const contextValue = { ...runtime.createContext(hrss), ledger: { url: ledgerUrl, assertion: onward } };
      const response = await runtime.apollo.executeOperation(
        { query: FINDING_IN_SOCIAL_SECURITY, variables: { input } },
        { contextValue },
      );
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult as GraphQLResponse<FindingAnswer>;
    };
    const down = await run('http://127.0.0.1:1/graphql');
    expect(codes(down)).toEqual(['LEDGER_UNAVAILABLE']);
    const pending = await runtime.orm.em
      .fork()
      .findOneOrFail(DisputeFindingSchema, { idempotencyKey: input.idempotencyKey });
    expect(pending.status).toBe('PENDING');
    const retried = await run(`http://127.0.0.1:${port}/graphql`);
    expect(retried.errors).toBeUndefined();
    expect(retried.data!.recordDisputeFinding).toMatchObject({ status: 'CONFIRMED', ledgerSeq: 3 });
    expect(await findingRows(caseNumber)).toBe(1);
    const read = await hub.query<{ dispute: DisputeView }>(
      DISPUTE,
      { n: caseNumber },
      { token: await tokenFor('appeal-handler') },
    );
    expect(read.body.data!.dispute.timeline.filter((s) => s.kind === 'FINDING')).toHaveLength(1);
  });

  it('the ledger’s internal mutation is not in the public graph, and refuses a caller without an onward assertion', async () => {
    const { caseNumber } = await register();
    const APPLY = `mutation ($input: DelegatedDisputeStepInput!) { applyDelegatedDisputeStep(input: $input) { seq } }`;
    const input = { caseNumber, kind: 'OPEN_JOINT_REVIEW', content: 'x', idempotencyKey: randomUUID() };
    const viaGateway = await hub.query(APPLY, { input }, { token: await tokenFor('appeal-handler') });
    expect([...new Set(codes(viaGateway.body))]).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    // Straight to tax with an ordinary assertion (no via): refused, nothing applied.
    const { port } = hub.hub.subgraphs.tax.http.address() as AddressInfo;
    const plain = await (
      await createAssertionSigner()
    )({ identity: testIdentity('appeal-handler'), purpose: null }, 'tax');
    const direct = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: APPLY, variables: { input }, extensions: { hubAssertion: plain } }),
    });
    expect(codes((await direct.json()) as GraphQLResponse<unknown>)).toEqual(['FORBIDDEN']);
    const read = await hub.query<{ dispute: DisputeView }>(
      DISPUTE,
      { n: caseNumber },
      { token: await tokenFor('appeal-handler') },
    );
    expect(read.body.data!.dispute.version).toBe(1);
  });

  it('a mediator records a session at a Fengqiao branch and the agreement in service-points; the case waits for the court', async () => {
    const { caseNumber } = await register('ARREARS', 'appeal-handler'); // reviewer: HRSS
    await step(caseNumber, 'OPEN_JOINT_REVIEW', 'appeal-handler');
    const mediator = await tokenFor('mediator');
    const branch = world.servicePoints.points.find((p) => p.kind === 'FENGQIAO_BRANCH')!;
    const outlet = world.servicePoints.points.find((p) => p.kind !== 'FENGQIAO_BRANCH')!;
    const SESSION = `mutation ($input: MediationSessionInput!) { recordMediationSession(input: $input) {
      kind status servicePoint { name } dispute { stage } } }`;
    const OUTCOME = `mutation ($input: MediationOutcomeInput!) { recordMediationOutcome(input: $input) {
      kind agreed status dispute { stage waitingFor timeline { seq kind department } } } }`;
    const session = (servicePointId: string) => ({
      caseNumber,
      servicePointId,
      content: '在枫桥式税务分局组织双方调解 (mediation held at the branch)',
      idempotencyKey: randomUUID(),
    });
    // Not before every reviewer's finding; not at an outlet that is no Fengqiao branch.
    expect(
      codes((await hub.query(SESSION, { input: session(branch.id) }, { token: mediator })).body),
    ).toEqual(['INVALID_TRANSITION']);
    expect(
      codes((await hub.query(SESSION, { input: session(outlet.id) }, { token: mediator })).body),
    ).toEqual(['BAD_USER_INPUT']);
    const hrss = await hub.query(
      `mutation ($input: DisputeFindingInput!) { recordDisputeFinding(input: $input) { status } }`,
      { input: { caseNumber, content: '欠费属实 (the arrears are real)', idempotencyKey: randomUUID() } },
      { token: await tokenFor('hrss-officer') },
    );
    expect(hrss.body.errors).toBeUndefined();
    const held = await hub.query<{
      recordMediationSession: { status: string; servicePoint: { name: string }; dispute: { stage: string } };
    }>(SESSION, { input: session(branch.id) }, { token: mediator });
    expect(held.body.errors).toBeUndefined();
    expect(held.body.data!.recordMediationSession).toMatchObject({
      status: 'CONFIRMED',
      servicePoint: { name: branch.name },
      dispute: { stage: 'MEDIATION' },
    });
    const agreed = await hub.query<{
      recordMediationOutcome: {
        dispute: {
          stage: string;
          waitingFor: string[];
          timeline: { seq: number; kind: string; department: string }[];
        };
      };
    }>(
      OUTCOME,
      {
        input: {
          caseNumber,
          agreed: true,
          content: '双方达成分期补缴协议 (agreed to pay in instalments)',
          idempotencyKey: randomUUID(),
        },
      },
      { token: mediator },
    );
    expect(agreed.body.errors).toBeUndefined();
    const dispute = agreed.body.data!.recordMediationOutcome.dispute;
    expect(dispute).toMatchObject({ stage: 'AGREED', waitingFor: ['COURT'] });
    expect(dispute.timeline.map((s) => [s.kind, s.department])).toEqual([
      ['REGISTER', 'TAX'],
      ['OPEN_JOINT_REVIEW', 'TAX'],
      ['FINDING', 'HRSS'],
      ['MEDIATION_SESSION', 'JUSTICE'],
      ['MEDIATION_OUTCOME', 'JUSTICE'],
    ]);
  });

  it('taking part in a dispute is a purpose for its parties’ personal data; not taking part is INVALID_PURPOSE', async () => {
    const { caseNumber } = await register('ARREARS', 'appeal-handler'); // not medical insurance
    const personId = world.socialSecurity.persons[0]!.personId;
    const PERSON = `query ($id: ID!) { person(personId: $id) { name } }`;
    const analyst = await tokenFor('analyst');
    const without = await hub.query(PERSON, { id: personId }, { token: analyst });
    expect(codes(without.body)).toContain('FORBIDDEN');
    const withPurpose = await hub.query<{ person: { name: string } }>(
      PERSON,
      { id: personId },
      { token: analyst, purpose: `dispute:${caseNumber}` },
    );
    expect(withPurpose.body.errors).toBeUndefined();
    expect(withPurpose.body.data!.person.name).toBeTruthy();
    const outsider = await hub.query(
      PERSON,
      { id: personId },
      { token: await tokenFor('mi-officer'), purpose: `dispute:${caseNumber}` },
    );
    expect(outsider.status).toBe(403);
    expect(codes(outsider.body)).toEqual(['INVALID_PURPOSE']);
  });

  it('a participating department adds a document by its hash, once; an outsider cannot', async () => {
    const { caseNumber } = await register(); // the union represents the workers
    const ADD = `mutation ($input: DisputeDocumentInput!) { addDisputeDocument(input: $input) { id issuingAgency } }`;
    const input = {
      caseNumber,
      title: '职工工资流水（2024 年 1–6 月）(pay slips, Jan–Jun 2024)',
      kind: 'EVIDENCE',
      contentHash: 'a'.repeat(64),
      idempotencyKey: randomUUID(),
    };
    const union = await tokenFor('union-officer');
    type Added = { addDisputeDocument: { id: string; issuingAgency: string } };
    // Submitted twice at once, then once more: one document.
    const [first, atOnce] = await Promise.all([
      hub.query<Added>(ADD, { input }, { token: union }),
      hub.query<Added>(ADD, { input }, { token: union }),
    ]);
    const again = await hub.query<Added>(ADD, { input }, { token: union });
    expect(first.body.data!.addDisputeDocument.issuingAgency).toBe('TRADE_UNION');
    expect(atOnce.body.data!.addDisputeDocument.id).toBe(first.body.data!.addDisputeDocument.id);
    expect(again.body.data!.addDisputeDocument.id).toBe(first.body.data!.addDisputeDocument.id);
    const badHash = await hub.query(
      ADD,
      { input: { ...input, contentHash: 'xyz', idempotencyKey: randomUUID() } },
      { token: union },
    );
    expect(codes(badHash.body)).toEqual(['BAD_USER_INPUT']);
    const arrears = await register('ARREARS', 'appeal-handler');
    const outsider = await hub.query(
      ADD,
      { input: { ...input, caseNumber: arrears.caseNumber, idempotencyKey: randomUUID() } },
      { token: await tokenFor('mi-officer') },
    );
    expect(codes(outsider.body)).toEqual(['FORBIDDEN']);
    const read = await hub.query<{ dispute: { documents: { title: string; kind: string }[] } }>(
      `query ($n: String!) { dispute(caseNumber: $n) { documents { title kind } } }`,
      { n: caseNumber },
      { token: await tokenFor('mediator') },
    );
    expect(read.body.data!.dispute.documents).toEqual([{ title: input.title, kind: 'EVIDENCE' }]);
  });

  it('the medical insurance bureau corrects its own records in medical-insurance, once the agreement is confirmed', async () => {
    const { caseNumber } = await register('MEDICAL_CONTRIBUTION', 'appeal-handler'); // reviewer: medical insurance
    const run = async (
      role: Parameters<typeof tokenFor>[0],
      query: string,
      input: Record<string, unknown>,
    ) => {
      const { body } = await hub.query(
        query,
        { input: { caseNumber, idempotencyKey: randomUUID(), ...input } },
        { token: await tokenFor(role) },
      );
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      return body.data as Record<
        string,
        {
          status?: string;
          dispute?: { timeline: { kind: string; department: string; recordedIn: string }[] };
        }
      >;
    };
    const person = world.socialSecurity.persons.find((p) =>
      world.medicalInsurance.enrolments.some((e) => e.personId === p.personId),
    )!;
    const CORRECT = `mutation ($input: MedicalCorrectionInput!) { recordMedicalCorrection(input: $input) {
      status dispute { timeline { kind department recordedIn } } } }`;
    const correction = {
      personId: person.personId,
      year: 2025,
      scheme: 'EMPLOYEE',
      amountPaid: '3600.00',
      content: '按协议补缴 2025 年度职工医保',
    };
    // Not before the agreement is confirmed.
    const early = await hub.query(
      CORRECT,
      { input: { caseNumber, idempotencyKey: randomUUID(), ...correction } },
      { token: await tokenFor('mi-officer') },
    );
    expect(codes(early.body)).toEqual(['INVALID_TRANSITION']);
    await run('appeal-handler', STEP, { kind: 'OPEN_JOINT_REVIEW', content: '开展联合研判' });
    await run(
      'mi-officer',
      `mutation ($input: MedicalInsuranceFindingInput!) { recordMedicalInsuranceFinding(input: $input) { status } }`,
      {
        content: '2025 年度职工医保未足额缴纳 (underpaid)',
      },
    );
    const branch = world.servicePoints.points.find((p) => p.kind === 'FENGQIAO_BRANCH')!;
    await run(
      'mediator',
      `mutation ($input: MediationSessionInput!) { recordMediationSession(input: $input) { status } }`,
      {
        servicePointId: branch.id,
        content: '调解 (mediation)',
      },
    );
    await run(
      'mediator',
      `mutation ($input: MediationOutcomeInput!) { recordMediationOutcome(input: $input) { status } }`,
      {
        agreed: true,
        content: '同意补缴 (agreed to pay)',
      },
    );
    await run(
      'judge',
      `mutation ($input: JudicialConfirmationInput!) { confirmMediationAgreement(input: $input) { status } }`,
      {
        rulingNumber: '（2026）川1902民特46号',
        content: '协议有效 (valid)',
      },
    );
    const corrected = await run('mi-officer', CORRECT, correction);
    expect(corrected.recordMedicalCorrection!.status).toBe('CONFIRMED');
    expect(corrected.recordMedicalCorrection!.dispute!.timeline.at(-1)).toEqual({
      kind: 'MEDICAL_CORRECTION',
      department: 'MEDICAL_INSURANCE',
      recordedIn: 'medical-insurance',
    });
    const payments = await hub.query<{
      person: {
        medicalInsurance: { yearlyPayments: { year: number; scheme: string; amountPaid: string }[] };
      };
    }>(
      `query ($id: ID!) { person(personId: $id) { medicalInsurance { yearlyPayments { year scheme amountPaid } } } }`,
      { id: person.personId },
      // The person record belongs to social-security: medical insurance reads it under the case.
      { token: await tokenFor('mi-officer'), purpose: `dispute:${caseNumber}` },
    );
    expect(payments.body.errors).toBeUndefined();
    expect(payments.body.data!.person.medicalInsurance.yearlyPayments).toContainEqual({
      year: 2025,
      scheme: 'EMPLOYEE',
      amountPaid: '3600.00',
    });
  });
});

describe('the demo cases seeded in every subgraph', () => {
  it('the showcase case’s timeline holds steps recorded in all five subgraphs, and HRSS’s correction shows in the record', async () => {
    const caseNumber = world.showcase.disputeCaseNumber;
    const { body } = await hub.query<{
      dispute: Omit<DisputeView, 'timeline'> & { timeline: { recordedIn: string }[] };
    }>(
      `query ($n: String!) { dispute(caseNumber: $n) { stage waitingFor timeline { recordedIn } } }`,
      { n: caseNumber },
      { token: await tokenFor('hrss-officer') },
    );
    expect(body.errors).toBeUndefined();
    const { timeline, stage, waitingFor } = body.data!.dispute;
    expect(stage).toBe('EXECUTION');
    expect(waitingFor).toEqual(['TAX']); // the arrears are still to be collected
    expect(new Set(timeline.map((s) => s.recordedIn))).toEqual(
      new Set(['tax', 'social-security', 'medical-insurance', 'service-points', 'courts']),
    );
    // The periods HRSS corrected are paid in the person's contribution record in social-security.
    const correction = world.disputes.socialSecurity.corrections.find((c) => c.caseNumber === caseNumber)!;
    const record = await hub.query<{
      person: {
        socialInsurance: {
          contributions: { period: string; scheme: string; status: string; base: string }[];
        };
      };
    }>(
      `query ($id: ID!) { person(personId: $id) { socialInsurance { contributions(last: 120) { period scheme status base } } } }`,
      { id: correction.personId },
      { token: await tokenFor('hrss-officer'), purpose: `dispute:${caseNumber}` },
    );
    expect(record.body.errors).toBeUndefined();
    const corrected = record.body.data!.person.socialInsurance.contributions.filter(
      (c) => c.scheme === correction.scheme && correction.periods.includes(c.period),
    );
    expect(corrected.map((c) => [c.period, c.status, Number(c.base)]).sort()).toEqual(
      correction.periods.map((p) => [p, 'PAID', Number(correction.base)]),
    );
  });

  it('gives figures over the seeded cases: every open stage, five districts, mediation and satisfaction below 100%', async () => {
    const { body } = await hub.query<{
      disputeStatistics: {
        total: number;
        openByStage: { key: string }[];
        openByDistrict: { key: string }[];
        mediationSuccessRate: number;
        satisfactionRate: number;
        revisits: number;
      };
    }>(
      `{ disputeStatistics { total openByStage { key } openByDistrict { key } mediationSuccessRate satisfactionRate revisits } }`,
      {},
      { token: await tokenFor('analyst') },
    );
    expect(body.errors).toBeUndefined();
    const figures = body.data!.disputeStatistics;
    expect(figures.total).toBeGreaterThanOrEqual(world.disputes.tax.cases.length);
    expect(figures.openByStage.map((s) => s.key).sort()).toEqual(
      [
        'AGREED',
        'EXECUTION',
        'JOINT_REVIEW',
        'JUDICIALLY_CONFIRMED',
        'MEDIATION',
        'NOT_AGREED',
        'REFERRED',
        'REGISTERED',
      ].sort(),
    );
    expect(figures.openByDistrict).toHaveLength(5);
    expect(figures.mediationSuccessRate).toBeGreaterThan(0.5);
    expect(figures.mediationSuccessRate).toBeLessThan(1);
    expect(figures.revisits).toBeGreaterThan(0);
  });

  it('a flexible worker’s failed deductions need no employer; an employer dispute without one is BAD_USER_INPUT', async () => {
    const person = world.socialSecurity.persons[0]!;
    const input = {
      district: 'BAZHOU',
      channel: '12366 热线',
      insuredPersons: [{ personId: person.personId, name: person.name }],
      summary: '灵活就业人员批量扣款连续三月失败 (batch deductions failed three months running)',
    };
    const token = await tokenFor('appeal-handler');
    const own = await hub.query<{ registerDispute: DisputeView & { parties: { role: string }[] } }>(
      `mutation ($input: RegisterDisputeInput!) { registerDispute(input: $input) { stage participants parties { role } } }`,
      { input: { ...input, subject: 'FAILED_BATCH_DEDUCTION', idempotencyKey: randomUUID() } },
      { token },
    );
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data!.registerDispute.parties.map((p) => p.role)).toEqual(['INSURED_PERSON']);
    const employerCase = await hub.query(
      REGISTER,
      { input: { ...input, subject: 'MISSING_PERIODS', idempotencyKey: randomUUID() } },
      { token },
    );
    expect(codes(employerCase.body)).toEqual(['BAD_USER_INPUT']);
    expect(employerCase.body.errors![0]!.extensions!.argument).toBe('input.employerCreditCode');
  });
});
