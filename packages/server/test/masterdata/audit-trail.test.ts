import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeAuditChange, listAuditTrail } from '../../src/masterdata/audit-trail.ts';
import { importPartners } from '../../src/masterdata/partners-import.ts';
import { createTestDb, type TestDb, testDriver } from '../helpers/test-db.ts';
import { fixture } from './master-data-files.ts';

describe('describing an audited change', () => {
  it.each([
    [null, { sku: 'A', name: 'x' }, 'sku "A", name "x"'],
    [{ level: 'Gold', name: 'N' }, { level: 'Platinum', name: 'N' }, 'level "Gold" → "Platinum"'],
    [{ distributor_id: 'D-1' }, { distributor_id: null }, 'distributor_id "D-1" → null'],
    [{ groups: ['a'] }, { groups: ['a', 'b'] }, 'groups ["a"] → ["a","b"]'],
    [{ flag: false }, { flag: false }, ''],
  ])('from %j to %j reads %j', (before, after, expected) => {
    expect(describeAuditChange(before, after)).toBe(expected);
  });
});

describe(`the audit trail on ${testDriver}`, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
    await importPartners(db, await fixture('partners.csv'), { actor: 'maria' });
    await importPartners(db, await fixture('partners-changed.csv'), { actor: 'jonas' });
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('lists the changes of one record newest first, with who made them', async () => {
    const entries = await listAuditTrail(db, { entity: 'partner', entityId: 'R-100' });
    expect(entries.map((entry) => [entry.actor, entry.action, describeAuditChange(entry.before, entry.after)])).toEqual(
      [
        ['jonas', 'update', 'level "Gold" → "Platinum", distributor_id "D-10" → "D-11"'],
        ['maria', 'create', expect.stringContaining('partner_id "R-100"')],
      ],
    );
    expect(entries[0]!.occurredAt).toBeInstanceOf(Date);
  });

  it('filters by actor and limits the number of entries', async () => {
    expect(await listAuditTrail(db, { actor: 'jonas' })).toHaveLength(2);
    expect(await listAuditTrail(db, { actor: 'maria', limit: 3 })).toHaveLength(3);
  });
});
