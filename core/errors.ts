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
  UNAUTHENTICATED: '未认证 (no valid identity)',
  FORBIDDEN: '无权访问 (not allowed by policy)',
  SUBGRAPH_UNAVAILABLE: '某部门子图暂不可用 (an agency subgraph did not answer)',
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
