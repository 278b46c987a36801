import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriver } from '../helpers/test-db.ts';
import { type Client, createWorld, sessionClient, type World } from '../http/api-fixture.ts';
import { RESELLER_BONUS, seedConsoleSellOut } from './console-fixture.ts';

const json = (body: string) => JSON.parse(body);

describe(`vendor console API on ${testDriver}`, () => {
  let world: World;
  let manager: Client;
  let finance: Client;
  beforeAll(async () => {
    world = await createWorld();
    await seedConsoleSellOut(world);
    manager = await sessionClient(world, world.userIds.program_manager);
    finance = await sessionClient(world, world.userIds.finance);
  });
  afterAll(async () => {
    await world?.close();
  });

  it.each([
    ['a reward amount that is not a number', RESELLER_BONUS.replace('SKU-A: 10', 'SKU-A: ten'), 'program.rewards[0]'],
    ['an unknown period type', RESELLER_BONUS.replace('type: month', 'type: fortnight'), 'program.period'],
    ['broken YAML', 'id: x\n  name: [', 'program.line'],
  ])('validation of %s names the path of the problem and stores nothing', async (_case, text, path) => {
    const response = await manager.request('POST', '/api/v1/console/programs/validate', { text });
    expect(response.statusCode).toBe(200);
    const body = json(response.body);
    expect(body.valid).toBe(false);
    expect(body.problems.map((p: { path: string }) => p.path).join(' ')).toContain(path);
    const save = await manager.request('POST', '/api/v1/console/programs', { text });
    expect([save.statusCode, json(save.body).error.code]).toEqual([400, 'program_invalid']);
    const { rows } = await world.db.query('select count(*)::int as n from programs');
    expect(rows[0]).toEqual({ n: 0 });
  });

  it('saves a draft, then a changed text as a new version, and shows both with the rules as YAML', async () => {
    const created = await manager.request('POST', '/api/v1/console/programs', { text: RESELLER_BONUS });
    expect(json(created.body)).toEqual({
      program_id: 'reseller-bonus',
      version: 1,
      outcome: 'created',
      effective_from: '2026-01-01',
    });
    const same = await manager.request('POST', '/api/v1/console/programs', { text: `# comment\n${RESELLER_BONUS}` });
    expect(json(same.body).outcome).toBe('unchanged');
    const changed = await manager.request('POST', '/api/v1/console/programs', {
      text: RESELLER_BONUS.replace('Reseller bonus', 'Reseller cash bonus'),
    });
    expect(json(changed.body)).toMatchObject({ version: 2, outcome: 'new_version' });
    const detail = json((await manager.request('GET', '/api/v1/console/programs/reseller-bonus')).body);
    expect(detail.program).toMatchObject({
      name: 'Reseller cash bonus',
      status: 'draft',
      current_version: 2,
      configured_by: world.userIds.program_manager,
    });
    expect(detail.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(detail.yaml).toContain('name: Reseller cash bonus');
    const list = json((await finance.request('GET', '/api/v1/console/programs?status=draft')).body);
    expect(list.items.map((p: { program_id: string }) => p.program_id)).toEqual(['reseller-bonus']);
  });

  it('simulates a draft on the stored sell-out by country, cluster and partner type against its budget, booking nothing', async () => {
    const response = await manager.request('POST', '/api/v1/console/programs/reseller-bonus/simulate', { months: 2 });
    expect(response.statusCode).toBe(200);
    const simulation = json(response.body);
    expect(simulation).toMatchObject({ from: '2026-01-01', to: '2026-02-20', lines: 4, unit: 'EUR' });
    expect(
      simulation.periods.map((p: Record<string, unknown>) => [p.label, p.uncapped, p.amount, p.over_budget]),
    ).toEqual([
      ['2026-01', '120.00', '120.00', false],
      ['2026-02', '200.00', '150.00', true],
    ]);
    expect(simulation.total).toBe('270.00');
    expect(simulation.budget_total).toBe('300.00');
    // February is cut pro rata 150/200: RES-A 75 + RES-B 75; January RES-A 50, RES-B 70.
    expect(simulation.by_country).toEqual([
      { key: 'DE', amount: '145.00', earners: 1 },
      { key: 'SE', amount: '125.00', earners: 1 },
    ]);
    expect(simulation.by_cluster).toEqual(
      expect.arrayContaining([
        { key: 'DACH', amount: '145.00', earners: 1 },
        { key: 'NORDICS', amount: '125.00', earners: 1 },
      ]),
    );
    expect(simulation.by_partner_type).toEqual([{ key: 'reseller', amount: '270.00', earners: 2 }]);
    const { rows } = await world.db.query(
      `select (select count(*) from calc_runs)::int as runs, (select count(*) from ledger_transactions)::int as postings,
         (select count(*) from budgets)::int as budgets`,
    );
    expect(rows[0]).toEqual({ runs: 0, postings: 0, budgets: 0 });
  });

  it('simulates unsaved rules when given, and refuses rules of another program', async () => {
    const cheaper = RESELLER_BONUS.replace('SKU-A: 10', 'SKU-A: 1');
    const simulation = json(
      (await manager.request('POST', '/api/v1/console/programs/reseller-bonus/simulate', { months: 2, text: cheaper }))
        .body,
    );
    expect(simulation.total).toBe('32.00');
    const other = await manager.request('POST', '/api/v1/console/programs/reseller-bonus/simulate', {
      text: RESELLER_BONUS.replace('id: reseller-bonus', 'id: other'),
    });
    expect([other.statusCode, json(other.body).error.details.problems[0].path]).toEqual([400, 'body.text']);
  });

  it('refuses to run a draft, then activates, runs provisionally, closes the period and lists the runs', async () => {
    const draftRun = await manager.request('POST', '/api/v1/console/runs', {
      program_id: 'reseller-bonus',
      period: '2026-02',
    });
    expect([draftRun.statusCode, json(draftRun.body).error.code]).toEqual([409, 'program_not_runnable']);
    const activated = await manager.request('POST', '/api/v1/console/programs/reseller-bonus/activate');
    expect(json(activated.body)).toEqual({ program_id: 'reseller-bonus', status: 'active' });
    const badPeriod = await manager.request('POST', '/api/v1/console/runs', {
      program_id: 'reseller-bonus',
      period: '2026-Q1',
    });
    expect([badPeriod.statusCode, json(badPeriod.body).error.code]).toEqual([400, 'invalid_period']);

    const provisional = json(
      (await manager.request('POST', '/api/v1/console/runs', { program_id: 'reseller-bonus', period: '2026-02' })).body,
    );
    expect(provisional).toMatchObject({ kind: 'provisional', total: '150.00', earners: 2, payouts: 0 });
    const budgets = json((await finance.request('GET', '/api/v1/console/budgets?program_id=reseller-bonus')).body);
    expect(budgets.items).toEqual([
      expect.objectContaining({
        period: '2026-02',
        amount: '150.00',
        committed: '150.00',
        booked: '0.00',
        available: '0.00',
      }),
    ]);
    const final = json(
      (
        await manager.request('POST', '/api/v1/console/runs', {
          program_id: 'reseller-bonus',
          period: '2026-02',
          final: true,
        })
      ).body,
    );
    expect(final).toMatchObject({ kind: 'final', payouts: 2 });
    const runs = json((await finance.request('GET', '/api/v1/console/runs?program_id=reseller-bonus')).body);
    expect(runs.items.map((r: { kind: string; status: string }) => [r.kind, r.status])).toEqual([
      ['final', 'succeeded'],
      ['provisional', 'succeeded'],
    ]);
    const detail = json((await finance.request('GET', `/api/v1/console/runs/${final.run_id}`)).body);
    expect(detail.results.map((r: { participant_id: string; amount: string }) => [r.participant_id, r.amount])).toEqual(
      [
        ['RES-A', '75.00'],
        ['RES-B', '75.00'],
      ],
    );
    const breakdown = json((await finance.request('GET', '/api/v1/console/programs/reseller-bonus/breakdown')).body);
    expect(breakdown.items).toEqual(
      expect.arrayContaining([{ dimension: 'country', key: 'DE', unit: 'EUR', provisional: '0', final: '75.00' }]),
    );
    const audit = await world.db.query<{ action: string }>(
      "select action from audit_log where entity = 'program' order by audit_id",
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'program_created',
      'program_version_added',
      'program_activated',
      'run_provisional',
      'run_final',
    ]);
  });

  it('lets finance approve a payout, but not of a program finance configured (four eyes)', async () => {
    const pending = json((await finance.request('GET', '/api/v1/console/payouts?status=pending')).body);
    expect(pending.items).toHaveLength(2);
    expect(pending.items[0]).toMatchObject({
      amount: '75.00',
      due_date: '2026-03-14',
      configured_by: world.userIds.program_manager,
    });
    const approved = await finance.request('POST', `/api/v1/console/payouts/${pending.items[0].payout_id}/approve`);
    expect(json(approved.body)).toEqual({ payout_id: pending.items[0].payout_id, status: 'approved' });
    await world.db.query("update programs set configured_by = $1 where program_id = 'reseller-bonus'", [
      world.userIds.finance,
    ]);
    const refused = await finance.request('POST', `/api/v1/console/payouts/${pending.items[1].payout_id}/approve`);
    expect([refused.statusCode, json(refused.body).error.code]).toEqual([403, 'payout_four_eyes']);
    const missing = await finance.request('POST', '/api/v1/console/payouts/999999/approve');
    expect([missing.statusCode, json(missing.body).error.code]).toEqual([404, 'payout_missing']);
  });

  it('closes an active program, after which it takes no new version', async () => {
    const closed = await manager.request('POST', '/api/v1/console/programs/reseller-bonus/close');
    expect(json(closed.body).status).toBe('closed');
    const again = await manager.request('POST', '/api/v1/console/programs', { text: RESELLER_BONUS });
    expect([again.statusCode, json(again.body).error.code]).toEqual([409, 'program_status']);
  });

  it('turns away a channel manager and partner roles from the console', async () => {
    for (const role of ['channel_manager', 'reseller_admin', 'sales_rep'] as const) {
      const client = await sessionClient(world, world.userIds[role]);
      const response = await client.request('GET', '/api/v1/console/programs');
      expect([response.statusCode, json(response.body).error.code], role).toEqual([403, 'forbidden']);
    }
  });
});
