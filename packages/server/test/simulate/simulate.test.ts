import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { toCsv, toJson, toTable } from '../../src/simulate/output.ts';
import { simulate } from '../../src/simulate/simulate.ts';
import { dataDir, example } from './fixtures.ts';

const run = promisify(execFile);
const spur = new URL('../../bin/spur.js', import.meta.url).pathname;

describe('spur simulate', () => {
  it('prices 10hoch4 per quarter in EUR with monthly FX, leaving out an individual agreement', async () => {
    const dir = dataDir({
      'fx.csv': 'month,currency,eur_rate\n2026-01,CHF,1.05\n2026-02,CHF,1.04\n2026-03,CHF,1.06\n',
    });
    const json = toJson(await simulate({ programFile: example('10hoch4'), dataDir: dir, period: '2026-Q1' }), false);
    // R-CH1: the January sale and return cancel; March 20,000 CHF × 1.06 = 21,200 EUR → 10 %.
    // R-DE1: 45,200 EUR → 10 %. R-DE2: 60,000 EUR → 5,000 + 2.8 % of 10,000. R-AT1 has an individual agreement.
    expect(json.program).toBe('10hoch4');
    expect(json.earnings.map((e) => [e.participant_id, e.amount])).toEqual([
      ['R-CH1', '2120.00'],
      ['R-DE1', '4520.00'],
      ['R-DE2', '5280.00'],
    ]);
    expect(json.totals).toMatchObject({ amount: '11920.00', unit: 'EUR' });
    expect(json.totals.periods[0]).toMatchObject({ ineligible_lines: 3 }); // R-AT1 and the two Swedish lines
  });

  it('prints the fixed JSON shape', async () => {
    const result = await simulate({ programFile: example('cashpaq'), dataDir: dataDir(), period: '2026-01-10' });
    const json = toJson(result, false);
    expect(Object.keys(json)).toEqual(['program', 'earnings', 'totals']);
    expect(json.earnings[0]).toMatchObject({
      participant_type: 'partner',
      participant_id: 'R-SE1',
      period_start: '2026-01-01',
      period_end: '2026-01-30',
      // 5 × 300 + 10 × 1500 = 16,500, 150 % of the goal → × 12.5 / 15
      amount: '13750.00',
      unit: 'SEK',
      payout_due: '2026-02-13',
    });
    expect(Object.keys(json.earnings[0]!)).toEqual([
      'participant_type',
      'participant_id',
      'period_start',
      'period_end',
      'amount',
      'unit',
      'payout_due',
      'explanation',
    ]);
    expect(JSON.stringify(json.earnings[0]!.explanation)).toContain('"attainment_percent":"150"');
    expect(json.totals).toMatchObject({ amount: '13750.00', unit: 'SEK', earnings: 1 });
  });

  it('lists every period with data, and zero earnings only with --all', async () => {
    const dir = dataDir({
      'fx.csv': 'month,currency,eur_rate\n2026-01,CHF,1.05\n2026-03,CHF,1.06\n2026-02,CHF,1.04\n',
    });
    const result = await simulate({ programFile: example('channelvalue'), dataDir: dir });
    expect(result.periods.map((p) => p.period.label)).toEqual(['2026-Q1']);
    const earnings = toJson(result, false).earnings.map((e) => `${e.participant_type}:${e.participant_id}=${e.amount}`);
    // U1: 4 notebooks × 10 + 2 servers × 50 = 140; U2: storage in January nets 0, March counts double = 160;
    // R-AT1 (platinum, no rep): 9 servers × 50 = 450; D-DE: 25 % of 750 = 187.5 → 188; R-DE2 is silver.
    expect(earnings).toEqual(['partner:D-DE=188', 'partner:R-AT1=450', 'user:U1=140', 'user:U2=160']);
    expect(toJson(result, true).earnings.length).toBe(4);
  });

  it('renders a readable table and a CSV with one row per earning', async () => {
    const result = await simulate({ programFile: example('cashpaq'), dataDir: dataDir(), period: '2026-01-10' });
    const table = toTable(result, false);
    expect(table).toContain('partner R-SE1: 13750.00 SEK, payout due 2026-02-13');
    expect(table).toContain('SRV-DL380: 10 × 1500 = 15000');
    const csv = toCsv(result, false).split('\n');
    expect(csv[0]).toBe('participant_type,participant_id,period_start,period_end,amount,unit,payout_due,explanation');
    expect(csv[1]).toMatch(/^partner,R-SE1,2026-01-01,2026-01-30,13750.00,SEK,2026-02-13,"\{/);
  });

  it.each([
    {
      case: 'a quantity that is not an integer',
      file: 'sellout.csv',
      text: 'distributor_id,line_id,invoice_date,reseller_id,rep_id,sku,quantity,net_amount,currency\nD-SE,1,2026-01-05,R-SE1,,SRV-ML110,1.5,10,SEK\n',
      message: /sellout\.csv, line 2, quantity: quantity "1\.5" is not an integer/,
    },
    {
      case: 'an invalid invoice date',
      file: 'sellout.csv',
      text: 'distributor_id,line_id,invoice_date,reseller_id,rep_id,sku,quantity,net_amount,currency\nD-SE,1,2026-02-30,R-SE1,,SRV-ML110,1,10,SEK\n',
      message: /sellout\.csv, line 2, invoice_date: invoice_date "2026-02-30" is not an ISO date/,
    },
    {
      case: 'a missing column',
      file: 'sellout.csv',
      text: 'distributor_id,line_id,invoice_date,reseller_id,sku,quantity,net_amount,currency\n',
      message: /sellout\.csv, line 1: missing column\(s\) rep_id/,
    },
    {
      case: 'a bad partner type',
      file: 'partners.csv',
      text: 'partner_id,name,type,country,level,distributor_id,individual_agreement\nX,X,vendor,DE,,,false\n',
      message: /partners\.csv, line 2, type: "vendor" is not distributor or reseller/,
    },
    {
      case: 'a goal with a bad target',
      file: 'goals.csv',
      text: 'program_id,participant_id,period_start,metric,target\ncashpaq,R-SE1,2026-01-01,units,ten\n',
      message: /goals\.csv, line 2, target: "ten" is not a decimal/,
    },
  ])('fails on $case with file, line and column', async ({ file, text, message }) => {
    await expect(simulate({ programFile: example('cashpaq'), dataDir: dataDir({ [file]: text }) })).rejects.toThrow(
      message,
    );
  });

  it('fails on a missing FX rate naming the rate and the period', async () => {
    await expect(simulate({ programFile: example('10hoch4'), dataDir: dataDir() })).rejects.toThrow(
      /fx\.csv: no FX rate for CHF in 2026-03 \(needed by 10hoch4 2026-Q1\)/,
    );
  });

  it('fails on an invalid program with the path inside it', async () => {
    const dir = dataDir();
    const programFile = join(dir, 'bad.yaml');
    writeFileSync(
      programFile,
      'id: bad\nname: Bad\nunit: EUR\nstart: 2026-01-01\nperiod: { type: quarter }\nparticipants: partners\nmeasure: { metric: revenue }\n' +
        'rewards: [{ type: tiers, mode: marginal, tiers: [{ from: 10, percent: 1 }, { from: 5, percent: 2 }] }]\n',
    );
    await expect(simulate({ programFile, dataDir: dir })).rejects.toThrow(
      /bad\.yaml: invalid program:\n {2}rewards\[0\]\.tiers\[1\]\.from: must be greater than the previous tier's from/,
    );
  });

  it('the CLI prints JSON and exits 1 with one line for a wrong period', async () => {
    const dir = dataDir();
    const { stdout } = await run('node', [
      spur,
      'simulate',
      '--program',
      example('cashpaq'),
      '--data',
      dir,
      '--format',
      'json',
    ]);
    expect(JSON.parse(stdout)).toMatchObject({ program: 'cashpaq', totals: { amount: '13750.00' } });
    const failure = await run('node', [
      spur,
      'simulate',
      '--program',
      example('10hoch4'),
      '--data',
      dir,
      '--period',
      '2026-W14',
    ]).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toMatch(
      /^error: --period: "2026-W14" spans two periods of the program \(quarterly periods\): 2026-Q1 .* and 2026-Q2 /m,
    );
  });
});
