import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CsvRecord, readCsvBatches } from '../../src/simulate/csv-lines.ts';

async function records(text: string): Promise<CsvRecord[]> {
  const file = join(mkdtempSync(join(tmpdir(), 'spur-csv-')), 'file.csv');
  writeFileSync(file, text);
  const all: CsvRecord[] = [];
  for await (const batch of readCsvBatches(file)) all.push(...batch);
  return all;
}

describe('canonical CSV reader', () => {
  it.each([
    {
      case: 'plain fields',
      text: 'a,b\n1,2\n',
      fields: [
        ['a', 'b'],
        ['1', '2'],
      ],
    },
    {
      case: 'a byte order mark and CRLF',
      text: '\uFEFFa,b\r\n1,2\r\n',
      fields: [
        ['a', 'b'],
        ['1', '2'],
      ],
    },
    {
      case: 'no final newline',
      text: 'a,b\n1,2',
      fields: [
        ['a', 'b'],
        ['1', '2'],
      ],
    },
    {
      case: 'quoted commas and quotes',
      text: 'a,b\n"x, ""y""",2\n',
      fields: [
        ['a', 'b'],
        ['x, "y"', '2'],
      ],
    },
    {
      case: 'a quoted newline',
      text: 'a,b\n"two\nlines",2\n3,4\n',
      fields: [
        ['a', 'b'],
        ['two\nlines', '2'],
        ['3', '4'],
      ],
    },
    {
      case: 'empty lines',
      text: 'a,b\n\n1,2\n\n',
      fields: [
        ['a', 'b'],
        ['1', '2'],
      ],
    },
  ])('reads $case', async ({ text, fields }) => {
    expect((await records(text)).map((record) => record.fields)).toEqual(fields);
  });

  it('numbers records by the line they start on', async () => {
    expect((await records('a,b\n"two\nlines",2\n3,4\n')).map((record) => record.line)).toEqual([1, 2, 4]);
  });

  it('reads records that straddle the 1 MiB chunk boundary', async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) =>
      i % 7 === 0 ? `"id ${i}\nsecond, line",${i}` : `id ${i},${i}`,
    );
    const read = await records(`name,value\n${rows.join('\n')}\n`);
    expect(read).toHaveLength(60_001);
    expect(read.slice(1).every((record, i) => record.fields[1] === String(i))).toBe(true);
  });

  it('reports an unclosed quote with its line', async () => {
    await expect(records('a,b\n1,"open\n')).rejects.toThrow(/file\.csv, line 2: a quoted field is not closed/);
  });
});
