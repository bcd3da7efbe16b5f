/**
 * The tax bureau's appeals (税费诉求) in the demo world: the legacy yearly figures of the study's Table 2
 * (2019–2024), and every appeal received from 1 January 2025 to "today" (30 November 2026) from the 23
 * channels, each with its whole history through the closed loop.
 *
 * Volumes follow the working week and the seasons of the tax year (the individual-income-tax
 * reconciliation in spring, social-insurance contribution periods, filing deadlines in each month's first
 * half, housing sales, the heating season's property bills, the Spring Festival dip). Valid reports via
 * 12366 and 12345 continue Table 2 per district and year, and reports are overwhelmingly about refused
 * invoices. Appeals are drafted first (time, topic, kind, channel), then walked in the order received:
 * each gets a party from the world's enterprises and persons, a text the classifier reads, the ledger's
 * duplicate link, and its steps — decided by `decideAppealStep` and applied by `applyToAppeal`, cut at
 * "now", so the rows are what the hub would have written. One week is planted: in the week of 16 November
 * 2026 employers' and flexible workers' batch deductions failed and their appeals surge.
 */
import type { Appeal, AppealStep, AppealYearlyFigure } from '../../tax/entities/index.js';
import {
  CITY_TASK_FORCE,
  handlingUnitByCode,
  suggestedUnit,
  supervisingUnitOf,
  tableTwoChannels,
  type AppealChannel,
  type AppealKind,
} from '../../tax/appeals/catalogue.js';
import {
  DUPLICATE_WINDOW_DAYS,
  appealNumber,
  applyToAppeal,
  chinaYear,
  receivedAppeal,
} from '../../tax/appeals/ledger.js';
import { classify, topicLabel } from '../../tax/appeals/topics.js';
import {
  decideAppealStep,
  investigationLimitDays,
  type AppealSatisfaction,
  type AppealStepKind,
} from '../../tax/appeals/workflow.js';
import { districts, type District } from '../enums.js';
import {
  appealText,
  estateName,
  hasVagueTexts,
  surgeText,
  type SurgeAppellant,
  type TextContext,
} from './appeal-texts.js';
import type { Base, EmployerInfo, PersonInfo, Scale } from './base.js';
import { CURRENT_MONTH, TODAY, dayOf } from './calendar.js';
import { GEO, enterpriseDistricts, populationDistricts } from './geography.js';
import { mobile, personName } from './names.js';
import { Rng, apportion, weighted, type Weighted } from './random.js';
import type { Enterprise } from '../../tax/entities/enterprise.js';

export interface AppealsSlice {
  /** The legacy figures of Table 2, 2019–2024. */
  yearlyFigures: AppealYearlyFigure[];
  appeals: Appeal[];
  steps: AppealStep[];
  /** The last appeal number drawn: `appeal_number_seq` continues after it. */
  lastNumber: number;
}

// ---------------------------------------------------------------------------------------------------
// Table 2 and the plan of valid reports since

export const TABLE_TWO_YEARS = [2019, 2020, 2021, 2022, 2023, 2024] as const;
/** 经 12366、12345 受理的有效涉税举报件, by district, 2019…2024 (the study's Table 2). */
export const TABLE_TWO: Record<District, readonly number[]> = {
  BAZHOU: [241, 223, 163, 150, 180, 138],
  ENYANG: [24, 15, 20, 29, 27, 13],
  PINGCHANG: [56, 48, 38, 48, 60, 32],
  TONGJIANG: [60, 34, 34, 25, 21, 23],
  NANJIANG: [44, 20, 36, 30, 27, 19],
};
export const TABLE_TWO_SOURCE = '研究报告表 2：经 12366、12345 受理的有效涉税举报件 (the study’s Table 2)';

type HubYear = 2025 | 2026;
const CITY_VALID_REPORTS: Record<HubYear, Record<District, number>> = {
  // The trend goes on gently downwards; 2026 is January to November.
  2025: { BAZHOU: 129, ENYANG: 15, PINGCHANG: 30, TONGJIANG: 21, NANJIANG: 18 },
  2026: { BAZHOU: 112, ENYANG: 11, PINGCHANG: 27, TONGJIANG: 19, NANJIANG: 16 },
};
/**
 * Valid reports via 12366 / 12345 (not refused, not a likely duplicate) the appeals hold per year and
 * district: the city's own at demo and city scale, a tenth at test scale.
 */
export const VALID_REPORTS: Record<Scale, Record<HubYear, Record<District, number>>> = {
  test: {
    2025: { BAZHOU: 13, ENYANG: 2, PINGCHANG: 3, TONGJIANG: 2, NANJIANG: 2 },
    2026: { BAZHOU: 11, ENYANG: 1, PINGCHANG: 3, TONGJIANG: 2, NANJIANG: 2 },
  },
  demo: CITY_VALID_REPORTS,
  city: CITY_VALID_REPORTS,
};
/** Per valid report via 12366 / 12345: refused ones, repeats of one and reports by other channels. */
const REJECTED_PER_VALID = 0.18;
const REPEATS_PER_VALID = 0.08;
const OTHER_CHANNELS_PER_VALID = 0.3;

/** All appeals received from 2025-01-01 to 2026-11-30, by scale (about 250, 6,300 and 20,900 a year). */
export const APPEAL_COUNTS: Record<Scale, number> = { test: 480, demo: 12_000, city: 40_000 };

/** The planted hot topic: its week (Monday, UTC+8) and how many times the usual count it reaches. */
export const SURGE = {
  topic: 'SOCIAL_INSURANCE_DEDUCTION',
  weekStart: '2026-11-16',
  /** The week's appeals on the topic ≈ this many times its expected count (at least 8 extra, so that the test world sees it too). */
  factor: 3,
} as const;

/** The first day appeals are held for, and the moment the world stands at (today, 18:00 in Bazhong). */
export const FIRST_APPEAL_DAY = dayOf(2025, 1, 1);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY_MS = 24 * HOUR;
export const APPEALS_NOW = new Date(TODAY * DAY_MS + 10 * HOUR);
const NOW = APPEALS_NOW.getTime();

// ---------------------------------------------------------------------------------------------------
// The calendar: working days, public holidays and the seasons

const md = (y: number, m: number, d: number) => dayOf(y, m, d);
const span = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
/** Public holidays (法定节假日 with their bridging days) of 2025 and 2026. */
const HOLIDAYS = new Set<number>([
  md(2025, 1, 1),
  ...span(md(2025, 1, 28), md(2025, 2, 4)),
  ...span(md(2025, 4, 4), md(2025, 4, 6)),
  ...span(md(2025, 5, 1), md(2025, 5, 5)),
  ...span(md(2025, 5, 31), md(2025, 6, 2)),
  ...span(md(2025, 10, 1), md(2025, 10, 8)),
  ...span(md(2026, 1, 1), md(2026, 1, 3)),
  ...span(md(2026, 2, 15), md(2026, 2, 23)),
  ...span(md(2026, 4, 4), md(2026, 4, 6)),
  ...span(md(2026, 5, 1), md(2026, 5, 5)),
  ...span(md(2026, 6, 19), md(2026, 6, 21)),
  ...span(md(2026, 9, 25), md(2026, 9, 27)),
  ...span(md(2026, 10, 1), md(2026, 10, 7)),
]);
/** Weekends worked in exchange (调休上班). */
const MAKEUP_DAYS = new Set<number>([
  md(2025, 1, 26),
  md(2025, 2, 8),
  md(2025, 4, 27),
  md(2025, 9, 28),
  md(2025, 10, 11),
  md(2026, 1, 4),
  md(2026, 2, 14),
  md(2026, 2, 28),
  md(2026, 5, 9),
  md(2026, 9, 20),
  md(2026, 10, 10),
]);
/** 春节 (New Year's day of the lunar calendar). */
const SPRING_FESTIVALS = [md(2025, 1, 29), md(2026, 2, 17)];

/** 0 Sunday … 6 Saturday. */
const weekday = (day: number) => (day + 4) % 7;
export const isWorkingDay = (day: number) =>
  MAKEUP_DAYS.has(day) || (!HOLIDAYS.has(day) && weekday(day) !== 0 && weekday(day) !== 6);

const WEEKDAY_FACTOR = [0.26, 1.18, 1.1, 1.05, 1.0, 0.93, 0.32];

/** How busy a day is, whatever the topic: the working week, holidays, the Spring Festival dip. */
function dayFactor(day: number): number {
  let f = HOLIDAYS.has(day) ? 0.2 : MAKEUP_DAYS.has(day) ? 0.9 : WEEKDAY_FACTOR[weekday(day)]!;
  for (const festival of SPRING_FESTIVALS) {
    const d = day - festival;
    if (!HOLIDAYS.has(day) && d >= -12 && d <= 14) f *= 0.6 + 0.4 * Math.min(1, Math.abs(d) / 14);
  }
  return f;
}

