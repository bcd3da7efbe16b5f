import { describe, expect, it } from 'vitest';
import {
  creditCodeCheckChar,
  creditCodeProblem,
  idNumberCheckChar,
  isValidIdNumber,
  maskIdNumber,
  maskPersonName,
  maskPhone,
} from '../../core/identifiers.js';

describe('unified social credit code (GB 32100)', () => {
  // Published example codes of real registrations, whose check characters are known.
  const published = ['91350100M000100Y43', '91110108551385082Q', '91440300708461136T'];

  it('accepts codes with a correct check character', () => {
    for (const code of published) expect(creditCodeProblem(code)).toBeNull();
  });

  it('computes the check character of the first 17 characters', () => {
    for (const code of published) expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it('names what is wrong with a bad code', () => {
    expect(creditCodeProblem('91350100M000100Y4')).toBe('LENGTH');
    expect(creditCodeProblem('91350100M000100YI3')).toBe('CHARACTERS');
    expect(creditCodeProblem('91350100M000100Y44')).toBe('CHECK_CHARACTER');
  });
});

describe('citizen ID number (GB 11643)', () => {
  it('checks the check character', () => {
    const first17 = '51190219900307123';
    const id = first17 + idNumberCheckChar(first17);
    expect(isValidIdNumber(id)).toBe(true);
    expect(isValidIdNumber(first17 + (id[17] === '0' ? '1' : '0'))).toBe(false);
  });
});

describe('masking', () => {
  it('shows the first 6 and last 4 of an ID number', () => {
    expect(maskIdNumber('511902199003071234')).toBe('511902********1234');
  });
  it('shows a phone as 138****1234', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
  });
  it('keeps only the surname of a person name', () => {
    expect(maskPersonName('张三丰')).toBe('张**');
    expect(maskPersonName('李四')).toBe('李*');
  });
});
