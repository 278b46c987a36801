import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPartners } from '../../src/masterdata/partners-import.ts';
import { createTestDb, type TestDb, testDriver } from '../helpers/test-db.ts';
import { errorTriples, type FileFormat, fixture, rejectionOf } from './master-data-files.ts';

describe.each<FileFormat>(['csv', 'xlsx'])(`the partners import from %s on ${testDriver}`, (format) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.destroy();
  });

  const auditCount = async () => (await db.query<{ n: string }>('select count(*) n from audit_log')).rows[0]!.n;

  it('creates every partner, resellers listed before their distributor included, and audits each', async () => {
    const report = await importPartners(db, await fixture('partners.csv', format), { actor: 'maria' });
    expect(report).toMatchObject({ entity: 'partner', read: 5, created: 5, updated: 0, unchanged: 0 });
    const { rows } = await db.query('select * from partners order by partner_id');
    expect(rows).toMatchObject([
      { partner_id: 'D-10', type: 'distributor', country: 'DE', level: 'platinum', distributor_id: null },
      { partner_id: 'D-11', country: 'SE', individual_agreement: false },
      { partner_id: 'R-100', level: 'Gold', distributor_id: 'D-10', individual_agreement: false },
      { partner_id: 'R-101', country: 'CH', distributor_id: 'D-10', individual_agreement: true },
      { partner_id: 'R-102', level: '', distributor_id: null },
    ]);
    const { rows: audit } = await db.query(
      "select actor, action, before, after from audit_log where entity = 'partner' and entity_id = 'R-100'",
    );
    expect(audit).toEqual([
      {
        actor: 'maria',
        action: 'create',
        before: null,
        after: {
          partner_id: 'R-100',
          name: 'Nordlicht IT GmbH',
          type: 'reseller',
          country: 'DE',
          level: 'Gold',
          distributor_id: 'D-10',
          individual_agreement: false,
        },
      },
    ]);
  });

  it('changes nothing and audits nothing when the same file is imported again', async () => {
    const before = await auditCount();
    const report = await importPartners(db, await fixture('partners.csv', format));
    expect(report).toMatchObject({ read: 5, created: 0, updated: 0, unchanged: 5 });
    expect(await auditCount()).toBe(before);
  });

  it('updates changed partners with their old and new values in the audit trail, leaving equal ones alone', async () => {
    const report = await importPartners(db, await fixture('partners-changed.csv', format));
    expect(report).toMatchObject({ read: 3, created: 1, updated: 1, unchanged: 1 });
    const { rows } = await db.query<{ action: string; actor: string; before: unknown; after: unknown }>(
      "select action, actor, before, after from audit_log where entity_id = 'R-100' and action = 'update'",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor: 'import',
      before: { level: 'Gold', distributor_id: 'D-10' },
      after: { level: 'Platinum', distributor_id: 'D-11' },
    });
  });

  it('reports every bad row of a file with its line, field and reason, and imports none of it', async () => {
    const before = await db.query('select * from partners order by partner_id');
    const auditBefore = await auditCount();
    const path = await fixture('partners-bad.csv', format);
    const rejection = await rejectionOf(importPartners(db, path));
    expect(errorTriples(rejection)).toEqual([
      [2, 'partner_id', 'missing_value'],
      [3, 'name', 'missing_value'],
      [4, 'type', 'invalid_value'],
      [5, 'country', 'unknown_reference'],
      [6, 'country', 'invalid_value'],
      [7, 'distributor_id', 'unknown_reference'],
      [8, 'distributor_id', 'unknown_reference'],
      [10, 'distributor_id', 'invalid_value'],
      [11, 'individual_agreement', 'invalid_value'],
      [12, 'partner_id', 'duplicate_id'],
      [13, 'name', 'missing_value'],
      [13, 'country', 'unknown_reference'],
      [14, 'distributor_id', 'invalid_value'],
    ]);
    expect(rejection.errorCount).toBe(13);
    expect(rejection.message).toContain(`${path}:4: type "resellr": must be one of distributor, reseller`);
    expect(rejection.message).toContain(`${path}:8: distributor_id "R-207": names a reseller, not a distributor`);
    expect(rejection.message).toContain(`${path}:12: partner_id "R-207": repeats the partner of line 9`);
    expect(await db.query('select * from partners order by partner_id')).toEqual(before);
    expect(await auditCount()).toBe(auditBefore);
  });

  it.each([
    ['partners-missing-column.csv', [[1, 'individual_agreement', 'missing_column']]],
    ['partners-unknown-column.csv', [[1, 'vat_id', 'unknown_column']]],
  ])('refuses %s, whose header is not the canonical one', async (name, expected) => {
    const rejection = await rejectionOf(importPartners(db, await fixture(name, format)));
    expect(errorTriples(rejection)).toEqual(expected);
  });

  it('refuses to turn a distributor into a reseller while stored resellers choose it', async () => {
    const rejection = await rejectionOf(importPartners(db, await fixture('partners-demotes-distributor.csv', format)));
    expect(errorTriples(rejection)).toEqual([[2, 'type', 'conflict']]);
    expect(rejection.errors[0]!.reason).toContain('R-101');
  });
});

describe(`concurrent partners imports on ${testDriver}`, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('run one after the other: the same file imported twice at once creates and audits each partner once', async () => {
    const path = await fixture('partners.csv');
    const reports = await Promise.all([importPartners(db, path), importPartners(db, path)]);
    expect(reports.map((report) => [report.created, report.unchanged]).sort()).toEqual([
      [0, 5],
      [5, 0],
    ]);
    const { rows } = await db.query("select count(*) n from audit_log where entity = 'partner'");
    expect(rows).toEqual([{ n: '5' }]);
  });
});