/** Monthly factors per topic (January … December), interpolated between the middles of the months. */
const SEASONS: Record<string, readonly number[]> = {
  // The individual-income-tax reconciliation (年度汇算), March to June.
  REFUND: [0.45, 0.5, 2.3, 2.5, 2.1, 1.6, 0.6, 0.45, 0.45, 0.45, 0.45, 0.45],
  IIT_IDENTITY_MISUSE: [0.6, 0.6, 1.8, 2.0, 1.6, 1.2, 0.8, 0.7, 0.7, 0.7, 0.7, 0.7],
  // Deductions are confirmed for the coming year in December and claimed in the reconciliation.
  PREFERENTIAL_POLICY: [1.05, 1.0, 1.7, 1.8, 1.5, 1.25, 0.9, 0.85, 0.85, 0.85, 0.9, 1.3],
  ETAX: [1.1, 0.9, 1.4, 1.3, 1.1, 1.0, 1.0, 0.9, 0.9, 1.0, 1.0, 1.05],
  // Contribution periods: January, and the resident insurance's collection from September.
  SOCIAL_INSURANCE: [1.6, 1.0, 0.8, 0.7, 0.7, 0.8, 1.0, 1.1, 1.25, 1.35, 1.4, 1.55],
  SOCIAL_INSURANCE_DEDUCTION: [1.3, 0.9, 0.8, 0.8, 0.8, 0.9, 1.0, 1.1, 1.2, 1.25, 1.3, 1.3],
  // Annual filings in January and May (the enterprise income tax's reconciliation by 31 May).
  FILING: [1.2, 0.9, 1.0, 1.05, 1.35, 1.0, 1.05, 1.0, 0.95, 1.05, 1.0, 1.0],
  INVOICE: [1.1, 0.85, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.2],
  // Credit ratings are published in April.
  CREDIT: [0.8, 0.8, 0.9, 1.4, 1.2, 1.0, 0.9, 0.9, 0.9, 1.0, 1.0, 1.0],
  // Housing sales: spring, and the "golden September, silver October".
  DEED_TAX: [0.7, 0.6, 1.2, 1.4, 1.3, 1.0, 0.8, 0.85, 1.25, 1.35, 1.15, 0.9],
  // The heating season's property bills.
  PROPERTY_MANAGEMENT: [1.5, 1.4, 1.0, 0.8, 0.7, 0.7, 0.7, 0.8, 0.9, 1.1, 1.35, 1.55],
  INVOICE_REFUSAL: [1.25, 1.1, 1.0, 0.95, 1.0, 0.95, 0.95, 1.0, 1.0, 1.05, 1.0, 1.1],
  OTHER: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
};

/** The monthly filing deadline (申报纳税期限), extended after holidays, by year and month. */
const FILING_DEADLINES: Record<number, readonly number[]> = {
  2025: [15, 20, 17, 18, 22, 16, 15, 15, 15, 27, 17, 15],
  2026: [20, 26, 16, 20, 22, 15, 15, 17, 15, 23, 16, 15],
};

function seasonal(topic: string, day: number): number {
  const months = SEASONS[topic] ?? SEASONS.OTHER!;
  const d = new Date(day * DAY_MS);
  const length = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  const position = d.getUTCMonth() + (d.getUTCDate() - 15) / length;
  const lower = Math.floor(position);
  const t = position - lower;
  const a = months[(lower + 12) % 12]!;
  const b = months[(lower + 13) % 12]!;
  let f = a + (b - a) * t;
  // Monthly filing is due by the 15th, later when a holiday falls in the first half: the days up to the
  // deadline are the busy ones.
  if (topic === 'FILING') {
    const deadline = FILING_DEADLINES[d.getUTCFullYear()]?.[d.getUTCMonth()] ?? 15;
    f *= d.getUTCDate() <= deadline ? 1.4 : 0.6;
  }
  return f;
}

/** Appeals drift down gently over the two years (proactive service works, a little). */
const trend = (day: number) => 1.03 - (0.08 * (day - FIRST_APPEAL_DAY)) / (TODAY - FIRST_APPEAL_DAY);

// ---------------------------------------------------------------------------------------------------
// Topics, kinds and channels

/** Shares of the appeals other than reports, by topic (before the seasons). */
const TOPIC_SHARES: readonly (readonly [string, number])[] = [
  ['ETAX', 14],
  ['FILING', 13],
  ['INVOICE', 12],
  ['SOCIAL_INSURANCE', 12],
  ['PREFERENTIAL_POLICY', 10],
  ['REFUND', 8],
  ['OTHER', 8],
  ['SOCIAL_INSURANCE_DEDUCTION', 5],
  ['DEED_TAX', 4],
  ['IIT_IDENTITY_MISUSE', 3],
  ['CREDIT', 3],
  ['PROPERTY_MANAGEMENT', 2.5],
  ['INVOICE_REFUSAL', 2],
];

type NonReportKind = Exclude<AppealKind, 'REPORT'>;
const NON_REPORT_KINDS: readonly NonReportKind[] = [
  'CONSULTATION',
  'HELP_REQUEST',
  'COMPLAINT',
  'SUGGESTION',
  'OPINION',
];
/** Kinds per topic: consultation, help, complaint, suggestion, opinion. */
const KIND_WEIGHTS: Record<string, readonly number[]> = {
  IIT_IDENTITY_MISUSE: [10, 40, 45, 1, 4],
  PROPERTY_MANAGEMENT: [25, 10, 45, 5, 15],
  DEED_TAX: [60, 10, 20, 2, 8],
  SOCIAL_INSURANCE_DEDUCTION: [30, 45, 20, 2, 3],
  SOCIAL_INSURANCE: [65, 15, 12, 4, 4],
  INVOICE_REFUSAL: [10, 5, 80, 1, 4],
  INVOICE: [75, 15, 6, 3, 1],
  PREFERENTIAL_POLICY: [80, 10, 3, 5, 2],
  REFUND: [60, 30, 8, 1, 1],
  FILING: [75, 15, 6, 3, 1],
  CREDIT: [60, 30, 8, 2, 0],
  ETAX: [45, 35, 8, 10, 2],
  OTHER: [45, 10, 20, 15, 10],
};

