import { badInput, hubError } from '../../core/errors.js';
import { creditCodeProblem } from '../../core/identifiers.js';

const problemText = {
  LENGTH: '长度应为 18 位 (must be 18 characters)',
  CHARACTERS: '含有不允许的字符 (contains characters GB 32100 does not allow)',
  CHECK_CHARACTER: '校验位不符 (check character does not match)',
} as const;

/** Refuses a malformed credit code before any query runs. */
export function assertCreditCode(creditCode: string): void {
  const problem = creditCodeProblem(creditCode);
  if (problem) {
    throw hubError('INVALID_CREDIT_CODE', `统一社会信用代码 ${creditCode} 不合法：${problemText[problem]}`, {
      argument: 'creditCode',
    });
  }
}

/**
 * Trims a free-text argument and checks its length in characters (code points, as PostgreSQL's varchar
 * counts them); refuses NUL, which PostgreSQL cannot store. Returns the trimmed text.
 */
export function assertText(
  value: string,
  options: { argument: string; label: { zh: string; en: string }; max: number },
): string {
  const { argument, label, max } = options;
  const text = value.trim();
  const length = [...text].length;
  if (length === 0) throw badInput(`${label.zh}不能为空 (${label.en} must not be empty)`, argument);
  if (length > max) {
    throw badInput(
      `${label.zh}不能超过 ${max} 字，收到 ${length} 字 (${label.en} must be at most ${max} characters, got ${length})`,
      argument,
    );
  }
  if (text.includes('\u0000')) throw badInput(`${label.zh}含有空字符 (${label.en} contains NUL)`, argument);
  return text;
}

/** `assertText` with its label as two words: the short form every mutation's validation uses. */
export const textInput = (value: string, argument: string, zh: string, en: string, max: number) =>
  assertText(value, { argument, label: { zh, en }, max });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether an id a client sent back can be a record's id (a UUID): anything else matches no record. */
export const isUuid = (id: string) => UUID.test(id);

/** A client's idempotency key: 1 to `max` visible ASCII characters (a UUID fits). */
export function assertIdempotencyKey(key: string, argument: string, max: number): string {
  if (key.length < 1 || key.length > max || !/^[\x21-\x7e]+$/.test(key)) {
    throw badInput(
      `幂等键须为 1–${max} 个可见 ASCII 字符 (the idempotency key must be 1–${max} visible ASCII characters)`,
      argument,
    );
  }
  return key;
}
