import { GraphQLScalarType, Kind } from 'graphql';
import { badInput } from '../../core/errors.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^-?\d{1,14}(\.\d{1,4})?$/;

function stringScalar(
  name: string,
  description: string,
  pattern: RegExp,
  example: string,
): GraphQLScalarType {
  const parse = (value: unknown): string => {
    if (typeof value !== 'string' || !pattern.test(value)) {
      throw badInput(`${name} 格式不正确，应如 ${example} (malformed ${name}, expected e.g. ${example})`);
    }
    return value;
  };
  return new GraphQLScalarType({
    name,
    description,
    serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)),
    parseValue: parse,
    parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
  });
}

/** `YYYY-MM-DD`; MikroORM's date type already reads it as that string. */
export const DateScalar = stringScalar('Date', '日期 YYYY-MM-DD', DATE, '2024-09-30');

/** Amounts travel as decimal strings: no binary floating point between agencies' ledgers. */
export const DecimalScalar = stringScalar('Decimal', '金额（元）的十进制字符串', DECIMAL, '1234.50');

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'ISO 8601 时间',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()),
  parseValue: (value) => {
    const date = new Date(String(value));
    if (typeof value !== 'string' || Number.isNaN(date.getTime()))
      throw badInput('DateTime 格式不正确 (malformed DateTime)');
    return date;
  },
  parseLiteral: (ast) => {
    const date = ast.kind === Kind.STRING ? new Date(ast.value) : new Date(NaN);
    if (Number.isNaN(date.getTime())) throw badInput('DateTime 格式不正确 (malformed DateTime)');
    return date;
  },
});
