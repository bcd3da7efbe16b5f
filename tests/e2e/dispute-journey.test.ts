// The journey through the gateway over HTTP, each step with the token of the department that owns
// it and in that department's own subgraph: a petitions-bureau clerk registers a case for two employees
// against an employer; the tax lead opens the joint review; HRSS and medical insurance give findings; a
// mediator records a session and an agreement at a Fengqiao branch; a judge confirms it; HRSS corrects the
// periods (the employee's contribution record now shows them); the tax bureau records the arrears
// collected; the case closes; a revisit records satisfaction. One timeline query shows it all in order.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../core/identity.js';
import { buildWorld } from '../../subgraphs/shared/demo-world/index.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { tokenFor } from '../support/identities.js';

const world = buildWorld('test');
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub?.dispose());

const employees = world.socialSecurity.persons.slice(0, 2);
const periods = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06'];

/** Runs one mutation as `role`; fails the test with the errors if any. */
async function as<T>(role: Role, query: string, input: Record<string, unknown>): Promise<T> {
  const { body } = await hub.query<T>(
    query,
    { input: { idempotencyKey: randomUUID(), ...input } },
    {
      token: await tokenFor(role),
    },
  );
  if (body.errors) throw new Error(`${role}: ${JSON.stringify(body.errors)}`);
  return body.data!;
}

const contributionsOf = async (personId: string) => {
  const { body } = await hub.query<{
    person: {
      socialInsurance: { contributions: { period: string; scheme: string; base: string; status: string }[] };
    };
  }>(
    `query ($id: ID!) { person(personId: $id) { socialInsurance { contributions(last: 120) { period scheme base status } } } }`,
    { id: personId },
    { token: await tokenFor('hrss-officer') },
  );
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!.person.socialInsurance.contributions.filter((c) => c.scheme === 'EMPLOYEE_PENSION');
};