interface ChannelRule {
  weight: number;
  kinds: readonly AppealKind[];
  /** Only these topics (ITS objections are about identity misuse, for instance). */
  topics?: readonly string[];
  /** Topics the channel gets more of. */
  boost?: Readonly<Record<string, number>>;
  /** Staffed only in office hours (halls, surveys) or a phone line; otherwise online, day and night. */
  hours: 'OFFICE' | 'PHONE' | 'ONLINE';
}
const IIT_TOPICS = ['REFUND', 'PREFERENTIAL_POLICY', 'IIT_IDENTITY_MISUSE', 'ETAX', 'OTHER'];
const CHANNEL_RULES: Record<AppealChannel, ChannelRule> = {
  HOTLINE_12366: {
    weight: 33,
    kinds: ['CONSULTATION', 'HELP_REQUEST', 'COMPLAINT', 'SUGGESTION', 'REPORT'],
    hours: 'PHONE',
  },
  WEB_12366: {
    weight: 6,
    kinds: ['CONSULTATION', 'HELP_REQUEST', 'COMPLAINT', 'SUGGESTION'],
    hours: 'ONLINE',
  },
  HOTLINE_12345: {
    weight: 12,
    kinds: ['CONSULTATION', 'HELP_REQUEST', 'COMPLAINT', 'SUGGESTION'],
    boost: { SOCIAL_INSURANCE: 1.5, PROPERTY_MANAGEMENT: 2, DEED_TAX: 1.6, INVOICE_REFUSAL: 1.5 },
    hours: 'PHONE',
  },
  INTERACTION_PLATFORM: {
    weight: 11,
    kinds: ['CONSULTATION', 'HELP_REQUEST', 'COMPLAINT'],
    boost: { INVOICE: 1.5, FILING: 1.4, ETAX: 1.3 },
    hours: 'ONLINE',
  },
  ETAX_BUREAU: {
    weight: 8,
    kinds: ['CONSULTATION', 'HELP_REQUEST', 'COMPLAINT', 'SUGGESTION'],
    boost: { ETAX: 2.5, INVOICE: 1.5, FILING: 1.5, OTHER: 0.3, SOCIAL_INSURANCE: 0.3 },
    hours: 'ONLINE',
  },
  ITS_MESSAGE: {
    weight: 4,
    kinds: ['CONSULTATION', 'HELP_REQUEST', 'COMPLAINT'],
    topics: IIT_TOPICS,
    boost: { REFUND: 2.5, PREFERENTIAL_POLICY: 2, IIT_IDENTITY_MISUSE: 2 },
    hours: 'ONLINE',
  },
  CONSULTATION_PHONE: { weight: 4, kinds: ['CONSULTATION', 'HELP_REQUEST'], hours: 'OFFICE' },
  GOOD_BAD_REVIEW: { weight: 3, kinds: ['COMPLAINT', 'SUGGESTION'], boost: { OTHER: 3 }, hours: 'OFFICE' },
  SERVICE_HALL: {
    weight: 5,
    kinds: ['CONSULTATION', 'HELP_REQUEST', 'COMPLAINT', 'SUGGESTION'],
    boost: { DEED_TAX: 2, SOCIAL_INSURANCE: 1.5 },
    hours: 'OFFICE',
  },
  SATISFACTION_SURVEY: { weight: 1, kinds: ['SUGGESTION', 'COMPLAINT', 'OPINION'], hours: 'OFFICE' },
  NEEDS_SURVEY: { weight: 1, kinds: ['SUGGESTION', 'CONSULTATION'], hours: 'OFFICE' },
  SERVICE_EXPERIENCER: { weight: 0.6, kinds: ['SUGGESTION', 'COMPLAINT'], hours: 'OFFICE' },
  INTERNET_SUPERVISION_SERVICE: {
    weight: 0.6,
    kinds: ['COMPLAINT', 'SUGGESTION', 'HELP_REQUEST'],
    hours: 'ONLINE',
  },
  LEADER_MAILBOX: {
    weight: 0.8,
    kinds: ['COMPLAINT', 'SUGGESTION', 'HELP_REQUEST', 'OPINION'],
    hours: 'ONLINE',
  },
  INTERNET_SUPERVISION_PUBLICITY: {
    weight: 0.5,
    kinds: ['COMPLAINT', 'SUGGESTION', 'HELP_REQUEST'],
    hours: 'ONLINE',
  },
  OFFICIAL_WECHAT: {
    weight: 1.5,
    kinds: ['CONSULTATION', 'HELP_REQUEST', 'COMPLAINT', 'OPINION'],
    hours: 'ONLINE',
  },
  NEW_MEDIA_OPINION: { weight: 1.2, kinds: ['OPINION'], hours: 'ONLINE' },
  PEOPLES_DAILY_BOARD: {
    weight: 0.4,
    kinds: ['COMPLAINT', 'HELP_REQUEST', 'SUGGESTION', 'OPINION'],
    hours: 'ONLINE',
  },
  GOV_CN_MESSAGE: { weight: 0.3, kinds: ['COMPLAINT', 'HELP_REQUEST', 'SUGGESTION'], hours: 'ONLINE' },
  ITS_OBJECTION: {
    weight: 2,
    kinds: ['COMPLAINT', 'HELP_REQUEST'],
    topics: ['IIT_IDENTITY_MISUSE'],
    boost: { IIT_IDENTITY_MISUSE: 40 },
    hours: 'ONLINE',
  },
  // Staff conduct and the bureau's own work: complaints and suggestions on "other" matters.
  DISCIPLINE_INSPECTION: {
    weight: 0.3,
    kinds: ['COMPLAINT'],
    topics: ['OTHER'],
    boost: { OTHER: 12 },
    hours: 'OFFICE',
  },
  INTERNAL_AUDIT: {
    weight: 0.2,
    kinds: ['SUGGESTION', 'COMPLAINT'],
    topics: ['OTHER'],
    boost: { OTHER: 15 },
    hours: 'OFFICE',
  },
  TAX_INSPECTION: {
    weight: 0.2,
    kinds: ['COMPLAINT'],
    topics: ['OTHER'],
    boost: { OTHER: 4 },
    hours: 'OFFICE',
  },
};

/** Reports by channels other than 12366 / 12345 (tax inspection takes most). */
const OTHER_REPORT_CHANNELS = weighted<AppealChannel>([
  ['TAX_INSPECTION', 35],
  ['INTERACTION_PLATFORM', 12],
  ['ETAX_BUREAU', 12],
  ['LEADER_MAILBOX', 10],
  ['OFFICIAL_WECHAT', 8],
  ['SERVICE_HALL', 8],
  ['GOV_CN_MESSAGE', 5],
  ['PEOPLES_DAILY_BOARD', 4],
  ['INTERNET_SUPERVISION_SERVICE', 3],
  ['INTERNET_SUPERVISION_PUBLICITY', 3],
]);
const TABLE_TWO_REPORT_CHANNELS = weighted<AppealChannel>([
  ['HOTLINE_12366', 55],
  ['HOTLINE_12345', 35],
  ['WEB_12366', 10],
]);
/** Reports are about refused invoices, over nine in ten (the study), else property companies and developers. */
const REPORT_TOPICS = weighted<string>([
  ['INVOICE_REFUSAL', 93],
  ['PROPERTY_MANAGEMENT', 3],
  ['DEED_TAX', 2.5],
  ['OTHER', 1.5],
]);

/** The channel's prefix in its own ticket numbers (12366-2025-000123). */
const CHANNEL_PREFIX: Record<AppealChannel, string> = {
  HOTLINE_12366: '12366',
  WEB_12366: '12366W',
  HOTLINE_12345: '12345',
  INTERACTION_PLATFORM: 'ZNHD',
  ETAX_BUREAU: 'DZSWJ',
  ITS_MESSAGE: 'ITS',
  CONSULTATION_PHONE: 'ZXDH',
  GOOD_BAD_REVIEW: 'HCP',
  SERVICE_HALL: 'BSFWT',
  SATISFACTION_SURVEY: 'MYD',
  NEEDS_SURVEY: 'XQDC',
  SERVICE_EXPERIENCER: 'TYS',
  INTERNET_SUPERVISION_SERVICE: 'HLWDC-NF',
  LEADER_MAILBOX: 'LDXX',
  INTERNET_SUPERVISION_PUBLICITY: 'HLWDC-BGS',
  OFFICIAL_WECHAT: 'WX',
  NEW_MEDIA_OPINION: 'YQ',
  PEOPLES_DAILY_BOARD: 'RMW',
  GOV_CN_MESSAGE: 'ZFW',
  ITS_OBJECTION: 'YYSS',
  DISCIPLINE_INSPECTION: 'JJJC',
  INTERNAL_AUDIT: 'NBSJ',
  TAX_INSPECTION: 'JCJ',
};

const HOUR_WEIGHTS: Record<ChannelRule['hours'], readonly number[]> = {
  PHONE: [
    0, 0, 0, 0, 0, 0, 0, 0.05, 0.7, 1.4, 1.5, 1.2, 0.35, 0.45, 1.2, 1.3, 1.2, 1.0, 0.4, 0.15, 0.1, 0.05, 0, 0,
  ],
  OFFICE: [0, 0, 0, 0, 0, 0, 0, 0, 0.6, 1.4, 1.5, 1.1, 0.1, 0.2, 1.2, 1.3, 1.2, 0.8, 0, 0, 0, 0, 0, 0],
  ONLINE: [
    0.08, 0.04, 0.02, 0.02, 0.02, 0.04, 0.1, 0.3, 0.7, 1.1, 1.2, 1.1, 0.8, 0.8, 1.0, 1.1, 1.0, 0.9, 0.8, 0.9,
    1.0, 0.9, 0.6, 0.3,
  ],
};
/** Phone lines and halls on days off: the duty shift, 9:00 to 17:00. */
const DUTY_HOURS = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0.6, 0.6, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const hourTables = new Map<string, Weighted<number>>();
function hourTable(hours: ChannelRule['hours'], working: boolean): Weighted<number> {
  const key = `${hours}:${working}`;
  let table = hourTables.get(key);
  if (!table) {
    const w = !working && hours !== 'ONLINE' ? DUTY_HOURS : HOUR_WEIGHTS[hours];
    hourTables.set(key, (table = weighted(w.map((x, h) => [h, x] as const).filter(([, x]) => x > 0))));
  }
  return table;
}

/** Beijing day number and minutes since midnight of a moment. */
const localDay = (t: number) => Math.floor((t + 8 * HOUR) / DAY_MS);
const localMinutes = (t: number) => ((t + 8 * HOUR) % DAY_MS) / MINUTE;
const at = (day: number, minutes: number) => day * DAY_MS + (minutes - 480) * MINUTE;

/** A moment (ms) on a day, as the channel's hours make likely. */
function timeOn(rng: Rng, day: number, channel: AppealChannel): number {
  const hour = rng.pickWeighted(hourTable(CHANNEL_RULES[channel].hours, isWorkingDay(day)));
  const minute = hour === 8 ? rng.int(30, 59) : rng.int(0, 59);
  const t = day * DAY_MS + (hour - 8) * HOUR + minute * MINUTE + rng.int(0, 59) * 1000;
  // Today's appeals are those received before now.
  return t < NOW - 10 * MINUTE ? t : at(day, rng.int(510, 1060)) + rng.int(0, 59) * 1000;
}

