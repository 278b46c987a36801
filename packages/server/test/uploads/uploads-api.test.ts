import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriver } from '../helpers/test-db.ts';
import { createWorld, sessionClient, type World } from '../http/api-fixture.ts';
import { upload, waitForImport } from './upload-client.ts';

const REPORT = [
  'line_id,invoice_date,reseller_id,sku,quantity,net_amount,currency',
  'L1,2026-01-05,RES-A,SRV-1,2,2000.00,EUR',
  'L2,2026-01-06,RES-A,SRV-1,-1,-1000.00,EUR',
  'L3,not-a-date,RES-A,SRV-1,1,1000.00,EUR',
  'L4,2026-01-07,"=HYPERLINK(""http://evil.example"")",SRV-1,abc,100,EUR',
  'L5,2026-01-08,RES-A,NEW-SKU,1,10.00,EUR',
  'L6,2026-13-01,@SUM(A1),SRV-1,-3,+5,EUR',
].join('\n');

describe(`sell-out uploads over HTTP on ${testDriver}`, () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld({ worker: true });
    await world.db.query(
      "insert into products (sku, name, family, category) values ('SRV-1', 'Server', 'SERVER', 'hw')",
    );
  });
  afterAll(async () => {
    await world?.close();
  });

  it('imports a distributor admin report in the background and reports counts, quarantine and errors', async () => {
    const admin = await sessionClient(world, world.userIds.distributor_admin);
    const accepted = await upload(world.app, admin, 'week-2.csv', REPORT);
    expect(accepted.statusCode, accepted.body).toBe(202);
    const { import_id: importId, status_url: statusUrl } = JSON.parse(accepted.body);
    expect(statusUrl).toBe(`/api/v1/sellout/imports/${importId}`);
    expect(accepted.headers.location).toBe(statusUrl);
    const status = await waitForImport(admin, importId);
    expect(status).toMatchObject({
      import_id: importId,
      status: 'finished',
      distributor_id: 'DIST-A',
      file_name: 'week-2.csv',
      profile_name: 'canonical',
      lines_read: 6,
      imported: 2,
      quarantined: 1,
      errors: 3,
      error: null,
    });
    const quarantine = JSON.parse(
      (await admin.request('GET', `/api/v1/sellout/quarantine?import_id=${importId}`)).body,
    );
    expect(quarantine.items).toEqual([
      expect.objectContaining({
        line_id: 'L5',
        sku: 'NEW-SKU',
        reasons: ['unknown_sku'],
        net_amount: '10.00',
        file_line: 6,
      }),
    ]);
    const history = JSON.parse((await admin.request('GET', '/api/v1/sellout/imports')).body);
    expect(history.items.map((item: { import_id: string }) => item.import_id)).toContain(importId);
    const audit = await world.db.query<{ actor: string }>(
      "select actor from audit_log where action = 'sellout_uploaded' and entity_id = $1",
      [importId],
    );
    expect(audit.rows).toEqual([{ actor: world.userIds.distributor_admin }]);
  });

  it('gives the unreadable rows back as CSV with formulas neutralised and negative numbers kept', async () => {
    const admin = await sessionClient(world, world.userIds.distributor_admin);
    const { import_id: importId } = JSON.parse(
      (await upload(world.app, admin, 'errors.csv', REPORT.replace(/L(\d)/g, 'E$1'))).body,
    );
    await waitForImport(admin, importId);
    const csv = await admin.request('GET', `/api/v1/sellout/imports/${importId}/errors.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="sellout-import-${importId}-errors.csv"`);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('error_line,error,line_id,invoice_date,reseller_id,sku,quantity,net_amount,currency');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^4,"?invoice_date ""not-a-date"": .*,E3,not-a-date,RES-A,SRV-1,1,1000.00,EUR$/);
    expect(lines[2]).toContain(`,"'=HYPERLINK(""http://evil.example"")",SRV-1,abc,100,EUR`);
    expect(lines[3]).toMatch(/^7,.*,E6,2026-13-01,'@SUM\(A1\),SRV-1,-3,'\+5,EUR$/);
  });

  it('streams progress as server-sent events that end with the finished report', async () => {
    const admin = await sessionClient(world, world.userIds.distributor_admin);
    const { import_id: importId } = JSON.parse(
      (await upload(world.app, admin, 'sse.csv', REPORT.replace(/L(\d)/g, 'S$1'))).body,
    );
    const events = await admin.request('GET', `/api/v1/sellout/imports/${importId}/events`);
    expect(events.statusCode).toBe(200);
    expect(events.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    const statuses = events.body
      .split('\n\n')
      .filter((block) => block.startsWith('event: status'))
      .map((block) => JSON.parse(block.split('\ndata: ')[1]!));
    expect(statuses.length).toBeGreaterThanOrEqual(1);
    expect(statuses.at(-1)).toMatchObject({ import_id: importId, status: 'finished', imported: 2, errors: 3 });
    for (const status of statuses.slice(0, -1)) expect(status.status).toBe('running');
  });

  it('sends running events with the lines read so far before the report of a larger file', async () => {
    const admin = await sessionClient(world, world.userIds.distributor_admin);
    const rows = Array.from({ length: 40_000 }, (_, i) => `BIG-${i},2026-02-01,RES-A,SRV-1,1,10.00,EUR`);
    const report = ['line_id,invoice_date,reseller_id,sku,quantity,net_amount,currency', ...rows].join('\n');
    const { import_id: importId } = JSON.parse((await upload(world.app, admin, 'big.csv', report)).body);
    const events = await admin.request('GET', `/api/v1/sellout/imports/${importId}/events`);
    const statuses = events.body
      .split('\n\n')
      .filter((block) => block.startsWith('event: status'))
      .map((block) => JSON.parse(block.split('\ndata: ')[1]!));
    const running = statuses.filter((status) => status.status === 'running');
    expect(running.some((status) => status.lines_read > 0 && status.fraction > 0)).toBe(true);
    const readCounts = running.map((status) => status.lines_read);
    expect(readCounts).toEqual([...readCounts].sort((a, b) => a - b));
    expect(statuses.at(-1)).toMatchObject({ status: 'finished', lines_read: 40_000, imported: 40_000 });
  });

  it('refuses a file type it cannot read, a form without a file and a JSON body, writing nothing', async () => {
    const admin = await sessionClient(world, world.userIds.distributor_admin);
    const before = await world.db.query('select count(*) from sellout_imports');
    const pdf = await upload(world.app, admin, 'report.pdf', '%PDF');
    expect(pdf.statusCode).toBe(400);
    expect(JSON.parse(pdf.body).error.code).toBe('unsupported_file_type');
    const json = await admin.request('POST', '/api/v1/sellout/imports', { file: 'x' });
    expect(json.statusCode).toBe(415);
    const profile = await upload(world.app, admin, 'r.csv', REPORT, '?profile=nope');
    expect(JSON.parse(profile.body).error).toMatchObject({ code: 'unknown_profile' });
    expect((await world.db.query('select count(*) from sellout_imports')).rows).toEqual(before.rows);
  });

  it('refuses an XLSX zip bomb before unpacking it', async () => {
    const admin = await sessionClient(world, world.userIds.distributor_admin);
    const bomb = await readFile(join(import.meta.dirname, '../fixtures/sellout/zip-bomb.xlsx'));
    const response = await upload(world.app, admin, 'report.xlsx', bomb);
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).error.code).toBe('zip_bomb');
  });

  it('reports a failed import with its reason when the file lacks a column, and writes nothing', async () => {
    const admin = await sessionClient(world, world.userIds.distributor_admin);
    const { import_id: importId } = JSON.parse(
      (await upload(world.app, admin, 'short.csv', 'line_id,invoice_date\nX1,2026-01-01')).body,
    );
    const status = await waitForImport(admin, importId);
    expect(status).toMatchObject({ status: 'failed', error: { code: 'missing_column' } });
    expect((status.error as { message: string }).message).toMatch(/^short\.csv: missing column/);
    const rows = await world.db.query('select 1 from sellout_imports where import_id = $1', [importId]);
    expect(rows.rows).toEqual([]);
  });

  it('keeps mapping profiles per distributor: create, list, change, no duplicates, and uploads read with them', async () => {
    const admin = await sessionClient(world, world.userIds.distributor_admin);
    const created = await admin.request('POST', '/api/v1/sellout/profiles', {
      name: 'erp-export',
      columns: { line_id: 'Invoice line', quantity: 'Qty' },
      delimiter: ';',
      decimal_comma: true,
      date_format: 'DD.MM.YYYY',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(JSON.parse(created.body)).toMatchObject({ distributor_id: 'DIST-A', name: 'erp-export', delimiter: ';' });
    const again = await admin.request('POST', '/api/v1/sellout/profiles', { name: 'erp-export' });
    expect(JSON.parse(again.body).error.code).toBe('profile_exists');
    const bad = await admin.request('PUT', '/api/v1/sellout/profiles/DIST-A/erp-export', {
      decimal_comma: true,
      thousands_separator: ',',
    });
    expect(JSON.parse(bad.body).error.details.problems[0].path).toBe('body.thousands_separator');
    const changed = await admin.request('PUT', '/api/v1/sellout/profiles/DIST-A/erp-export', {
      columns: { line_id: 'Invoice line', quantity: 'Qty' },
      delimiter: ';',
      decimal_comma: true,
      date_format: 'DD.MM.YYYY',
      encoding: 'utf-8',
    });
    expect(changed.statusCode).toBe(200);
    const list = JSON.parse((await admin.request('GET', '/api/v1/sellout/profiles')).body);
    expect(list.items.map((p: { name: string }) => p.name)).toEqual(['erp-export']);
    const report =
      'Invoice line;invoice_date;reseller_id;sku;Qty;net_amount;currency\nP1;05.01.2026;RES-A;SRV-1;3;1500,50;EUR';
    const { import_id: importId } = JSON.parse(
      (await upload(world.app, admin, 'erp.csv', report, '?profile=erp-export')).body,
    );
    expect(await waitForImport(admin, importId)).toMatchObject({
      status: 'finished',
      imported: 1,
      profile_name: 'erp-export',
    });
    const line = await world.db.query<{ net_amount: string }>(
      "select net_amount::text as net_amount from sellout_lines where line_id = 'P1'",
    );
    expect(line.rows).toEqual([{ net_amount: '1500.50' }]);
  });

  it('lets vendor staff release quarantined lines once the SKU exists', async () => {
    const vendor = await sessionClient(world, world.userIds.vendor_admin);
    await world.db.query(
      "insert into products (sku, name, family, category) values ('NEW-SKU', 'New', 'SERVER', 'hw')",
    );
    const released = await vendor.request('POST', '/api/v1/sellout/quarantine/release', { distributor_id: 'DIST-A' });
    expect(released.statusCode, released.body).toBe(200);
    expect(JSON.parse(released.body).releases).toEqual([
      expect.objectContaining({ distributor_id: 'DIST-A', releasable: 3, imported: 3, still_quarantined: 0 }),
    ]);
    const distributorAdmin = await sessionClient(world, world.userIds.distributor_admin);
    const forbidden = await distributorAdmin.request('POST', '/api/v1/sellout/quarantine/release', {});
    expect(forbidden.statusCode).toBe(403);
  });
});
