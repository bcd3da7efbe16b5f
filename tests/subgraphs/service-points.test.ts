// The service-points subgraph in process, on its own real PostgreSQL database seeded with the 'test' world.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld } from '../../subgraphs/shared/demo-world/index.js';
import type { ServicePoint, ServiceRecord } from '../../subgraphs/service-points/entities/index.js';
import { lastMonths } from '../../subgraphs/shared/health/windows.js';
import { execute, startTestSubgraph, type TestSubgraph } from '../support/databases.js';
import {
  expectIndicator,
  healthIndicatorsOf,
  timed,
  type ExpectedSpec,
} from '../support/health-indicators.js';
import { testIdentity } from '../support/identities.js';

const world = buildWorld('test');
const { points, records } = world.servicePoints;
let sp: TestSubgraph;

beforeAll(async () => {
  sp = await startTestSubgraph('service-points');
});
afterAll(async () => sp?.dispose());

/** Code-unit order; ids of one kind share one shape (SP-511902-xx-0001, uuids), so the database sorts them alike. */
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Haversine distance in metres, computed here independently of the subgraph's SQL. */
function haversine(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const a =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** The records the SDL promises for a key: newest first (ties by id), at most 50. */
function newestRecords(filter: (r: ServiceRecord) => boolean): ServiceRecord[] {
  return records
    .filter(filter)
    .sort((a, b) => b.servedAt.getTime() - a.servedAt.getTime() || byString(b.id, a.id))
    .slice(0, 50);
}

const recordFields = `id service mode summary servedAt servicePoint { id name }`;
type RecordResult = {
  id: string;
  service: string;
  mode: string;
  summary: string;
  servedAt: string;
  servicePoint: { id: string; name: string };
};
const pointName = new Map(points.map((p) => [p.id, p.name]));
const expectedRecord = (r: ServiceRecord): RecordResult => ({
  id: r.id,
  service: r.service,
  mode: r.mode,
  summary: r.summary,
  servedAt: r.servedAt.toISOString(),
  servicePoint: { id: r.servicePointId, name: pointName.get(r.servicePointId)! },
});

const pointFields = `id name kind district address latitude longitude services openingHours hostOrganisation phone`;
const expectedPoint = (p: ServicePoint) => ({
  id: p.id,
  name: p.name,
  kind: p.kind,
  district: p.district,
  address: p.address,
  latitude: p.latitude,
  longitude: p.longitude,
  services: p.services,
  openingHours: p.openingHours,
  hostOrganisation: p.hostOrganisation,
  phone: p.phone ?? null,
});

type EntitiesResult = {
  _entities: ({ creditCode?: string; personId?: string; serviceRecords: RecordResult[] | null } | null)[];
};

describe('service-points subgraph', () => {
  it('has a world slice worth testing', () => {
    expect(points.length).toBeGreaterThan(20);
    expect(records.some((r) => r.creditCode)).toBe(true);
    expect(records.some((r) => r.personId)).toBe(true);
  });

  it('returns a service point by id with all its fields', async () => {
    const point = points.find((p) => p.phone) ?? points[0]!;
    const before = sp.runtime.sql.count;
    const result = await execute(
      sp.runtime,
      `query ($id: ID!) { servicePoint(id: $id) { ${pointFields} } }`,
      {
        id: point.id,
      },
    );
    expect(result.errors).toBeUndefined();
    expect(sp.runtime.sql.count - before).toBe(1);
    expect(result.data).toEqual({ servicePoint: expectedPoint(point) });
  });

  it("shows the showcase enterprise's and person's service records, newest first", async () => {
    const { creditCode, personId } = world.showcase;
    const result = await execute<EntitiesResult>(
      sp.runtime,
      `query ($r: [_Any!]!) { _entities(representations: $r) {
        ... on Enterprise { creditCode serviceRecords { ${recordFields} } }
        ... on Person { personId serviceRecords { ${recordFields} } } } }`,
      {
        r: [
          { __typename: 'Enterprise', creditCode },
          { __typename: 'Person', personId },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    const enterpriseRecords = newestRecords((r) => r.creditCode === creditCode);
    const personRecords = newestRecords((r) => r.personId === personId);
    // The showcase has records in this agency by construction (the dispute handled at a Fengqiao branch).
    expect(enterpriseRecords.length).toBeGreaterThanOrEqual(3);
    expect(personRecords.length).toBeGreaterThanOrEqual(3);
    expect(result.data!._entities).toEqual([
      { creditCode, serviceRecords: enterpriseRecords.map(expectedRecord) },
      { personId, serviceRecords: personRecords.map(expectedRecord) },
    ]);
    const times = result.data!._entities[1]!.serviceRecords!.map((r) => Date.parse(r.servedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("returns a point's public office landline whole: it is not personal data, and nothing else here is", async () => {
    // Masking applies to persons' phones and ID numbers; this slice holds neither (records name persons
    // only by personId). A point's consultation phone is the office's published landline, so it is shown.
    const sample = [
      ...points.filter((p) => p.phone).slice(0, 20),
      ...points.filter((p) => !p.phone).slice(0, 5),
    ];
    expect(sample.some((p) => p.phone === null)).toBe(true);
    expect(sample.filter((p) => p.phone).every((p) => /^0827-\d{7}$/.test(p.phone!))).toBe(true);
    const result = await execute<Record<string, { phone: string | null }>>(
      sp.runtime,
      `{ ${sample.map((p, i) => `p${i}: servicePoint(id: "${p.id}") { phone }`).join(' ')} }`,
    );
    expect(result.errors).toBeUndefined();
    expect(sample.map((_, i) => result.data![`p${i}`]!.phone)).toEqual(sample.map((p) => p.phone ?? null));
  });

  it('answers NOT_FOUND for an unknown service point id', async () => {
    const result = await execute(sp.runtime, `{ servicePoint(id: "SP-NO-SUCH-POINT") { name } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(result.errors?.[0]?.message).toContain('服务点');
    expect(result.data?.servicePoint).toBeNull();
  });

  type Page = {
    servicePoints: {
      edges: { cursor: string; node: { id: string } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      totalCount: number;
    };
  };

  /** Walks every page of a filtered list and returns the ids in order, checking the total on each page. */
  async function walk(filter: Record<string, string>, first: number, total: number): Promise<string[]> {
    const query = `query ($filter: ServicePointFilter, $first: Int, $after: String) {
      servicePoints(filter: $filter, first: $first, after: $after) {
        edges { cursor node { id } } pageInfo { hasNextPage endCursor } totalCount } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 1000; guard++) {
      const result: Awaited<ReturnType<typeof execute<Page>>> = await execute<Page>(sp.runtime, query, {
        filter,
        first,
        after,
      });
      expect(result.errors).toBeUndefined();
      const page = result.data!.servicePoints;
      expect(page.totalCount).toBe(total);
      expect(page.edges.length).toBeLessThanOrEqual(first);
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)!.cursor);
      after = page.pageInfo.endCursor;
    }
    return seen;
  }

  it('pages through all service points by id', async () => {
    const all = points.map((p) => p.id).sort(byString);
    expect(await walk({}, 7, all.length)).toEqual(all);
  });

  it('costs the same statements for a page of 10 or 200 points (one page query, one count)', async () => {
    const counts: number[] = [];
    for (const first of [10, 200]) {
      const before = sp.runtime.sql.count;
      const result = await execute(
        sp.runtime,
        `query ($first: Int) { servicePoints(first: $first) { edges { node { ${pointFields} } } totalCount } }`,
        { first },
      );
      expect(result.errors).toBeUndefined();
      counts.push(sp.runtime.sql.count - before);
    }
    expect(counts).toEqual([2, 2]);
  });

  it('filters service points by district, kind and offered service', async () => {
    const sample = points[0]!;
    const service = sample.services[0]!;
    const cases: [Record<string, string>, (p: ServicePoint) => boolean][] = [
      [{ district: sample.district }, (p) => p.district === sample.district],
      [{ kind: sample.kind }, (p) => p.kind === sample.kind],
      [{ service }, (p) => p.services.includes(service)],
      [
        { district: sample.district, kind: sample.kind, service },
        (p) => p.district === sample.district && p.kind === sample.kind && p.services.includes(service),
      ],
    ];
    for (const [filter, keep] of cases) {
      const expected = points
        .filter(keep)
        .map((p) => p.id)
        .sort(byString);
      expect(expected.length).toBeGreaterThan(0);
      expect(await walk(filter, 5, expected.length)).toEqual(expected);
    }
  });

  it('finds the nearest points offering a service, in ascending distance, in one statement', async () => {
    // A spot near a real point, so the nearest list is not trivially the same for every service.
    const origin = {
      latitude: Number(points[0]!.latitude) + 0.01,
      longitude: Number(points[0]!.longitude) - 0.01,
    };
    const offered = [...new Set(points.flatMap((p) => p.services))];
    for (const service of [...offered.slice(0, 4), null]) {
      const expected = points
        .filter((p) => service === null || p.services.includes(service))
        .map((p) => ({
          id: p.id,
          d: haversine(origin.latitude, origin.longitude, Number(p.latitude), Number(p.longitude)),
        }))
        .sort((a, b) => a.d - b.d || byString(a.id, b.id))
        .slice(0, 8);
      const before = sp.runtime.sql.count;
      const result = await execute<{
        nearestServicePoints: { distanceMeters: number; point: { id: string; services: string[] } }[];
      }>(
        sp.runtime,
        `query ($lat: Float!, $lon: Float!, $service: ServiceKind) {
          nearestServicePoints(latitude: $lat, longitude: $lon, service: $service, first: 8) {
            distanceMeters point { id services } } }`,
        { lat: origin.latitude, lon: origin.longitude, service },
      );
      expect(result.errors).toBeUndefined();
      expect(sp.runtime.sql.count - before).toBe(1);
      const nearest = result.data!.nearestServicePoints;
      expect(nearest.map((n) => n.point.id)).toEqual(expected.map((e) => e.id));
      nearest.forEach((n, i) => {
        if (service) expect(n.point.services).toContain(service);
        expect(Number.isInteger(n.distanceMeters)).toBe(true);
        expect(Math.abs(n.distanceMeters - expected[i]!.d)).toBeLessThanOrEqual(1);
        if (i > 0) expect(n.distanceMeters).toBeGreaterThanOrEqual(nearest[i - 1]!.distanceMeters);
      });
    }
  });

  it('returns the default five nearest points when first is omitted', async () => {
    const p = points[1]!;
    const result = await execute<{
      nearestServicePoints: { distanceMeters: number; point: { id: string } }[];
    }>(
      sp.runtime,
      `query ($lat: Float!, $lon: Float!) { nearestServicePoints(latitude: $lat, longitude: $lon) {
        distanceMeters point { id } } }`,
      { lat: p.latitude, lon: p.longitude },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.nearestServicePoints).toHaveLength(Math.min(5, points.length));
    // The point itself (or one at the very same spot) comes first, at distance zero.
    expect(result.data!.nearestServicePoints[0]!.distanceMeters).toBe(0);
  });

  it('adds service records to enterprises as the gateway asks (_entities), batched, in key order', async () => {
    const withRecords = [...new Set(records.flatMap((r) => (r.creditCode ? [r.creditCode] : [])))];
    const without = world.tax.enterprises.map((e) => e.creditCode).filter((c) => !withRecords.includes(c));
    // Mix enterprises with and without records so that empty lists must land in their own key's slot.
    expect(withRecords.length).toBeGreaterThanOrEqual(25);
    expect(without.length).toBeGreaterThanOrEqual(25);
    const keys = (n: number) =>
      Array.from({ length: n }, (_, i) => (i % 3 === 2 ? without[i]! : withRecords[i]!));
    const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
      ... on Enterprise { creditCode serviceRecords { ${recordFields} } } } }`;
    const counts: number[] = [];
    for (const n of [5, 25]) {
      const codes = keys(n);
      const before = sp.runtime.sql.count;
      const result = await execute<EntitiesResult>(sp.runtime, query, {
        representations: codes.map((creditCode) => ({ __typename: 'Enterprise', creditCode })),
      });
      counts.push(sp.runtime.sql.count - before);
      expect(result.errors).toBeUndefined();
      expect(result.data!._entities).toEqual(
        codes.map((creditCode) => {
          const expected = newestRecords((r) => r.creditCode === creditCode);
          return { creditCode, serviceRecords: expected.map(expectedRecord) };
        }),
      );
    }
    // One statement for the records of all keys, one for all their service points: N does not matter.
    expect(counts).toEqual([2, 2]);
  });

  it('adds service records to persons, and serves both entity types in one batched request', async () => {
    const personIds = [...new Set(records.flatMap((r) => (r.personId ? [r.personId] : [])))].slice(0, 20);
    const noRecords = world.socialSecurity.persons
      .map((p) => p.personId)
      .filter((id) => !records.some((r) => r.personId === id))
      .slice(0, 5);
    const codes = [...new Set(records.flatMap((r) => (r.creditCode ? [r.creditCode] : [])))].slice(0, 5);
    type Representation =
      { __typename: 'Person'; personId: string } | { __typename: 'Enterprise'; creditCode: string };
    const person = (personId: string): Representation => ({ __typename: 'Person', personId });
    const representations: Representation[] = [
      ...personIds.slice(0, 10).map(person),
      ...codes.map((creditCode): Representation => ({ __typename: 'Enterprise', creditCode })),
      ...noRecords.map(person),
      ...personIds.slice(10).map(person),
    ];
    const before = sp.runtime.sql.count;
    const result = await execute<EntitiesResult>(
      sp.runtime,
      `query ($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on Person { personId serviceRecords { ${recordFields} } }
        ... on Enterprise { creditCode serviceRecords { id } } } }`,
      { representations },
    );
    expect(result.errors).toBeUndefined();
    // Person records, enterprise records, and the service points: three statements in all.
    expect(sp.runtime.sql.count - before).toBe(3);
    expect(result.data!._entities).toEqual(
      representations.map((rep) => {
        if (rep.__typename === 'Enterprise') {
          const expected = newestRecords((r) => r.creditCode === rep.creditCode);
          return {
            creditCode: rep.creditCode,
            serviceRecords: expected.map((r) => ({ id: r.id })),
          };
        }
        const expected = newestRecords((r) => r.personId === rep.personId);
        return {
          personId: rep.personId,
          serviceRecords: expected.map(expectedRecord),
        };
      }),
    );
  });

  it('answers an empty list for keys this agency has never served, even keys that look like SQL', async () => {
    const keys = ["9151190200000000' or '1'='1", 'NO-SUCH-PERSON'];
    const result = await execute<EntitiesResult>(
      sp.runtime,
      `query ($r: [_Any!]!) { _entities(representations: $r) {
        ... on Enterprise { creditCode serviceRecords { id } } ... on Person { personId serviceRecords { id } } } }`,
      {
        r: [
          { __typename: 'Enterprise', creditCode: keys[0] },
          { __typename: 'Person', personId: keys[1] },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      { creditCode: keys[0], serviceRecords: [] },
      { personId: keys[1], serviceRecords: [] },
    ]);
  });

  it('returns only the newest 50 records of a key that has more', async () => {
    // The test world has no key with over 50 records: give an unregistered person 60, straight in SQL.
    const personId = 'SP-TEST-BUSY-PERSON';
    const pointId = points[0]!.id;
    const start = Date.UTC(2025, 0, 1);
    const client = new pg.Client({ connectionString: sp.databaseUrl });
    await client.connect();
    try {
      for (let i = 0; i < 60; i++) {
        await client.query(
          `insert into service_record (id, service_point_id, person_id, service, mode, summary, served_at)
           values ($1, $2, $3, 'TAX_CONSULTATION', 'ROUTINE', $4, $5)`,
          [randomUUID(), pointId, personId, `第 ${i} 次咨询`, new Date(start + i * 3_600_000)],
        );
      }
    } finally {
      await client.end();
    }
    const result = await execute<EntitiesResult>(
      sp.runtime,
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { serviceRecords { summary servedAt } } } }`,
      { r: [{ __typename: 'Person', personId }] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities[0]!.serviceRecords).toEqual(
      Array.from({ length: 50 }, (_, k) => {
        const i = 59 - k;
        return { summary: `第 ${i} 次咨询`, servedAt: new Date(start + i * 3_600_000).toISOString() };
      }),
    );
  });

  it('refuses out-of-range arguments with BAD_USER_INPUT and a forged cursor with INVALID_CURSOR', async () => {
    const nearest = (args: string) => `{ nearestServicePoints(${args}) { distanceMeters } }`;
    const bad = [
      nearest('latitude: 90.5, longitude: 106.7'),
      nearest('latitude: -91, longitude: 106.7'),
      nearest('latitude: 31.8, longitude: 180.01'),
      nearest('latitude: 31.8, longitude: -181'),
      nearest('latitude: 31.8, longitude: 106.7, first: 0'),
      nearest('latitude: 31.8, longitude: 106.7, first: 51'),
      `{ servicePoints(first: 0) { totalCount } }`,
      `{ servicePoints(first: -1) { totalCount } }`,
      `{ servicePoints(first: 501) { totalCount } }`,
    ];
    for (const query of bad) {
      const result = await execute(sp.runtime, query);
      expect(result.errors?.[0]?.extensions?.code, query).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message, query).toMatch(/[\u4e00-\u9fff].*\(.+\)/);
    }
    const edges = await execute(sp.runtime, nearest('latitude: -90, longitude: 180, first: 50'));
    expect(edges.errors).toBeUndefined();
    const forged = await execute(sp.runtime, `{ servicePoints(after: "bm90LWEtY3Vyc29y") { totalCount } }`);
    expect(forged.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
  });

  describe('health-check indicators (Enterprise.servicePointHealthIndicators)', () => {
    const FIELD = 'servicePointHealthIndicators';
    /** As the brief states it: the one-stop points are the tax bureau's. */
    const SP_ASSISTED_SERVICES: ExpectedSpec = {
      code: 'SP_ASSISTED_SERVICES',
      sourceAgency: 'TAX',
      unit: '次',
      rule: { amber: 4, red: 8, higherIsWorse: true },
    };
    const served = [...new Set(records.flatMap((r) => (r.creditCode ? [r.creditCode] : [])))];
    const neverServed = () =>
      world.tax.enterprises.map((e) => e.creditCode).filter((c) => !served.includes(c));
    /** Assisted or beyond-expectation services since the same day a year before `now`. */
    const assistedOf = (creditCode: string, now: Date) => {
      const { from } = lastMonths(now, 12);
      return records.filter(
        (r) =>
          r.creditCode === creditCode &&
          (r.mode === 'ASSISTED' || r.mode === 'BEYOND_EXPECTATION') &&
          r.servedAt >= from,
      ).length;
    };

    it('counts each served enterprise’s assisted services of the last 12 months as its records say', async () => {
      const { indicators, errors, window } = await timed(() => healthIndicatorsOf(sp.runtime, FIELD, served));
      expect(errors).toBeUndefined();
      const values = served.map((code, i) => {
        const [ind, ...rest] = indicators[i]!;
        expect(rest).toEqual([]);
        expectIndicator(ind!, SP_ASSISTED_SERVICES, assistedOf(code, new Date(ind!.asOf)), window);
        return ind!.value;
      });
      // Some enterprises were helped, some only served routinely (while the window still reaches the
      // world's "today", 2026-11-30).
      expect(values.some((v) => v === 0)).toBe(true);
      if (lastMonths(new Date(), 12).fromDate <= '2026-11-30') expect(values.some((v) => v > 0)).toBe(true);
    });

    it('gives an enterprise no point has served a zero, with a note that says so', async () => {
      const codes = neverServed().slice(0, 3);
      const { indicators, errors, window } = await timed(() => healthIndicatorsOf(sp.runtime, FIELD, codes));
      expect(errors).toBeUndefined();
      for (const list of indicators) {
        expectIndicator(list![0]!, SP_ASSISTED_SERVICES, 0, window);
        expect(list![0]!.note).toContain('无该企业的服务记录');
      }
    });

    it('costs one SQL statement for one enterprise as for every served enterprise and more', async () => {
      const one = await healthIndicatorsOf(sp.runtime, FIELD, [world.showcase.creditCode]);
      const many = await healthIndicatorsOf(sp.runtime, FIELD, [...served, ...neverServed().slice(0, 20)]);
      expect(one.errors).toBeUndefined();
      expect(many.errors).toBeUndefined();
      expect(many.statements).toBe(one.statements);
      expect(one.statements).toBe(1);
    });

    it('gives an enterprise contact the indicators of its own enterprise only', async () => {
      const own = world.showcase.creditCode;
      const contact = testIdentity('enterprise-contact', { creditCode: own });
      const other = served.find((code) => code !== own)!;
      const { indicators, errors } = await healthIndicatorsOf(sp.runtime, FIELD, [own, other], contact);
      expect(errors).toBeUndefined();
      expect(indicators[0]!.map((ind) => ind.code)).toEqual(['SP_ASSISTED_SERVICES']);
      expect(indicators[1]).toBeNull();
    });
  });

  it('keeps migrations in step with the entities (no pending schema difference)', async () => {
    const diff = await sp.runtime.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });
});