/** The first office moment (8:30–12:00, 14:00–18:00 on a working day) at or after `t`. */
function nextOfficeMoment(rng: Rng, t: number): number {
  let day = localDay(t);
  let m = localMinutes(t);
  for (;;) {
    if (isWorkingDay(day)) {
      if (m < 510) return at(day, 510 + rng.int(0, 60));
      if (m < 720) return t;
      if (m < 840) return at(day, 840 + rng.int(0, 45));
      if (m < 1080) return t;
    }
    day += 1;
    m = 0;
    t = at(day, 0);
  }
}

/** The first daytime moment (8:30–20:00, any day: the duty shift) at or after `t`. */
function nextDaytime(rng: Rng, t: number): number {
  const day = localDay(t);
  const m = localMinutes(t);
  if (m < 510) return at(day, 510 + rng.int(0, 40));
  if (m < 1200) return t;
  return at(day + 1, 510 + rng.int(0, 40));
}

/**
 * When a step planned for `t` is taken: in office hours if that keeps within the time limit `due`,
 * else by the duty shift in daytime; a step meant to be late goes to office hours whatever the limit.
 */
function placeStep(rng: Rng, t: number, due: number | null, late: boolean): number {
  const office = nextOfficeMoment(rng, t);
  if (late || due === null || office <= due) return office;
  const day = nextDaytime(rng, t);
  return day <= due ? day : t;
}

// ---------------------------------------------------------------------------------------------------
// Drafts: when, what about, which kind, by which channel

type ReportRole = 'VALID' | 'REJECTED' | 'REPEAT' | 'OTHER_CHANNEL';

interface Draft {
  at: number;
  /** The topic the appeal is really about (staff's, when the text misleads the classifier). */
  topic: string;
  kind: AppealKind;
  channel: AppealChannel;
  /** Fixed for reports (Table 2 is per district); else the party's. */
  district: District | null;
  reportRole: ReportRole | null;
  /** The report this one repeats (planned report repeats). */
  original: Draft | null;
  /** Another appeal of a recent appellant on the same matter. */
  repeat: boolean;
  /** Worded vaguely: the classifier gets it wrong and staff correct the topic. */
  vague: boolean;
  reject: boolean;
  surge: SurgeAppellant | null;
  party: Party | null;
}

interface Party {
  district: District;
  creditCode: string | null;
  personId: string | null;
  appellantName: string | null;
  appellantPhone: string | null;
  /** The business the text names, when it is the party. */
  business: string | null;
}

const draft = (fields: Partial<Draft> & Pick<Draft, 'at' | 'topic' | 'kind' | 'channel'>): Draft => ({
  district: null,
  reportRole: null,
  original: null,
  repeat: false,
  vague: false,
  reject: false,
  surge: null,
  party: null,
  ...fields,
});

/**
 * Spreads `total` appeals over the days by their weights so that the counts follow the weights closely
 * (systematic sampling: a week's count is within one or two of its expectation, plus the weights' noise).
 */
function spread(rng: Rng, days: readonly number[], weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const out: number[] = [];
  if (total <= 0 || sum <= 0) return out;
  let cumulative = rng.float();
  let taken = 0;
  for (let i = 0; i < days.length; i++) {
    cumulative += (total * weights[i]!) / sum;
    const n = Math.min(total - taken, Math.floor(cumulative) - taken);
    for (let k = 0; k < n; k++) out.push(days[i]!);
    taken += n;
  }
  while (taken++ < total) out.push(days.at(-1)!);
  return out;
}

const noise = (rng: Rng) => Math.exp(0.22 * rng.normal());

const kindTables = new Map<string, Weighted<NonReportKind>>();
function kindFor(rng: Rng, topic: string): NonReportKind {
  let table = kindTables.get(topic);
  if (!table) {
    const w = KIND_WEIGHTS[topic] ?? KIND_WEIGHTS.OTHER!;
    kindTables.set(topic, (table = weighted(NON_REPORT_KINDS.map((k, i) => [k, w[i]!] as const))));
  }
  return rng.pickWeighted(table);
}

const channelTables = new Map<string, Weighted<AppealChannel>>();
function channelFor(rng: Rng, topic: string, kind: AppealKind): AppealChannel {
  const key = `${topic}:${kind}`;
  let table = channelTables.get(key);
  if (!table) {
    const entries = (Object.entries(CHANNEL_RULES) as [AppealChannel, ChannelRule][])
      .filter(([, r]) => r.kinds.includes(kind) && (!r.topics || r.topics.includes(topic)))
      .map(([c, r]) => [c, r.weight * (r.boost?.[topic] ?? 1)] as const);
    channelTables.set(key, (table = weighted(entries.length ? entries : [['HOTLINE_12366', 1]])));
  }
  return rng.pickWeighted(table);
}

function dayRange(from: number, to: number): number[] {
  return span(from, to);
}

const YEAR_DAYS: Record<HubYear, number[]> = {
  2025: dayRange(dayOf(2025, 1, 1), dayOf(2025, 12, 31)),
  2026: dayRange(dayOf(2026, 1, 1), TODAY),
};

/** Day number of a 'YYYY-MM-DD'. */
const dayOfIso = (iso: string) =>
  Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY_MS;
export const SURGE_WEEK_START_DAY = dayOfIso(SURGE.weekStart);

function reportDrafts(rng: Rng, scale: Scale): Draft[] {
  const drafts: Draft[] = [];
  for (const year of [2025, 2026] as const) {
    const days = YEAR_DAYS[year];
    for (const district of districts) {
      const valid = VALID_REPORTS[scale][year][district];
      const weights = days.map((d) => dayFactor(d) * seasonal('INVOICE_REFUSAL', d) * noise(rng));
      const report = (day: number, role: ReportRole, channel: AppealChannel) =>
        draft({
          at: timeOn(rng, day, channel),
          topic: rng.pickWeighted(REPORT_TOPICS),
          kind: 'REPORT',
          channel,
          district,
          reportRole: role,
          reject: role === 'REJECTED',
        });
      const validDrafts = spread(rng, days, weights, valid).map((day) =>
        report(day, 'VALID', rng.pickWeighted(TABLE_TWO_REPORT_CHANNELS)),
      );
      drafts.push(...validDrafts);
      // Refused ones are refused by now (the refusal comes within days).
      const early = days.filter((d) => d <= TODAY - 4);
      const rejected = Math.round(valid * REJECTED_PER_VALID);
      for (const day of spread(rng, early, weights.slice(0, early.length), rejected))
        drafts.push(report(day, 'REJECTED', rng.pickWeighted(TABLE_TWO_REPORT_CHANNELS)));
      const others = Math.round(valid * OTHER_CHANNELS_PER_VALID);
      for (const day of spread(rng, days, weights, others)) {
        const d = report(day, 'OTHER_CHANNEL', rng.pickWeighted(OTHER_REPORT_CHANNELS));
        d.reject = rng.chance(0.12);
        drafts.push(d);
      }
      // The same business reported again within weeks (by 12366 / 12345 mostly): a likely duplicate.
      const repeats = Math.round(valid * REPEATS_PER_VALID);
      const candidates = validDrafts.filter((d) => localDay(d.at) <= TODAY - 2);
      for (const original of rng.sample(candidates, repeats)) {
        const day = Math.min(TODAY, localDay(original.at) + rng.int(1, 20));
        const channel = rng.chance(0.8)
          ? rng.pickWeighted(TABLE_TWO_REPORT_CHANNELS)
          : rng.pickWeighted(OTHER_REPORT_CHANNELS);
        drafts.push(
          draft({
            at: timeOn(rng, day, channel),
            topic: original.topic,
            kind: 'REPORT',
            channel,
            district,
            reportRole: 'REPEAT',
            original,
          }),
        );
      }
    }
  }
  return drafts;
}

// ---------------------------------------------------------------------------------------------------
// Parties: the world's enterprises and persons

interface Pools {
  pick(rng: Rng, topic: string, district: District | null, kind: AppealKind): Party;
  /** The surge's appellants: employers whose batch deductions failed, their staff, flexible workers. */
  surge: { employers: EmployerInfo[]; employees: PersonInfo[]; flexible: PersonInfo[] };
  appellantOf(party: Omit<Party, 'appellantName' | 'appellantPhone'>, rng: Rng): Party;
}

const YEAR = 365.25;
const SHOP_INDUSTRIES = new Set<Enterprise['industry']>([
  'WHOLESALE_RETAIL',
  'ACCOMMODATION_CATERING',
  'RESIDENT_SERVICES',
  'CONSTRUCTION',
]);