describe('one dispute, eight departments, each recording its own step through the graph', () => {
  it('goes from registration to the revisit, and one timeline query shows every step in order', async () => {
    const { registerDispute } = await as<{ registerDispute: { caseNumber: string } }>(
      'petitions-clerk',
      `mutation ($input: RegisterDisputeInput!) { registerDispute(input: $input) { caseNumber } }`,
      {
        subject: 'MISSING_PERIODS',
        district: 'BAZHOU',
        channel: '信访接待 (petitions visit)',
        employerCreditCode: world.showcase.creditCode,
        employerName: '巴中某建设公司',
        insuredPersons: employees.map((p) => ({ personId: p.personId, name: p.name })),
        representative: { name: '巴州区总工会', tradeUnion: true },
        periodFrom: '2024-01',
        periodTo: '2024-06',
        summary: '两名职工反映单位未缴纳 2024 年上半年养老保险 (two employees: no pension paid for 2024 H1)',
      },
    );
    const caseNumber = registerDispute.caseNumber;
    const TAX_STEP = `mutation ($input: DisputeStepInput!) { recordDisputeStep(input: $input) { stage } }`;
    await as('appeal-handler', TAX_STEP, {
      caseNumber,
      kind: 'OPEN_JOINT_REVIEW',
      content: '牵头开展联合研判 (joint review opened)',
    });
    await as(
      'hrss-officer',
      `mutation ($input: DisputeFindingInput!) { recordDisputeFinding(input: $input) { status } }`,
      {
        caseNumber,
        content: '劳动关系属实，2024 年 1–6 月养老保险未缴 (labour relation confirmed; Jan–Jun 2024 unpaid)',
      },
    );
    await as(
      'mi-officer',
      `mutation ($input: MedicalInsuranceFindingInput!) { recordMedicalInsuranceFinding(input: $input) { status } }`,
      {
        caseNumber,
        content: '同期职工医保已由单位缴纳，无需更正 (medical insurance for the period was paid)',
      },
    );
    const branch = world.servicePoints.points.find((p) => p.kind === 'FENGQIAO_BRANCH')!;
    await as(
      'mediator',
      `mutation ($input: MediationSessionInput!) { recordMediationSession(input: $input) { status } }`,
      {
        caseNumber,
        servicePointId: branch.id,
        content: '在枫桥式税务分局组织职工、单位与工会三方调解 (three-party mediation at the branch)',
      },
    );
    await as(
      'mediator',
      `mutation ($input: MediationOutcomeInput!) { recordMediationOutcome(input: $input) { status } }`,
      {
        caseNumber,
        agreed: true,
        content: '单位同意于 30 日内补缴 (the employer agrees to pay within 30 days)',
      },
    );
    await as(
      'judge',
      `mutation ($input: JudicialConfirmationInput!) { confirmMediationAgreement(input: $input) { status } }`,
      {
        caseNumber,
        rulingNumber: '（2026）川1902民特45号',
        content: '调解协议有效 (the agreement is valid)',
      },
    );
    const before = await contributionsOf(employees[0]!.personId);
    const correction = {
      caseNumber,
      personId: employees[0]!.personId,
      scheme: 'EMPLOYEE_PENSION',
      periods,
      base: '4200.00',
      amount: '672.00',
      content: '按调解协议补记 2024 年 1–6 月缴费 (periods recorded as agreed)',
      idempotencyKey: randomUUID(),
    };
    const CORRECT = `mutation ($input: ContributionCorrectionInput!) { correctContributions(input: $input) { id status } }`;
    const { correctContributions } = await as<{ correctContributions: { id: string; status: string } }>(
      'hrss-officer',
      CORRECT,
      correction,
    );
    expect(correctContributions.status).toBe('CONFIRMED');
    const after = await contributionsOf(employees[0]!.personId);
    for (const period of periods) {
      expect(after.find((c) => c.period === period)).toMatchObject({ status: 'PAID', base: '4200.00' });
    }
    await as('appeal-handler', TAX_STEP, {
      caseNumber,
      kind: 'ARREARS_COLLECTED',
      content: '补缴入库 8064 元 (8,064 yuan collected)',
    });
    await as('appeal-handler', TAX_STEP, {
      caseNumber,
      kind: 'CLOSE',
      content: '协议履行完毕，办结 (agreement executed; closed)',
    });
    await as('appeal-handler', TAX_STEP, {
      caseNumber,
      kind: 'REVISIT',
      content: '回访：当事人对补缴结果满意 (revisit: satisfied)',
      satisfaction: 'SATISFIED',
    });

    const { body } = await hub.query<{
      dispute: {
        stage: string;
        waitingFor: string[];
        timeline: {
          seq: number;
          kind: string;
          department: string;
          recordedIn: string;
          actorName: string;
          at: string;
          satisfaction: string | null;
        }[];
      };
    }>(
      `query ($n: String!) { dispute(caseNumber: $n) { stage waitingFor timeline { seq kind department recordedIn actorName at satisfaction } } }`,
      { n: caseNumber },
      { token: await tokenFor('union-officer') },
    );
    expect(body.errors).toBeUndefined();
    const { stage, waitingFor, timeline } = body.data!.dispute;
    expect(stage).toBe('REVISITED');
    expect(waitingFor).toEqual([]);
    expect(timeline.map((s) => [s.seq, s.kind, s.department, s.recordedIn])).toEqual([
      [1, 'REGISTER', 'PETITIONS', 'tax'],
      [2, 'OPEN_JOINT_REVIEW', 'TAX', 'tax'],
      [3, 'FINDING', 'HRSS', 'social-security'],
      [4, 'FINDING', 'MEDICAL_INSURANCE', 'medical-insurance'],
      [5, 'MEDIATION_SESSION', 'JUSTICE', 'service-points'],
      [6, 'MEDIATION_OUTCOME', 'JUSTICE', 'service-points'],
      [7, 'JUDICIAL_CONFIRMATION', 'COURT', 'courts'],
      [8, 'CONTRIBUTION_CORRECTION', 'HRSS', 'social-security'],
      [9, 'ARREARS_COLLECTED', 'TAX', 'tax'],
      [10, 'CLOSE', 'TAX', 'tax'],
      [11, 'REVISIT', 'TAX', 'tax'],
    ]);
    expect(timeline.at(-1)!.satisfaction).toBe('SATISFIED');
    expect(timeline.slice(0, -1).every((s) => s.satisfaction === null)).toBe(true);
    const times = timeline.map((s) => Date.parse(s.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    // Closed: nothing but a revisit is taken, in any subgraph.
    const late = await hub.query(
      CORRECT,
      {
        input: {
          caseNumber,
          personId: employees[1]!.personId,
          scheme: 'EMPLOYEE_PENSION',
          periods,
          base: '1.00',
          amount: '1.00',
          content: 'x',
          idempotencyKey: randomUUID(),
        },
      },
      { token: await tokenFor('hrss-officer') },
    );
    expect(late.body.errors?.[0]?.extensions?.code).toBe('CASE_CLOSED');

    // The correction is reversible (a revert is no workflow step: it carries no idempotency key).
    const reverted = await hub.query<{ revertContributionCorrection: { status: string } }>(
      `mutation ($input: RevertContributionCorrectionInput!) { revertContributionCorrection(input: $input) { status } }`,
      { input: { id: correctContributions.id, reason: '测试撤销 (reverted in a test)' } },
      { token: await tokenFor('hrss-officer') },
    );
    expect(reverted.body.data?.revertContributionCorrection.status).toBe('REVERTED');
    const restored = await contributionsOf(employees[0]!.personId);
    for (const period of periods) {
      expect(restored.find((c) => c.period === period)).toEqual(before.find((c) => c.period === period));
    }
    // The same correction sent again under its key is a repeat of a reverted one: nothing is re-applied.
    const repeat = await hub.query<{ correctContributions: { status: string } }>(
      CORRECT,
      { input: correction },
      { token: await tokenFor('hrss-officer') },
    );
    expect(repeat.body.data?.correctContributions.status).toBe('REVERTED');
    expect(await contributionsOf(employees[0]!.personId)).toEqual(restored);
  });
});
