import { describe, expect, it } from 'vitest';
import { toJson } from '../../src/simulate/output.ts';
import { simulate } from '../../src/simulate/simulate.ts';
import { CANONICAL_FILES, dataDir, example } from './fixtures.ts';

/** Quotes every field, which sends every line through the string path (the reader before the byte path). */
function quoteEveryField(csv: string): string {
  const quoteLine = (line: string): string =>
    line
      .split(',')
      .map((field) => (field.startsWith('"') ? field : `"${field}"`))
      .join(',');
  return csv
    .split('\n')
    .map((line) => (line === '' ? line : line.endsWith('\r') ? `${quoteLine(line.slice(0, -1))}\r` : quoteLine(line)))
    .join('\n');
}

const sellout = CANONICAL_FILES['sellout.csv']!;
// Lines the byte path declines or that need care: a huge quantity, CRLF, an empty line, a quoted name.
const extraLines = [
  'D-DE,20,2026-02-20,R-DE1,U1,NB-1,123456789012345678,1.00,EUR',
  'D-DE,21,2026-02-21,R-DE1,U1,NB-1,1,98765432109.123456,EUR\r',
  '',
  'D-DE,22,2026-02-22,"R-DE1",,SW-1,3,300.00,EUR',
  'D-SE,23,2026-01-25,R-SE1,,SRV-ML110,-1,-3000.00,SEK',
].join('\n');

describe('sell-out file reader', () => {
  it.each(['cashpaq', '10hoch4', 'channelvalue'])(
    '%s: the byte path prints byte-identical JSON to the string path',
    async (name) => {
      const fx = { 'fx.csv': `${CANONICAL_FILES['fx.csv']}2026-03,CHF,1.06\n` };
      const plain = dataDir({ ...fx, 'sellout.csv': `${sellout}${extraLines}\n` });
      const quoted = dataDir({ ...fx, 'sellout.csv': `${quoteEveryField(sellout)}${quoteEveryField(extraLines)}\n` });
      const output = async (dir: string) =>
        JSON.stringify(toJson(await simulate({ programFile: example(name), dataDir: dir }), true), null, 2);
      const bytePath = await output(plain);
      expect(bytePath).toBe(await output(quoted));
      expect(JSON.parse(bytePath).earnings.length).toBeGreaterThan(0);
    },
  );

  it('names the line of a bad value found on an unquoted line', async () => {
    const dir = dataDir({ 'sellout.csv': `${sellout}D-DE,9,2026-02-20,R-DE1,,NB-1,2.5,1.00,EUR\n` });
    await expect(simulate({ programFile: example('10hoch4'), dataDir: dir })).rejects.toThrow(
      /sellout\.csv, line 12.*quantity "2\.5" is not an integer/,
    );
  });

  it('reads a line longer than its 1 MiB read buffer', async () => {
    const longLineId = 'L'.repeat(1_500_000);
    const dir = dataDir({
      'fx.csv': `${CANONICAL_FILES['fx.csv']}2026-03,CHF,1.06\n`,
      'sellout.csv': `${sellout}D-DE,${longLineId},2026-02-20,R-DE2,,SRV-DL380,1,1000.00,EUR\n`,
    });
    const result = await simulate({ programFile: example('10hoch4'), dataDir: dir, period: '2026-Q1' });
    expect(result.lines.read).toBe(11);
    expect(toJson(result, false).earnings.find((e) => e.participant_id === 'R-DE2')?.amount).toBe('5308.00');
  });
});