/** Whether a name can appear in a text without moving the classifier. */
const neutralNames = new Map<string, boolean>();
function neutral(name: string): boolean {
  let ok = neutralNames.get(name);
  if (ok === undefined) neutralNames.set(name, (ok = classify(name).rule === 'NO_MATCH'));
  return ok;
}

function makePools(base: Base): Pools {
  const byDistrict = <T>(items: readonly T[], district: (t: T) => District) => {
    const map = new Map<District, T[]>(districts.map((d) => [d, []]));
    for (const item of items) map.get(district(item))!.push(item);
    return map;
  };
  const live = base.enterprises.filter((e) => e.taxStatus !== 'DEREGISTERED');
  const shops = byDistrict(
    live.filter((e) => !e.isLargeEnterprise && SHOP_INDUSTRIES.has(e.industry)),
    (e) => e.district,
  );
  const developers = byDistrict(
    live.filter((e) => e.industry === 'REAL_ESTATE'),
    (e) => e.district,
  );
  const property = byDistrict(
    live.filter(
      (e) => e.name.includes('物业') || e.industry === 'REAL_ESTATE' || e.industry === 'RESIDENT_SERVICES',
    ),
    (e) => e.district,
  );
  const active = byDistrict(
    live.filter((e) => e.taxStatus === 'NORMAL'),
    (e) => e.district,
  );
  const credit = byDistrict(
    live.filter((e) => e.taxStatus === 'ABNORMAL' || e.creditRating === 'D' || e.creditRating === 'C'),
    (e) => e.district,
  );
  const employers = byDistrict(base.employers, (e) => e.district);
  const adults = base.persons.filter((p) => p.birthDay <= TODAY - 18 * YEAR);
  const persons = byDistrict(adults, (p) => p.row.district);
  const earners = byDistrict(
    adults.filter((p) => p.role !== 'RESIDENT'),
    (p) => p.row.district,
  );
  const flexible = byDistrict(
    adults.filter((p) => p.role === 'FLEXIBLE'),
    (p) => p.row.district,
  );
  const employerOf = new Map<string, string>();
  for (const p of base.persons)
    if (p.employer >= 0) employerOf.set(p.row.personId, base.employers[p.employer]!.enterprise.name);

  const appellants = new Map<string, { name: string | null; phone: string }>();
  const appellantOf: Pools['appellantOf'] = (party, rng) => {
    const key = party.creditCode ?? party.personId;
    let who = key ? appellants.get(key) : undefined;
    if (!who) {
      const person = party.personId ? personById.get(party.personId) : undefined;
      who = person
        ? { name: person.row.name, phone: person.row.phone ?? mobile(rng) }
        : {
            name: personName(rng, rng.chance(0.55) ? 'FEMALE' : 'MALE', rng.int(1968, 2000)),
            phone: mobile(rng),
          };
      if (key) appellants.set(key, who);
    }
    return { ...party, appellantName: who.name, appellantPhone: who.phone };
  };
  const personById = new Map(base.persons.map((p) => [p.row.personId, p]));

  const fromPool = <T>(
    rng: Rng,
    pool: Map<District, T[]>,
    district: District,
    fallback: Map<District, T[]>,
  ) => {
    const list = pool.get(district)!;
    if (list.length) return rng.pick(list);
    const other = fallback.get(district)!;
    if (other.length) return rng.pick(other);
    return rng.pick(districts.flatMap((d) => fallback.get(d)!));
  };
  const enterpriseParty = (rng: Rng, pool: Map<District, Enterprise[]>, district: District) => {
    const e = fromPool(rng, pool, district, active);
    return {
      district: e.district,
      creditCode: e.creditCode,
      personId: null,
      business: neutral(e.name) ? e.name : null,
    };
  };
  const employerParty = (rng: Rng, district: District) => {
    const e = fromPool(rng, employers, district, employers);
    return {
      district: e.district,
      creditCode: e.creditCode,
      personId: null,
      business: neutral(e.enterprise.name) ? e.enterprise.name : null,
    };
  };
  const personParty = (rng: Rng, pool: Map<District, PersonInfo[]>, district: District) => {
    const p = fromPool(rng, pool, district, persons);
    const employer = employerOf.get(p.row.personId);
    return {
      district: p.row.district,
      creditCode: null,
      personId: p.row.personId,
      business: employer && neutral(employer) ? employer : null,
    };
  };
  const enterpriseDistrict = (rng: Rng, district: District | null) =>
    district ?? rng.pickWeighted(enterpriseDistricts);
  const personDistrict = (rng: Rng, district: District | null) =>
    district ?? rng.pickWeighted(populationDistricts);

  const pick: Pools['pick'] = (rng, topic, district, kind) => {
    const firm = (pool: Map<District, Enterprise[]>) =>
      appellantOf(enterpriseParty(rng, pool, enterpriseDistrict(rng, district)), rng);
    const person = (pool: Map<District, PersonInfo[]>) =>
      appellantOf(personParty(rng, pool, personDistrict(rng, district)), rng);
    const employer = () => appellantOf(employerParty(rng, enterpriseDistrict(rng, district)), rng);
    if (kind === 'REPORT') {
      // The business reported; the reporter is often anonymous (a phone number only).
      const pool = topic === 'DEED_TAX' ? developers : topic === 'PROPERTY_MANAGEMENT' ? property : shops;
      const party = enterpriseParty(rng, pool, district ?? rng.pickWeighted(enterpriseDistricts));
      const named = rng.chance(0.45);
      return {
        ...party,
        appellantName: named
          ? personName(rng, rng.chance(0.5) ? 'FEMALE' : 'MALE', rng.int(1965, 2003))
          : null,
        appellantPhone: mobile(rng),
      };
    }
    switch (topic) {
      case 'IIT_IDENTITY_MISUSE':
        return person(persons);
      case 'PROPERTY_MANAGEMENT':
        return rng.chance(0.6) ? firm(property) : person(persons);
      case 'DEED_TAX':
        return rng.chance(0.25) ? firm(developers) : person(persons);
      case 'SOCIAL_INSURANCE_DEDUCTION':
        return rng.chance(0.3) ? employer() : person(rng.chance(0.7) ? flexible : persons);
      case 'SOCIAL_INSURANCE':
        return rng.chance(0.2) ? employer() : person(persons);
      case 'INVOICE_REFUSAL':
        return firm(shops);
      case 'INVOICE':
        return rng.chance(0.85) ? firm(active) : person(earners);
      case 'PREFERENTIAL_POLICY':
        return rng.chance(0.4) ? firm(active) : person(earners);
      case 'REFUND':
        return rng.chance(0.2) ? firm(active) : person(earners);
      case 'FILING':
        return rng.chance(0.7) ? firm(active) : person(earners);
      case 'CREDIT':
        return rng.chance(0.6) ? firm(credit) : firm(active);
      case 'ETAX':
        return rng.chance(0.55) ? firm(active) : person(earners);
      default: {
        const r = rng.float();
        if (r < 0.3) return firm(active);
        if (r < 0.7) return person(persons);
        // Anonymous: a phone number, perhaps a name.
        const d = personDistrict(rng, district);
        return {
          district: d,
          creditCode: null,
          personId: null,
          business: null,
          appellantName: rng.chance(0.5)
            ? personName(rng, rng.chance(0.5) ? 'FEMALE' : 'MALE', rng.int(1955, 2003))
            : null,
          appellantPhone: mobile(rng),
        };
      }
    }
  };

  // Batch deductions that failed in October or November 2026: employers whose unpaid months (as the
  // social-security slice writes them, both attempts failing) reach into those months, their staff, and
  // the flexible workers whose deductions failed the last three months.
  const failing = base.employers.filter(
    (e) =>
      e.siArrears !== null &&
      e.siArrears.status !== 'COLLECTED' &&
      e.siArrears.toMonth >= CURRENT_MONTH - 1 &&
      e.siArrears.fromMonth <= CURRENT_MONTH &&
      e.employees.length > 0,
  );
  const surge = {
    employers: failing,
    employees: failing.flatMap((e) => e.employees.map((i) => base.persons[i]!)),
    flexible: base.persons.filter((p) => p.deductionTrouble),
  };
  return { pick, surge, appellantOf };
}

// ---------------------------------------------------------------------------------------------------
// Staff

interface Actor {
  subject: string;
  name: string;
}

function staffRoster(rng: Rng): (unit: string) => Actor {
  const roster = new Map<string, Actor[]>();
  let n = 0;
  return (unit) => {
    let staff = roster.get(unit);
    if (!staff) {
      const label = unit === 'INTAKE' ? '12366 热线坐席' : (handlingUnitByCode.get(unit)?.name ?? unit);
      const size = unit === 'INTAKE' ? 8 : unit === 'CITY_SERVICE' || unit === CITY_TASK_FORCE ? 4 : 3;
      staff = Array.from({ length: size }, () => ({
        subject: `demo:appeal-handler:${++n}`,
        name: `${personName(rng, rng.chance(0.55) ? 'FEMALE' : 'MALE', rng.int(1970, 1999))}（${label}）`,
      }));
      roster.set(unit, staff);
    }
    return rng.pick(staff);
  };
}

