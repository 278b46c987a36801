import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvRecord, CsvRecordSplitter, CsvSyntaxError } from '../../src/files/csv-records.ts';

function quote(field: string, delimiter: string): string {
  return /["\n\r]/.test(field) || field.includes(delimiter) ? `"${field.replaceAll('"', '""')}"` : field;
}

function splitAll(text: string, cuts: number[], delimiter = ','): CsvRecord[] {
  const splitter = new CsvRecordSplitter(delimiter);
  const records: CsvRecord[] = [];
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    records.push(...splitter.push(text.slice(from, cut)));
    from = Math.max(from, cut);
  }
  records.push(...splitter.push(text.slice(from)));
  records.push(...splitter.end());
  return records;
}

describe('splitting CSV text into records', () => {
  it('gives back any records written as CSV, with the line each starts on, however the text is cut', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', ';', '"', '\n', ' ', 'ü'), maxLength: 6 });
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom(',', ';'),
        fc.constantFrom('\n', '\r\n'),
        fc.array(fc.nat(200), { maxLength: 5 }),
        (records, delimiter, newline, cuts) => {
          const text = records.map((fields) => fields.map((f) => quote(f, delimiter)).join(delimiter)).join(newline);
          let line = 1;
          const expected = records.map((fields) => {
            const record = { line, fields };
            line += 1 + fields.join('').split('\n').length - 1;
            return record;
          });
          expect(splitAll(text + newline, cuts, delimiter)).toEqual(expected);
          expect(splitAll(text, cuts, delimiter)).toEqual(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['an unclosed quote', 'a,"b\nc,d', 1],
    ['text after a closing quote', 'a,b\n"x"y,z\n', 2],
    ['a quote inside an unquoted field', 'a,b\nx"y,z\n', 2],
  ])('refuses %s and names its line', (_name, text, line) => {
    expect(() => splitAll(text, [])).toThrow(CsvSyntaxError);
    try {
      splitAll(text, []);
    } catch (error) {
      expect((error as CsvSyntaxError).line).toBe(line);
    }
  });
});
