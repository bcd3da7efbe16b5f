/**
 * Calendar days of the service account, in Beijing time (UTC+8) whatever the server's zone: a follow-up
 * due on 5 December is overdue from 00:00 on 6 December in Bazhong, not from 08:00.
 */

const MS_PER_DAY = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

/** Today's date in Beijing, YYYY-MM-DD. */
export function beijingToday(now: Date = new Date()): string {
  return new Date(now.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** `days` after a YYYY-MM-DD date (negative: before). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whether a YYYY-MM-DD string names a real calendar day (2026-02-30 does not). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}
