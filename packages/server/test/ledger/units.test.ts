import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeAccount } from '../../src/ledger/accounts.ts';
import { LedgerError } from '../../src/ledger/errors.ts';
import { formatMinorUnits, ledgerUnit, toMinorUnits } from '../../src/ledger/units.ts';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof LedgerError) return error.code;
    throw error;
  }
  return 'ok';
}

describe('units and amounts', () => {
  it.each([
    { unit: 'EUR', scale: 2, kind: 'cash' },
    { unit: 'SEK', scale: 2, kind: 'cash' },
    { unit: 'JPY', scale: 0, kind: 'cash' },
    { unit: 'ISK', scale: 0, kind: 'cash' },
    { unit: 'KWD', scale: 3, kind: 'cash' },
    { unit: 'BHD', scale: 3, kind: 'cash' },
    { unit: 'points', scale: 0, kind: 'points' },
    { unit: 'credits', scale: 0, kind: 'credits' },
  ])('$unit is $kind with $scale decimal places', ({ unit, scale, kind }) => {
    expect(ledgerUnit(unit)).toEqual({ unit, scale, kind });
  });

  it.each(['eur', 'EURO', 'XYZ', 'Points', ''])('"%s" is not a unit', (unit) => {
    expect(codeOf(() => ledgerUnit(unit))).toBe('invalid_unit');
  });

  it.each([
    { amount: '12.5', unit: 'EUR', minor: 1250n },
    { amount: '12.50', unit: 'EUR', minor: 1250n },
    { amount: '-0.01', unit: 'EUR', minor: -1n },
    { amount: '+7', unit: 'EUR', minor: 700n },
    { amount: '1.000', unit: 'JPY', minor: 1n },
    { amount: '1.125', unit: 'KWD', minor: 1125n },
    { amount: '9007199254740993', unit: 'points', minor: 9007199254740993n },
  ])('$amount $unit is $minor minor units', ({ amount, unit, minor }) => {
    expect(toMinorUnits(amount, unit)).toBe(minor);
  });

  it.each([
    { amount: '0.001', unit: 'EUR', code: 'amount_precision' },
    { amount: '0.5', unit: 'points', code: 'amount_precision' },
    { amount: '1e3', unit: 'EUR', code: 'invalid_amount' },
    { amount: '1,50', unit: 'EUR', code: 'invalid_amount' },
    { amount: '.5', unit: 'EUR', code: 'invalid_amount' },
    { amount: '', unit: 'EUR', code: 'invalid_amount' },
  ])('$amount $unit is refused with $code', ({ amount, unit, code }) => {
    expect(codeOf(() => toMinorUnits(amount, unit))).toBe(code);
  });

  it('formats minor units back to the same amount for every scale', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.constantFrom('EUR', 'JPY', 'KWD', 'points'),
        (minor, unit) => {
          const text = formatMinorUnits(minor, unit);
          expect(toMinorUnits(text, unit)).toBe(minor);
          expect(text.split('.')[1]?.length ?? 0).toBe(ledgerUnit(unit).scale);
        },
      ),
    );
  });

  it.each([
    { code: 'participant:partner:R-1001:SEK', kind: 'participant', normalSide: 'credit' },
    { code: 'participant:user:U-7:points', kind: 'participant', normalSide: 'credit' },
    { code: 'program:cashpaq:expense:SEK', kind: 'program', normalSide: 'debit' },
    { code: 'payout:approved:partner:R-1001:EUR', kind: 'payout', normalSide: 'credit' },
  ])('reads $code as a $kind account', ({ code, kind, normalSide }) => {
    expect(describeAccount(code)).toMatchObject({ kind, normalSide });
  });

  it.each([
    'participant:reseller:R-1:EUR',
    'participant:partner::EUR',
    'participant:partner:R 1:EUR',
    'program:cashpaq:Expense:EUR',
    'payout:sent:partner:R-1:EUR',
    'participant:partner:R-1',
  ])('refuses the account code %s', (code) => {
    expect(codeOf(() => describeAccount(code))).toBe('invalid_account');
  });
});
