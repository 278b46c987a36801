import { describe, expect, it } from 'vitest';
import { RowErrorList } from '../../src/masterdata/import-errors.ts';
import { canonicalDecimal, RowFields } from '../../src/masterdata/row-fields.ts';

function readOne<T>(value: string, read: (fields: RowFields) => T): { value: T; reason: string | undefined } {
  const errors = new RowErrorList('file.csv');
  const result = read(new RowFields({ field: value }, 2, errors));
  return { value: result, reason: errors.errors[0]?.reason };
}

describe('reading master-data fields', () => {
  it.each([
    ['1.5', '1.5'],
    ['001.500', '1.5'],
    ['3.000', '3'],
    ['0.000000000001', '0.000000000001'],
    ['999999999999.999999999999', '999999999999.999999999999'],
    ['0', '0'],
  ])('reads the decimal %s exactly as %s', (input, expected) => {
    expect(readOne(input, (f) => f.decimal('field', { integerDigits: 12, fractionDigits: 12 }))).toEqual({
      value: expected,
      reason: undefined,
    });
  });

  it.each([
    ['1,5', 'must be a decimal number with a dot, such as 1234.5'],
    ['-1', 'must be a decimal number with a dot, such as 1234.5'],
    ['1e3', 'must be a decimal number with a dot, such as 1234.5'],
    ['.5', 'must be a decimal number with a dot, such as 1234.5'],
    ['0.0000000000001', 'has more than 12 decimal places'],
    ['1000000000000', 'has more than 12 digits before the decimal point'],
    ['', 'is required'],
  ])('refuses the decimal %s: %s', (input, reason) => {
    expect(readOne(input, (f) => f.decimal('field', { integerDigits: 12, fractionDigits: 12 })).reason).toBe(reason);
  });

  it.each([
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2026-04-31', false],
    ['2026-4-1', false],
    ['2026-12-31', true],
  ])('accepts %s as an ISO date: %s', (input, valid) => {
    expect(readOne(input, (f) => f.isoDate('field')).reason === undefined).toBe(valid);
  });

  it.each([
    ['de', true],
    ['en-GB', true],
    ['fil', true],
    ['DE', false],
    ['german', false],
    ['en_GB', false],
  ])('accepts %s as a language code: %s', (input, valid) => {
    expect(readOne(input, (f) => f.language('field')).reason === undefined).toBe(valid);
  });

  it.each([
    ['anna@example.com', true],
    ['anna.schmidt+spur@sub.example.co.uk', true],
    ['anna@example', false],
    ['anna example@example.com', false],
    ['@example.com', false],
    ['anna@@example.com', false],
  ])('accepts %s as an e-mail address: %s', (input, valid) => {
    expect(readOne(input, (f) => f.email('field')).reason === undefined).toBe(valid);
  });

  it.each([
    ['true', true],
    ['FALSE', false],
    ['True', true],
  ])('reads %s as the boolean %s', (input, expected) => {
    expect(readOne(input, (f) => f.boolean('field')).value).toBe(expected);
  });

  it.each(['yes', '1', ''])('refuses %j as a boolean', (input) => {
    expect(readOne(input, (f) => f.boolean('field')).reason).toBe('must be true or false');
  });

  it('spells every decimal one way, so equal values compare equal', () => {
    expect(canonicalDecimal('-000.100')).toBe('-0.1');
    expect(canonicalDecimal('-0.000')).toBe('0');
  });
});
