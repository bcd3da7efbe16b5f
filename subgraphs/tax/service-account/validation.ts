import { badInput } from '../../../core/errors.js';
import { creditCodeProblem } from '../../../core/identifiers.js';
import { assertIdempotencyKey, isUuid, textInput } from '../../shared/validation.js';
import { addDays, beijingToday, isCalendarDate } from './calendar.js';

/**
 * Input checks of the service account's mutations. Each names the argument it refuses
 * (`input.financeDirector.phone`), in BAD_USER_INPUT's `extensions.argument`.
 */

export const IDEMPOTENCY_KEY_MAX = 100;
/** A mainland mobile number, or a landline with its area code (0827-5261234, 028-86601234). */
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

export const text = textInput;

/** Optional text: null when absent or blank. */
export function optionalText(
  value: string | null | undefined,
  argument: string,
  zh: string,
  en: string,
  max: number,
): string | null {
  if (value == null || value.trim() === '') return null;
  return text(value, argument, zh, en, max);
}

export const idempotencyKey = (key: string) =>
  assertIdempotencyKey(key, 'input.idempotencyKey', IDEMPOTENCY_KEY_MAX);

/** A record id the client sends back: a UUID, else the argument is refused before any query. */
export function recordId(id: string, argument: string): string {
  if (!isUuid(id)) throw badInput(`${id} 不是有效的标识 (not a valid id)`, argument);
  return id.toLowerCase();
}

/** A real calendar day, YYYY-MM-DD. */
export function date(value: string, argument: string): string {
  if (!isCalendarDate(value)) throw badInput(`${value} 不是有效日期 (not a calendar date)`, argument);
  return value;
}

/** A day not after today (Beijing). */
export function pastOrToday(value: string, argument: string): string {
  if (date(value, argument) > beijingToday()) {
    throw badInput(`日期不能晚于今天 (the date must not be after today): ${value}`, argument);
  }
  return value;
}

/** A term: `from` not after `to`, `to` not before today, at most `maxYears` long. */
export function term(
  from: string,
  to: string,
  args: { from: string; to: string },
  maxYears = 10,
): { from: string; to: string } {
  date(from, args.from);
  date(to, args.to);
  if (to < from) throw badInput(`截止日期早于起始日期 (${args.to} is before ${args.from})`, args.to);
  if (to < beijingToday()) throw badInput(`截止日期已过 (${args.to} is in the past)`, args.to);
  if (to > addDays(from, Math.round(maxYears * 365.25))) {
    throw badInput(`期限不能超过 ${maxYears} 年 (at most ${maxYears} years)`, args.to);
  }
  return { from, to };
}

export function phone(value: string, argument: string): string {
  const trimmed = value.trim();
  if (!PHONE.test(trimmed)) {
    throw badInput(
      `电话须为手机号或带区号的固定电话，如 13812345678、0827-5261234 (a mobile number or a landline with its area code)`,
      argument,
    );
  }
  return trimmed;
}

export function optionalCreditCode(value: string | null | undefined, argument: string): string | null {
  if (value == null || value === '') return null;
  if (creditCodeProblem(value)) {
    throw badInput(`统一社会信用代码 ${value} 不合法 (fails GB 32100)`, argument);
  }
  return value;
}

/** A list of `min` to `max` items, each checked by `item` with its index. */
export function list<T, U>(
  items: readonly T[] | null | undefined,
  argument: string,
  bounds: { min: number; max: number },
  item: (value: T, argument: string) => U,
): U[] {
  const values = items ?? [];
  if (values.length < bounds.min || values.length > bounds.max) {
    throw badInput(
      `须为 ${bounds.min}–${bounds.max} 项，收到 ${values.length} 项 (${bounds.min} to ${bounds.max} items, got ${values.length})`,
      argument,
    );
  }
  return values.map((value, i) => item(value, `${argument}.${i}`));
}

export function intInRange(value: number, argument: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badInput(`须为 ${min}–${max} 的整数 (an integer from ${min} to ${max})`, argument);
  }
  return value;
}
