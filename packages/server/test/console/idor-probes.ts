/**
 * IDOR probes of the vendor console routes, spread into PROBES of test/http/idor.test.ts. The
 * console is for vendor staff who see every partner; the scoped roles must be turned away from
 * each route, whatever id or filter they aim at B with.
 */
interface Probe {
  method: 'GET' | 'POST';
  url: string;
  body?: unknown;
}

const program = 'program-of-b';

export const CONSOLE_PROBES: Record<string, () => Probe[]> = {
  'GET /api/v1/console/programs': () => [
    { method: 'GET', url: '/api/v1/console/programs' },
    { method: 'GET', url: '/api/v1/console/programs?status=active' },
  ],
  'GET /api/v1/console/programs/:program_id': () => [{ method: 'GET', url: `/api/v1/console/programs/${program}` }],
  'POST /api/v1/console/programs/validate': () => [
    { method: 'POST', url: '/api/v1/console/programs/validate', body: { text: `id: ${program}` } },
  ],
  'POST /api/v1/console/programs': () => [
    { method: 'POST', url: '/api/v1/console/programs', body: { text: `id: ${program}` } },
  ],
  'POST /api/v1/console/programs/:program_id/activate': () => [
    { method: 'POST', url: `/api/v1/console/programs/${program}/activate` },
  ],
  'POST /api/v1/console/programs/:program_id/close': () => [
    { method: 'POST', url: `/api/v1/console/programs/${program}/close` },
  ],
  'POST /api/v1/console/programs/:program_id/simulate': () => [
    { method: 'POST', url: `/api/v1/console/programs/${program}/simulate`, body: { months: 3 } },
  ],
  'GET /api/v1/console/programs/:program_id/breakdown': () => [
    { method: 'GET', url: `/api/v1/console/programs/${program}/breakdown` },
  ],
  'GET /api/v1/console/runs': () => [
    { method: 'GET', url: '/api/v1/console/runs' },
    { method: 'GET', url: `/api/v1/console/runs?program_id=${program}` },
  ],
  'POST /api/v1/console/runs': () => [
    { method: 'POST', url: '/api/v1/console/runs', body: { program_id: program, period: '2026-01' } },
  ],
  'GET /api/v1/console/runs/:run_id': () => [{ method: 'GET', url: '/api/v1/console/runs/1' }],
  // The channel manager reaches the dashboard; its counts must come from its own countries only.
  'GET /api/v1/console/dashboard': () => [{ method: 'GET', url: '/api/v1/console/dashboard' }],
  'GET /api/v1/console/budgets': () => [{ method: 'GET', url: '/api/v1/console/budgets' }],
  'GET /api/v1/console/payouts': () => [
    { method: 'GET', url: '/api/v1/console/payouts' },
    { method: 'GET', url: '/api/v1/console/payouts?status=pending' },
  ],
  'POST /api/v1/console/payouts/:payout_id/approve': () => [
    { method: 'POST', url: '/api/v1/console/payouts/1/approve' },
  ],
};
