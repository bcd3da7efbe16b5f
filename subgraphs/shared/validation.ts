import { hubError } from '../../core/errors.js';
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
