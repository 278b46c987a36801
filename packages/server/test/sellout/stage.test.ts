import { describe, expect, it } from 'vitest';
import type { TabularRow } from '../../src/files/tabular-reader.ts';
import { CANONICAL_PROFILE } from '../../src/sellout/mapping-profile.ts';
import { type StageState, stageChunks } from '../../src/sellout/stage.ts';
import { SellOutRowValidator } from '../../src/sellout/validate-row.ts';

function validRow(line: number, lineId: string): TabularRow {
  return {
    line,
    values: {
      distributor_id: 'D1',
      line_id: lineId,
      invoice_date: '2026-03-31',
      reseller_id: 'R1',
      rep_id: '',
      sku: 'SKU-1',
      quantity: '2',
      net_amount: '10.50',
      currency: 'EUR',
    },
  };
}

/** The rows in batches of 7, as a reader hands them over. */
async function* rowsOf(rows: TabularRow[]): AsyncIterable<TabularRow[]> {
  for (let start = 0; start < rows.length; start += 7) yield rows.slice(start, start + 7);
}

async function stage(rows: TabularRow[]): Promise<Buffer[]> {
  const state: StageState = { lines: 0, columns: [] };
  const chunks: Buffer[] = [];
  const validator = new SellOutRowValidator(CANONICAL_PROFILE, 'D1');
  for await (const chunk of stageChunks(rowsOf(rows), validator, 'report.csv', state, () => {})) {
    chunks.push(Buffer.from(chunk));
  }
  return chunks;
}

describe('staging rows as COPY text', () => {
  it('cuts chunks at row boundaries and keeps multi-byte ids and an oversized bad row intact', async () => {
    const rows = Array.from({ length: 30_000 }, (_, index) => validRow(index + 2, `Ü-€-${index}`));
    // A bad row far larger than a chunk: its raw values travel in one piece.
    const huge = 'ä'.repeat(400_000);
    rows.splice(12_000, 0, { ...validRow(99_999, 'BAD'), values: { ...validRow(0, 'BAD').values, quantity: huge } });

    const chunks = await stage(rows);

    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) expect(chunk.at(-1)).toBe(10);
    const lines = Buffer.concat(chunks).toString('utf8').split('\n').slice(0, -1);
    expect(lines).toHaveLength(rows.length);
    lines.forEach((text, index) => {
      const fields = text.split('\t');
      expect(fields[0]).toBe(String(rows[index]!.line));
      if (rows[index]!.line === 99_999) {
        expect(fields[1]).toBe('\\N');
        expect(JSON.parse(fields[10]!).quantity).toBe(huge);
      } else {
        expect(fields[1]).toBe(rows[index]!.values.line_id);
      }
    });
  });

  it('gives no chunk for a file without data rows', async () => {
    expect(await stage([])).toEqual([]);
  });
});