// ---------------------------------------------------------------------------------------------------
// The loop: a plan of steps, decided and applied one by one

interface PlannedStep {
  kind: AppealStepKind;
  at: number;
  handlingUnit?: string;
  satisfaction?: AppealSatisfaction;
  topic?: string;
}

const SATISFACTION = weighted<AppealSatisfaction>([
  ['SATISFIED', 82],
  ['BASICALLY_SATISFIED', 13],
  ['DISSATISFIED', 5],
]);
const SATISFACTION_AFTER_REOPENING = weighted<AppealSatisfaction>([
  ['SATISFIED', 45],
  ['BASICALLY_SATISFIED', 40],
  // Still not satisfied after the second handling: closed with the dissatisfaction on record.
  ['DISSATISFIED', 15],
]);
/** Channels whose appeals the city task force often takes up itself (提级管理). */
const SENSITIVE_CHANNELS = new Set<AppealChannel>([
  'PEOPLES_DAILY_BOARD',
  'GOV_CN_MESSAGE',
  'LEADER_MAILBOX',
  'NEW_MEDIA_OPINION',
  'INTERNET_SUPERVISION_SERVICE',
  'INTERNET_SUPERVISION_PUBLICITY',
]);

/**
 * The steps an appeal will take from its receipt: dispatch (or refusal), investigation, handling,
 * feedback and revisit, sometimes a correction of the topic, an escalation or a reopening. Times keep to
 * each stage's limit, except the few planned late; the caller drops what lies after "now".
 */
function planSteps(
  rng: Rng,
  d: Draft,
  receivedAt: number,
  unit: string,
  reclassifyTo: string | null,
): PlannedStep[] {
  const steps: PlannedStep[] = [];
  const investigation = investigationLimitDays[d.kind] * DAY_MS;
  /** The last step's time, and when the current stage began (its limit runs from there). */
  let t = receivedAt;
  let stageStart = receivedAt;
  /** The next step that moves the stage on: within `limit` of the stage's start unless planned late. */
  const next = (limit: number, lateShare: number, typical: () => number) => {
    const late = rng.chance(lateShare);
    const due = stageStart + limit;
    const planned = late
      ? due + limit * (0.05 + rng.float() * 0.8) + rng.int(1, 60) * MINUTE
      : stageStart + typical();
    t = placeStep(rng, Math.max(planned, t + MINUTE), late ? null : due, late);
    stageStart = t;
  };
  if (reclassifyTo) {
    t += rng.int(5, 90) * MINUTE;
    steps.push({ kind: 'RECLASSIFY', at: t, topic: reclassifyTo });
  }
  next(DAY_MS, 0.04, () => rng.int(10, 40) * MINUTE + Math.pow(rng.float(), 2) * 8 * HOUR);
  if (d.reject) {
    steps.push({ kind: 'REJECT', at: t });
    return steps;
  }
  steps.push({ kind: 'ACCEPT', at: t, handlingUnit: unit });
  next(DAY_MS, 0.03, () => rng.int(15, 90) * MINUTE + rng.float() * 14 * HOUR);
  steps.push({ kind: 'START_INVESTIGATION', at: t });
  const escalate = SENSITIVE_CHANNELS.has(d.channel) ? rng.chance(0.4) : rng.chance(0.012);
  const started = t;
  next(investigation, d.kind === 'REPORT' ? 0.08 : 0.05, () => investigation * (0.1 + 0.75 * rng.float()));
  if (escalate) steps.push({ kind: 'ESCALATE', at: started + (t - started) * 0.15 });
  steps.push({ kind: 'HANDLE', at: t });
  let reopened = false;
  for (;;) {
    next(2 * DAY_MS, 0.02, () => rng.int(20, 120) * MINUTE + rng.float() * 24 * HOUR);
    steps.push({ kind: 'FEEDBACK', at: t });
    next(3 * DAY_MS, 0.03, () => 2 * HOUR + rng.float() * 60 * HOUR);
    const satisfaction = reopened
      ? rng.pickWeighted(SATISFACTION_AFTER_REOPENING)
      : rng.pickWeighted(SATISFACTION);
    steps.push({ kind: 'REVISIT', at: t, satisfaction });
    // Closed when satisfied, and after one reopening whatever the appellant says (workflow MAX_REOPENS).
    if (satisfaction !== 'DISSATISFIED' || reopened) return steps;
    // Reopened: back to investigation by the handling unit, or taken up by the task force.
    reopened = true;
    if (rng.chance(0.5)) {
      t += rng.int(30, 240) * MINUTE;
      steps.push({ kind: 'ESCALATE', at: t });
    }
    next(investigation, 0.1, () => investigation * (0.2 + 0.7 * rng.float()));
    steps.push({ kind: 'HANDLE', at: t });
  }
}

const REJECT_REASONS = {
  REPORT: [
    '举报内容不涉及税收违法行为，不予受理，已告知举报人。',
    '举报线索不具体（无被举报人名称、地址），无法核实，不予受理。',
    '同一事项已由稽查部门立案查处，不予重复受理，已告知举报人。',
  ],
  OTHER: [
    '所反映事项不属于税务部门职责，已告知向人社部门反映，不予受理。',
    '所反映事项属于市场监管部门职责，已告知转向 12315 反映，不予受理。',
    '所反映事项属于住建部门职责，已告知向住建部门反映，不予受理。',
    '诉求内容不明确，多次联系诉求人未果，不予受理。',
  ],
};

function handleContent(rng: Rng, kind: AppealKind, topic: string): string {
  switch (kind) {
    case 'REPORT':
      return topic === 'INVOICE_REFUSAL'
        ? rng.pick([
            '经实地核查，被举报单位存在未按规定开具发票的行为，已责令改正并依法处理。',
            '经核查，被举报单位已为举报人补开发票，并作出规范开票的书面承诺。',
            '经核查举报部分属实，已对被举报单位开展发票管理辅导，责令限期改正。',
          ])
        : rng.pick([
            '经核查，已将线索移交稽查部门处理。',
            '经核查举报部分属实，已责令被举报单位补缴税款。',
            '经核查未发现税收违法行为，已向举报人说明。',
          ]);
    case 'CONSULTATION':
      return `已按现行政策口径答复（${topicLabel(topic)}），并告知办理渠道。`;
    case 'HELP_REQUEST':
      return rng.pick(['已协助诉求人办结相关事项。', '已核实并处理，诉求人的问题已解决。']);
    case 'COMPLAINT':
      return rng.pick([
        '经调查核实，反映情况属实，已责令改正。',
        '经调查核实，反映情况部分属实，已约谈相关人员并整改。',
        '经调查核实，反映情况与事实不符，已向诉求人说明情况。',
      ]);
    case 'SUGGESTION':
      return rng.pick(['建议已采纳，纳入下一步服务改进。', '建议部分采纳，已转相关科室研究。']);
    case 'OPINION':
      return '已核实情况，在原平台回应并澄清政策口径。';
  }
}

function stepContent(
  rng: Rng,
  p: PlannedStep,
  d: Draft,
  topic: string,
  unit: string,
  district: District,
): string {
  switch (p.kind) {
    case 'RECLASSIFY':
      return `经人工核实改正分类：${topicLabel(topic)} → ${topicLabel(p.topic!)}`;
    case 'ACCEPT':
      return `受理，直派${handlingUnitByCode.get(unit)!.name}办理，${handlingUnitByCode.get(supervisingUnitOf(district))!.name}督办。`;
    case 'REJECT':
      return rng.pick(d.kind === 'REPORT' ? REJECT_REASONS.REPORT : REJECT_REASONS.OTHER);
    case 'START_INVESTIGATION':
      return d.kind === 'CONSULTATION' ? '开始办理，查阅政策口径。' : '开始调查核实。';
    case 'ESCALATE':
      return '提级至市局诉求办理工作专班办理。';
    case 'HANDLE':
      return handleContent(rng, d.kind, topic);
    case 'FEEDBACK':
      return rng.pick([
        '已电话告知诉求人办理结果。',
        '已通过原渠道书面答复诉求人。',
        '已当面向诉求人反馈办理结果。',
      ]);
    case 'REVISIT':
      return p.satisfaction === 'SATISFIED'
        ? '回访：诉求人表示满意。'
        : p.satisfaction === 'BASICALLY_SATISFIED'
          ? '回访：诉求人表示基本满意。'
          : '回访：诉求人表示不满意（问题未解决），重新办理。';
    default:
      return '';
  }
}

