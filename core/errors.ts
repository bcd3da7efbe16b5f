import { GraphQLError } from 'graphql';

/**
 * The one registry of error codes the hub returns in `extensions.code`. Each code is defined once,
 * with what it means; clients may rely on these strings staying stable.
 */
export const errorCodes = {
  BAD_USER_INPUT: '参数不合法 (an argument is out of range or malformed)',
  INVALID_CREDIT_CODE: '统一社会信用代码不合法 (the credit code fails GB 32100 validation)',
  INVALID_CURSOR: '分页游标无效 (the pagination cursor was not issued by this list)',
  NOT_FOUND: '查无此记录 (no such record)',
  IDEMPOTENCY_KEY_REUSED:
    '幂等键已用于另一请求：同一幂等键只能重复提交完全相同的内容 (the idempotency key was already used for a different request)',
  UNAUTHENTICATED: '未认证 (no valid identity)',
  FORBIDDEN: '无权访问 (not allowed by policy)',
  INVALID_PURPOSE:
    '所述用途无效：须为调用方部门参与的案件 (the stated purpose is not a case in which the caller’s agency takes part)',
  INVALID_TRANSITION: '办理步骤与案件当前阶段不符 (the step does not follow from the case’s current stage)',
  CASE_CLOSED: '案件已办结 (the case is closed: no further step but a revisit)',
  CONFLICT: '案件已被他人更新，请刷新后重试 (the case changed since you read it: reload and try again)',
  LEDGER_UNAVAILABLE:
    '牵头部门台账暂不可用：步骤未记录，请以同一幂等键重试 (the lead’s ledger did not answer: the step is not recorded; retry with the same key)',
  SUBGRAPH_UNAVAILABLE: '某部门子图暂不可用 (an agency subgraph did not answer)',
  MAX_DEPTH_EXCEEDED: '查询嵌套过深 (the operation nests fields deeper than allowed)',
  MAX_ALIASES_EXCEEDED: '别名过多 (the operation uses more aliases than allowed)',
  MAX_DIRECTIVES_EXCEEDED: '指令过多 (the operation uses more directives than allowed)',
  MAX_COST_EXCEEDED: '查询估算成本过高 (the estimated cost of the operation exceeds the limit)',
  MAX_TOKENS_EXCEEDED: '查询文档过长 (the operation document has more tokens than allowed)',
  BODY_TOO_LARGE: '请求体过大 (the request body exceeds the limit)',
  BATCH_TOO_LARGE: '批量请求的操作数超出范围 (a batched request holds no operation or more than allowed)',
  EXECUTION_TIMEOUT: '执行超时 (the operation took longer than allowed)',
  PERSISTED_OPERATION_REQUIRED:
    '生产模式仅运行已登记的操作 (production mode runs registered operations only)',
  PERSISTED_QUERY_NOT_FOUND: '未登记的操作 (no registered operation has this hash)',
  AUDIT_UNAVAILABLE: '审计存储不可写，拒绝服务 (the audit trail cannot be written, so nothing is served)',
  INTERNAL_SERVER_ERROR: '内部错误 (an unexpected error; details are in the server log)',
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** A GraphQL error with a stable `extensions.code` from the registry above. */
export function hubError(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const badInput = (message: string, argument?: string) =>
  hubError('BAD_USER_INPUT', message, argument ? { argument } : {});

export const notFound = (message: string) => hubError('NOT_FOUND', message);

/**
 * The optimistic check of every versioned write: the client says which version it read (or nothing, and
 * nothing is checked); if the record has moved on since, the write is refused with CONFLICT.
 */
export function assertVersion(
  expected: number | null | undefined,
  current: number,
  what: { zh: string; en: string },
): void {
  if (expected == null || expected === current) return;
  throw hubError(
    'CONFLICT',
    `${what.zh}已更新为第 ${current} 版，您读取的是第 ${expected} 版 (the ${what.en} is at version ${current}, you read ${expected})`,
    { currentVersion: current },
  );
}
