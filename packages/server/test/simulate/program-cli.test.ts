import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { example } from './fixtures.ts';

const run = promisify(execFile);
const spur = new URL('../../bin/spur.js', import.meta.url).pathname;

describe('spur program', () => {
  it('validate accepts the example programs and rejects a bad one with its paths; schema prints JSON Schema', async () => {
    for (const name of ['cashpaq', '10hoch4', 'channelvalue']) {
      const { stdout } = await run('node', [spur, 'program', 'validate', example(name)]);
      expect(stdout).toContain(`program ${name} is valid`);
    }
    const bad = join(mkdtempSync(join(tmpdir(), 'spur-program-')), 'bad.yaml');
    writeFileSync(bad, 'id: Bad Id\nname: x\nunit: euro\n');
    const failure = (await run('node', [spur, 'program', 'validate', bad]).catch((error: unknown) => error)) as {
      code: number;
      stderr: string;
    };
    expect(failure.code).toBe(1);
    expect(failure.stderr).toContain('id: use lower-case letters, digits, - and _');
    expect(failure.stderr).toContain('unit: use an ISO 4217 currency code (EUR, SEK), points or credits');
    const { stdout } = await run('node', [spur, 'program', 'schema']);
    expect(JSON.parse(stdout)).toMatchObject({ type: 'object', properties: { rewards: { type: 'array' } } });
  });
});