// ---------------------------------------------------------------------------------------------------
// Duplicates: the ledger's rule, replayed in the order received

interface Indexed {
  appeal: Appeal;
  /** When staff corrected its topic (before that, the classifier's topic stood); Infinity if never. */
  reclassifiedAt: number;
}
const topicAt = (e: Indexed, t: number) =>
  t >= e.reclassifiedAt ? e.appeal.topic : e.appeal.classifiedTopic;
const partyKey = (a: Pick<Appeal, 'creditCode' | 'personId' | 'appellantPhone'>) =>
  a.creditCode
    ? `c:${a.creditCode}`
    : a.personId
      ? `p:${a.personId}`
      : a.appellantPhone
        ? `t:${a.appellantPhone}`
        : null;
const WINDOW = DUPLICATE_WINDOW_DAYS * DAY_MS;

class DuplicateIndex {
  private readonly byField = new Map<string, Indexed[]>();

  /** The first appeal of the chain a new appeal of this party and topic at `t` repeats, as registerAppeal finds it. */
  originalOf(key: string | null, topic: string, t: number): Indexed | null {
    if (!key) return null;
    const list = this.byField.get(key);
    if (!list) return null;
    let found: Indexed | null = null;
    for (let i = list.length - 1; i >= 0; i--) {
      const e = list[i]!;
      const received = e.appeal.receivedAt.getTime();
      if (received < t - WINDOW) break;
      if (received <= t && e.appeal.duplicateOf === null && topicAt(e, t) === topic) found = e;
    }
    return found;
  }

  /** Any appeal of the party on the topic within the window before `t` (a report must not repeat one). */
  recent(key: string, topic: string, t: number): boolean {
    const list = this.byField.get(key);
    if (!list) return false;
    for (let i = list.length - 1; i >= 0; i--) {
      const e = list[i]!;
      if (e.appeal.receivedAt.getTime() < t - WINDOW) return false;
      if (topicAt(e, t) === topic || e.appeal.topic === topic) return true;
    }
    return false;
  }

