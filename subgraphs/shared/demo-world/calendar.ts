/**
 * Dates, periods and money for the demo world. Days are counted from 1970-01-01 (UTC) and months as
 * year * 12 + month - 1, so the hot loops do integer arithmetic and format through small caches.
 */

const MS_PER_DAY = 86_400_000;

/** Day number of a calendar date. */
export function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** The fixed reference date "today" of every generated record: 2026-11-30. */
export const TODAY = dayOf(2026, 11, 30);
/** Month index of 2026-11, the newest contribution period. */
export const CURRENT_MONTH = 2026 * 12 + 10;

const dateCache = new Map<number, string>();

/** 'YYYY-MM-DD' of a day number. */
export function isoDate(day: number): string {
  let s = dateCache.get(day);
  if (s === undefined) {
    s = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    dateCache.set(day, s);
  }
  return s;
}

export function yearOfDay(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** Month index (year * 12 + month - 1) of a day number. */
export function monthOfDay(day: number): number {
  const d = new Date(day * MS_PER_DAY);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** Day number of the given day of the month `monthIndex`, clamped to the month's length. */
export function dayInMonth(monthIndex: number, dayOfMonth: number): number {
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(dayOfMonth, last)) / MS_PER_DAY;
}

const periodCache = new Map<number, string>();

/** 'YYYY-MM' of a month index; cached so millions of rows share a few strings. */
export function period(monthIndex: number): string {
  let s = periodCache.get(monthIndex);
  if (s === undefined) {
    s = `${Math.floor(monthIndex / 12)}-${String((monthIndex % 12) + 1).padStart(2, '0')}`;
    periodCache.set(monthIndex, s);
  }
  return s;
}

/** A `Date` for a local time in Beijing (UTC+8) on a day number. */
export function beijingTime(day: number, hour: number, minute: number, second = 0): Date {
  return new Date(day * MS_PER_DAY + ((hour - 8) * 3600 + minute * 60 + second) * 1000);
}

/** A decimal string with two places from integer cents: 123450 → '1234.50'. */
export function money(cents: number): string {
  const c = Math.round(cents);
  const whole = Math.floor(c / 100);
  const rest = c - whole * 100;
  return `${whole}.${rest < 10 ? '0' : ''}${rest}`;
}
