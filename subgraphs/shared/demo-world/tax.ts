/**
 * The tax bureau's slice beyond the registry: the large-enterprise team of the "one account, one
 * handbook" service (一户一册) — 36 chief liaisons, each looking after a share of the large enterprises,
 * and 5 general liaisons, each looking after the large enterprises of some industries — plus a few
 * internal notes on the showcase enterprise by tax and HRSS staff.
 */
import { personas } from '../../../core/identity.js';
import type { Enterprise, InternalNote, LiaisonAssignment, LiaisonKind } from '../../tax/entities/index.js';
import type { Base } from './base.js';
import { TODAY, beijingTime, dayOf, isoDate } from './calendar.js';
import { Rng } from './random.js';

export interface TaxSlice {
  liaisonAssignments: LiaisonAssignment[];
  internalNotes: InternalNote[];
}

type Industry = Enterprise['industry'];

export const CHIEF_LIAISON_COUNT = 36;
/** `tax:liaison:C01` … `tax:liaison:C36`: the token subjects of the chief liaisons (首席联络员). */
export const chiefLiaisonSubjects = Array.from(
  { length: CHIEF_LIAISON_COUNT },
  (_, i) => `tax:liaison:C${String(i + 1).padStart(2, '0')}`,
);
/** `tax:liaison:G1` … `tax:liaison:G5`: the general liaisons (一般联络员), one per group of industries. */
export const generalLiaisonSubjects = [1, 2, 3, 4, 5].map((n) => `tax:liaison:G${n}`);
/** The subject `npm run token -- --role liaison` mints by default: the demo persona's liaison. */
export const DEMO_LIAISON_SUBJECT = 'tax:liaison:demo';

/** Which general liaison looks after each industry (groups of roughly equal weight among large enterprises). */
export const generalLiaisonByIndustry: Record<Industry, string> = {
  // G1 建筑业 (construction)
  CONSTRUCTION: 'tax:liaison:G1',
  // G2 房地产、金融与商务服务 (real estate, finance, business services)
  REAL_ESTATE: 'tax:liaison:G2',
  FINANCE: 'tax:liaison:G2',
  BUSINESS_SERVICES: 'tax:liaison:G2',
  // G3 制造与采矿 (manufacturing and mining)
  MANUFACTURING: 'tax:liaison:G3',
  MINING: 'tax:liaison:G3',
  // G4 能源、交通与信息 (utilities, transport, information technology)
  UTILITIES: 'tax:liaison:G4',
  TRANSPORT: 'tax:liaison:G4',
  INFORMATION_TECHNOLOGY: 'tax:liaison:G4',
  // G5 商贸、民生与社会事业 (trade, consumer services and public services)
  WHOLESALE_RETAIL: 'tax:liaison:G5',
  ACCOMMODATION_CATERING: 'tax:liaison:G5',
  RESIDENT_SERVICES: 'tax:liaison:G5',
  CULTURE: 'tax:liaison:G5',
  AGRICULTURE: 'tax:liaison:G5',
  HEALTH: 'tax:liaison:G5',
  EDUCATION: 'tax:liaison:G5',
  PUBLIC_FACILITIES: 'tax:liaison:G5',
};

/** Besides the showcase, how many large enterprises the demo liaison looks after. */
const DEMO_LIAISON_EXTRA = 5;
/** The team took up its work on this day; assignments date from then on. */
const TEAM_FORMED = dayOf(2024, 3, 1);
const MS_PER_DAY = 86_400_000;

export function buildTax(base: Base): TaxSlice {
  const rng = new Rng(`bazhong-demo-world:${base.scale}:tax`);
  const large = base.enterprises.filter((e) => e.isLargeEnterprise);
  const assignments: LiaisonAssignment[] = [];
  const assign = (liaisonSubject: string, e: Enterprise, kind: LiaisonKind, from: number) => {
    const registered = Date.parse(e.registeredOn) / MS_PER_DAY;
    const day = Math.min(TODAY, Math.max(from + rng.int(0, 180), registered));
    assignments.push({
      id: rng.uuid(),
      liaisonSubject,
      creditCode: e.creditCode,
      kind,
      assignedOn: isoDate(day),
    });
  };

  // Chief liaisons: contiguous shares of the large enterprises in (district, credit code) order, so a
  // chief's enterprises sit in one or two districts. At 'test' scale (30 enterprises) some chiefs have none.
  // (Code-unit order, not localeCompare: the world must not depend on the machine's locale.)
  const key = (e: Enterprise) => `${e.district} ${e.creditCode}`;
  const byDistrict = [...large].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  byDistrict.forEach((e, i) => {
    const chief = chiefLiaisonSubjects[Math.floor((i * CHIEF_LIAISON_COUNT) / byDistrict.length)]!;
    assign(chief, e, 'CHIEF', TEAM_FORMED);
  });
  // General liaisons: by industry.
  for (const e of large) assign(generalLiaisonByIndustry[e.industry], e, 'GENERAL', TEAM_FORMED);
  // The demo liaison: the showcase and a handful of other large enterprises, assigned this autumn.
  const showcase = base.showcase.employer.enterprise;
  const others = rng.sample(
    large.filter((e) => e.creditCode !== showcase.creditCode),
    DEMO_LIAISON_EXTRA,
  );
  for (const e of [showcase, ...others]) assign(DEMO_LIAISON_SUBJECT, e, 'CHIEF', dayOf(2026, 9, 1));

  return { liaisonAssignments: assignments, internalNotes: showcaseNotes(rng, showcase.creditCode) };
}

/** Notes by the demo personas of the tax bureau and the HRSS bureau (what `npm run token` mints). */
function showcaseNotes(rng: Rng, creditCode: string): InternalNote[] {
  const note = (role: 'liaison' | 'analyst' | 'hrss-officer', at: Date, content: string): InternalNote => {
    const persona = personas[role];
    return {
      id: rng.uuid(),
      creditCode,
      agency: persona.agency,
      authorSubject: `${persona.agency}:${role}:demo`,
      authorName: persona.label,
      content,
      createdAt: at,
      idempotencyKey: `demo-world:${rng.uuid()}`,
    };
  };
  return [
    note(
      'liaison',
      beijingTime(dayOf(2026, 10, 20), 15, 30),
      '已完成 2026 年三季度税费健康体检：内控与申报合规情况良好，建议关注集团内部关联交易定价资料的更新。',
    ),
    note(
      'analyst',
      beijingTime(dayOf(2026, 11, 12), 10, 5),
      '风险分析：本季度进项发票集中于两家外地供应商，已列入下月回访核实事项。',
    ),
    note(
      'hrss-officer',
      beijingTime(dayOf(2026, 11, 18), 9, 40),
      '原职工劳动争议已由法院立案，已向法院提供其参保缴费记录；在职职工参保缴费正常。',
    ),
  ];
}