  add(e: Indexed): void {
    // Indexed under each field the ledger's query may filter on.
    const { creditCode, personId, appellantPhone } = e.appeal;
    for (const key of [
      creditCode && `c:${creditCode}`,
      personId && `p:${personId}`,
      appellantPhone && `t:${appellantPhone}`,
    ]) {
      if (!key) continue;
      let list = this.byField.get(key);
      if (!list) this.byField.set(key, (list = []));
      list.push(e);
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// The builder

const MONTHS_CN = ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'];
const BANKS = ['四川农信', '中国邮政储蓄银行', '中国农业银行', '中国建设银行', '中国工商银行', '中国银行'];
const STAND_IN: Record<string, string> = {
  INVOICE_REFUSAL: '这家店',
  DEED_TAX: '开发商',
  PROPERTY_MANAGEMENT: '物业公司',
  SOCIAL_INSURANCE: '单位',
  SOCIAL_INSURANCE_DEDUCTION: '单位',
};

/** Everything the appeals of the demo world are built from (the base's enterprises and persons). */
export function buildAppeals(base: Base): AppealsSlice {
  const scale = base.scale;
  const rng = new Rng(`bazhong-demo-world:${scale}:appeals`);
  const pools = makePools(base);

  // 1. Reports, planned per year and district.
  const drafts = reportDrafts(rng, scale);
  const reportCount = drafts.length;

  // 2. Every other appeal, spread over the days by topic.
  const days = span(FIRST_APPEAL_DAY, TODAY);
  const topicWeights = TOPIC_SHARES.map(([topic, share]) =>
    days.map((d) => share * dayFactor(d) * seasonal(topic, d) * trend(d) * noise(rng)),
  );
  const sums = topicWeights.map((w) => w.reduce((s, x) => s + x, 0));
  const surgeIndex = TOPIC_SHARES.findIndex(([t]) => t === SURGE.topic);
  const weekDays = span(SURGE_WEEK_START_DAY, SURGE_WEEK_START_DAY + 6).map((d) => d - FIRST_APPEAL_DAY);
  const generalTotal0 = APPEAL_COUNTS[scale] - reportCount;
  const totalWeight = sums.reduce((s, x) => s + x, 0);
  const expectedInWeek =
    (generalTotal0 * weekDays.reduce((s, i) => s + topicWeights[surgeIndex]![i]!, 0)) / totalWeight;
  const surgeExtra = Math.max(8, Math.round((SURGE.factor - 1) * expectedInWeek));
  const generalTotal = APPEAL_COUNTS[scale] - reportCount - surgeExtra;
  const perTopic = apportion(generalTotal, sums);
  TOPIC_SHARES.forEach(([topic], i) => {
    for (const day of spread(rng, days, topicWeights[i]!, perTopic[i]!)) {
      const kind = kindFor(rng, topic);
      const channel = channelFor(rng, topic, kind);
      const d = draft({ at: timeOn(rng, day, channel), topic, kind, channel });
      const followsUp = kind === 'CONSULTATION' || kind === 'HELP_REQUEST' || kind === 'COMPLAINT';
      d.repeat = followsUp && rng.chance(0.055);
      d.vague = !d.repeat && hasVagueTexts(topic) && followsUp && rng.chance(0.02);
      d.reject = rng.chance(topic === 'OTHER' ? 0.12 : 0.022);
      drafts.push(d);
    }
  });

  // 3. The surge: the week after employers' batch deductions failed on the 15th (and flexible workers'
  // on the 20th), their appeals on failed deductions.
  const surgeDays = weighted(
    [0.3, 0.22, 0.16, 0.12, 0.1, 0.05, 0.05].map((w, i) => [SURGE_WEEK_START_DAY + i, w] as const),
  );
  const surgeKinds = weighted<AppealKind>([
    ['HELP_REQUEST', 50],
    ['CONSULTATION', 25],
    ['COMPLAINT', 25],
  ]);
  const surgeChannels = weighted<AppealChannel>([
    ['HOTLINE_12366', 60],
    ['HOTLINE_12345', 15],
    ['INTERACTION_PLATFORM', 15],
    ['SERVICE_HALL', 10],
  ]);
  for (let k = 0; k < surgeExtra; k++) {
    const r = rng.float();
    const who: SurgeAppellant =
      pools.surge.flexible.length && r < 0.2
        ? 'FLEXIBLE'
        : pools.surge.employees.length && r < 0.5
          ? 'EMPLOYEE'
          : 'EMPLOYER';
    let day = rng.pickWeighted(surgeDays);
    // Flexible workers' deductions were attempted on the 20th.
    if (who === 'FLEXIBLE') day = Math.max(day, SURGE_WEEK_START_DAY + 4);
    const kind = rng.pickWeighted(surgeKinds);
    const channel = rng.pickWeighted(surgeChannels);
    drafts.push(draft({ at: timeOn(rng, day, channel), topic: SURGE.topic, kind, channel, surge: who }));
  }

  // 4. In the order received: distinct moments, numbers, channel references, parties, texts, links, steps.
  drafts.sort((a, b) => a.at - b.at);
  for (let i = 1; i < drafts.length; i++)
    if (drafts[i]!.at <= drafts[i - 1]!.at) drafts[i]!.at = drafts[i - 1]!.at + 1000;

  const staff = staffRoster(rng);
  const index = new DuplicateIndex();
  const recentByTopic = new Map<string, Indexed[]>();
  const references = new Map<string, number>();
  const surgeUsed: { employers: Set<EmployerInfo>; persons: Set<PersonInfo> } = {
    employers: new Set(),
    persons: new Set(),
  };
  const surgeParties: Party[] = [];
  const appeals: Appeal[] = [];
  const steps: AppealStep[] = [];
  const yearOf = (t: number) => chinaYear(new Date(t));

  const contextFor = (d: Draft, party: Party, t: number): TextContext => {
    const day = localDay(t);
    const date = new Date(day * DAY_MS);
    const monthsBack = rng.int(0, 1);
    const month = (date.getUTCMonth() - monthsBack + 12) % 12;
    const year = date.getUTCFullYear() - (date.getUTCMonth() - monthsBack < 0 ? 1 : 0);
    const g = GEO[party.district];
    const other = rng.pick(base.enterprises);
    return {
      district: g.name,
      town: rng.chance(0.6) ? rng.pick(g.urbanAreas) : rng.pick(g.towns),
      business: party.business ?? STAND_IN[d.topic] ?? '对方',
      company: neutral(other.name) ? other.name : '一家公司',
      bank: rng.pick(BANKS),
      period: `${year}年${month + 1}月`,
      month: MONTHS_CN[month]!,
      year: date.getUTCFullYear(),
      amount: rng.chance(0.5) ? rng.int(3, 60) * 10 : rng.int(6, 300) * 100,
      estate: estateName(rng),
    };
  };

  const surgeParty = (who: SurgeAppellant): Party => {
    const { employers, employees, flexible } = pools.surge;
    // About one in eight calls again (a repeat within the week).
    if (surgeParties.length && rng.chance(0.12)) return rng.pick(surgeParties);
    let party: Omit<Party, 'appellantName' | 'appellantPhone'>;
    if (who === 'EMPLOYER' && employers.length) {
      const fresh = employers.filter((e) => !surgeUsed.employers.has(e));
      const e = rng.pick(fresh.length ? fresh : employers);
      surgeUsed.employers.add(e);
      party = {
        district: e.district,
        creditCode: e.creditCode,
        personId: null,
        business: neutral(e.enterprise.name) ? e.enterprise.name : null,
      };
    } else {
      const pool = who === 'FLEXIBLE' ? flexible : employees;
      const fresh = pool.filter((p) => !surgeUsed.persons.has(p));
      const p = rng.pick(fresh.length ? fresh : pool);
      surgeUsed.persons.add(p);
      const employer = p.employer >= 0 ? base.employers[p.employer]!.enterprise.name : null;
      party = {
        district: p.row.district,
        creditCode: null,
        personId: p.row.personId,
        business: employer && neutral(employer) ? employer : null,
      };
    }
    const full = pools.appellantOf(party, rng);
    surgeParties.push(full);
    return full;
  };

  let n = 0;
  for (const d of drafts) {
    const t = d.at;
    // The party.
    let party: Party | null = null;
    if (d.surge) party = surgeParty(d.surge);
    else if (d.original) party = d.original.party;
    else if (d.repeat) {
      const recent = recentByTopic.get(d.topic) ?? [];
      const candidates: Indexed[] = [];
      for (let i = recent.length - 1; i >= 0; i--) {
        const received = recent[i]!.appeal.receivedAt.getTime();
        if (received < t - 25 * DAY_MS) break;
        if (received < t - 12 * HOUR && recent[i]!.appeal.kind !== 'REPORT') candidates.push(recent[i]!);
      }
      if (candidates.length) {
        const a = rng.pick(candidates).appeal;
        party = {
          district: a.district,
          creditCode: a.creditCode ?? null,
          personId: a.personId ?? null,
          appellantName: a.appellantName ?? null,
          appellantPhone: a.appellantPhone ?? null,
          business: null,
        };
      } else d.repeat = false;
    }
    if (!party) {
      for (let attempt = 0; ; attempt++) {
        party = pools.pick(rng, d.topic, d.district, d.kind);
        // A valid report via 12366 / 12345 must not repeat one (Table 2 counts first reports only).
        const key = partyKey(party);
        if (d.reportRole !== 'VALID' || !key || !index.recent(key, d.topic, t)) break;
        if (attempt > 200) throw new Error(`demo world: no fresh business to report in ${d.district}`);
      }
    }
    if (d.district && party.district !== d.district)
      throw new Error(`demo world: no business in ${d.district}`);
    d.party = party;

    // The text, which the classifier must read as meant (or, for vague ones, get wrong).
    const context = contextFor(d, party, t);
    let content = '';
    let classification = classify('');
    for (let attempt = 0; attempt < 12; attempt++) {
      content = d.surge
        ? surgeText(rng, d.surge, d.kind, context)
        : (appealText(rng, d.topic, d.kind, context, {
            vague: d.vague,
            repeat: d.repeat || d.original !== null,
          }) ?? '');
      classification = classify(content);
      const ok = d.vague ? classification.topic !== d.topic : classification.topic === d.topic;
      if (ok) break;
      if (attempt === 5) context.business = STAND_IN[d.topic] ?? '对方';
    }
    if (d.vague && classification.topic === d.topic) d.vague = false;
    if (d.reportRole && classification.topic !== d.topic)
      throw new Error(`demo world: report text not read as ${d.topic}: ${content}`);

    // The ledger's registration.
    n += 1;
    const year = yearOf(t);
    const refKey = `${d.channel}:${year}`;
    const ref = (references.get(refKey) ?? 0) + 1;
    references.set(refKey, ref);
    const channelReference = `${CHANNEL_PREFIX[d.channel]}-${year}-${String(ref).padStart(6, '0')}`;
    const receivedAt = new Date(t);
    const original = index.originalOf(partyKey(party), classification.topic, t);
    // The same rows intake writes (ledger.ts receivedAppeal); ids drawn in a fixed order.
    const id = rng.uuid();
    const intake = staff('INTAKE');
    const { appeal, step: received } = receivedAppeal(
      {
        id,
        stepId: rng.uuid(),
        number: appealNumber(year, n),
        channel: d.channel,
        channelReference,
        kind: d.kind,
        district: party.district,
        creditCode: party.creditCode,
        personId: party.personId,
        appellantName: party.appellantName,
        appellantPhone: party.appellantPhone,
        content,
        receivedAt,
        actor: intake,
      },
      classification,
      original?.appeal.id ?? null,
    );
    if (d.reportRole === 'VALID' && appeal.duplicateOf)
      throw new Error('demo world: a valid report repeats one');
    if (d.reportRole === 'REPEAT' && !appeal.duplicateOf)
      throw new Error('demo world: a report repeat not linked');
    steps.push(received);

    // The loop, as far as it has come by now.
    const trueTopic = d.vague ? d.topic : classification.topic;
    const unit = suggestedUnit(trueTopic, party.district);
    const plan = planSteps(rng, d, t, unit, d.vague ? d.topic : null);
    let reclassifiedAt = Infinity;
    let handler = staff(unit);
    const dispatcher = staff('CITY_SERVICE');
    for (const p of plan) {
      if (p.at > NOW) break;
      const decision = decideAppealStep(
        appeal.stage,
        {
          kind: p.kind,
          handlingUnit: p.handlingUnit ?? null,
          satisfaction: p.satisfaction ?? null,
          topic: p.topic ?? null,
        },
        appeal.reopenCount,
      );
      if (!decision.ok) throw new Error(`demo world: appeal ${appeal.number} ${p.kind}: ${decision.reason}`);
      if (p.kind === 'ESCALATE') handler = staff(CITY_TASK_FORCE);
      const actor =
        p.kind === 'RECLASSIFY' || p.kind === 'ACCEPT' || p.kind === 'REJECT'
          ? dispatcher
          : p.kind === 'REVISIT' || p.kind === 'ESCALATE'
            ? staff(CITY_TASK_FORCE)
            : handler;
      const progresses = p.kind !== 'RECLASSIFY' && p.kind !== 'ESCALATE';
      const stepAt = new Date(p.at);
      const step: AppealStep = {
        id: rng.uuid(),
        appealId: appeal.id,
        seq: appeal.version + 1,
        kind: p.kind,
        actorSubject: actor.subject,
        actorName: actor.name,
        content: stepContent(rng, p, d, appeal.topic, unit, party.district),
        stageBefore: appeal.stage,
        stageAfter: decision.stageAfter,
        handlingUnit: p.kind === 'ESCALATE' ? CITY_TASK_FORCE : (p.handlingUnit ?? null),
        satisfaction: p.satisfaction ?? null,
        topicBefore: p.kind === 'RECLASSIFY' ? appeal.topic : null,
        topicAfter: p.kind === 'RECLASSIFY' ? p.topic! : null,
        at: stepAt,
        late: progresses && appeal.stageDueAt != null && stepAt > appeal.stageDueAt,
        idempotencyKey: `demo-world:${appeal.id}:${appeal.version + 1}`,
      };
      steps.push(step);
      applyToAppeal(appeal, step, decision.reopens);
      if (p.kind === 'RECLASSIFY') reclassifiedAt = p.at;
    }
    appeals.push(appeal);
    const entry: Indexed = { appeal, reclassifiedAt };
    index.add(entry);
    let recent = recentByTopic.get(d.topic);
    if (!recent) recentByTopic.set(d.topic, (recent = []));
    recent.push(entry);
  }

  const yearlyFigures: AppealYearlyFigure[] = districts.flatMap((district) =>
    TABLE_TWO_YEARS.map((year, i) => ({
      year,
      district,
      validReports: TABLE_TWO[district][i]!,
      source: TABLE_TWO_SOURCE,
    })),
  );
  return { yearlyFigures, appeals, steps, lastNumber: n };
}

/** Monday (day number, Beijing) of the week a moment falls in. */
export function weekStartOf(t: Date): number {
  const day = localDay(t.getTime());
  return day - ((weekday(day) + 6) % 7);
}

/** An appeal is a valid report of Table 2: a report via 12366 / 12345, not refused, not a likely duplicate. */
export const isValidTableTwoReport = (a: Appeal) =>
  a.kind === 'REPORT' &&
  tableTwoChannels.includes(a.channel) &&
  a.stage !== 'REJECTED' &&
  a.duplicateOf === null;
