import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvNumberCell, csvTextCell } from '../../src/http/csv-cells.ts';

describe('CSV export cells', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
    ['+31 20 123', `'+31 20 123`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
    ['Alpha Reseller', 'Alpha Reseller'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('neutralises the text cell %j', (input, expected) => {
    expect(csvTextCell(input)).toBe(expected);
  });

  it.each([
    ['-12.50', '-12.50'],
    ['1200', '1200'],
    ['-1+1', `'-1+1`],
    ['=1', `'=1`],
  ])('keeps exact decimals but not formulas in number cell %j', (input, expected) => {
    expect(csvNumberCell(input)).toBe(expected);
  });

  it('never lets a text cell start with a formula character', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(csvTextCell(text)).not.toMatch(/^[=+\-@\t\r]/);
      }),
    );
  });
});
