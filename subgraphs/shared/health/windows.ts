/**
 * The calendar windows of health-check indicators. Agencies count months and days in Beijing time
 * (UTC+8), whatever the server's time zone: a deduction at 03:00 on 1 December in Beijing belongs to
 * December even though it is still 30 November in UTC.
 */

const BEIJING_OFFSET_MS = 8 * 3_600_000;

interface CalendarDay {
  year: number;
  /** 0–11 */
  month: number;
  day: number;
}

function beijingDay(at: Date): CalendarDay {
  const shifted = new Date(at.getTime() + BEIJING_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth(), day: shifted.getUTCDate() };
}

/** The instant a Beijing calendar day begins; months past 11 or below 0 roll into other years. */
function beijingMidnight(year: number, month: number, day = 1): Date {
  return new Date(Date.UTC(year, month, day) - BEIJING_OFFSET_MS);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM' of a month that may lie outside 0–11 (rolled into its year). */
function periodOf(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

/** Whole calendar months: [from, until) as instants and as 'YYYY-MM' periods, both ends inclusive. */
export interface MonthWindow {
  from: Date;
  until: Date;
  firstPeriod: string;
  lastPeriod: string;
}

/**
 * The `months` calendar months before the current Beijing month: on 2026-12-05, 2026-09 to 2026-11
 * (from 2026-09-01 00:00 to 2026-12-01 00:00 Beijing time).
 */
export function monthsBefore(now: Date, months: number): MonthWindow {
  const { year, month } = beijingDay(now);
  return {
    from: beijingMidnight(year, month - months),
    until: beijingMidnight(year, month),
    firstPeriod: periodOf(year, month - months),
    lastPeriod: periodOf(year, month - 1),
  };
}

/** A window that runs up to now: from the start of a Beijing calendar day. */
export interface SinceWindow {
  /** 'YYYY-MM-DD', compared with date columns (`>=`). */
  fromDate: string;
  /** The start of that day, compared with timestamp columns (`>=`). */
  from: Date;
}

/**
 * The last `months` months: from the same Beijing calendar day `months` months ago (the month's last
 * day where it is shorter), to now. On 2026-12-05 the last 12 months run from 2025-12-05.
 */
export function lastMonths(now: Date, months: number): SinceWindow {
  const { year, month, day } = beijingDay(now);
  const daysInTarget = new Date(Date.UTC(year, month - months + 1, 0)).getUTCDate();
  const from = beijingMidnight(year, month - months, Math.min(day, daysInTarget));
  const { year: y, month: m, day: d } = beijingDay(from);
  return { fromDate: `${y}-${pad(m + 1)}-${pad(d)}`, from };
}
