/**
 * IDOR probes of the partner pages' routes, spread into PROBES of test/http/idor.test.ts: every
 * route aimed at B's reseller, B's rep and the period B earned in, by id and by filter.
 */
interface Probe {
  method: 'GET';
  url: string;
}

const aimedAtB = (ids: { repB: string }) => ['RES-B', 'DIST-B', ids.repB];

export const STATEMENT_PROBES: Record<string, (ids: { repB: string }) => Probe[]> = {
  'GET /api/v1/partner/dashboard': (ids) => [
    { method: 'GET', url: '/api/v1/partner/dashboard' },
    ...aimedAtB(ids).map((id) => ({ method: 'GET' as const, url: `/api/v1/partner/dashboard?participant_id=${id}` })),
  ],
  'GET /api/v1/partner/what-if': (ids) =>
    aimedAtB(ids).map((id) => ({ method: 'GET' as const, url: `/api/v1/partner/what-if?participant_id=${id}` })),
  'GET /api/v1/partner/programs': (ids) =>
    aimedAtB(ids).map((id) => ({ method: 'GET' as const, url: `/api/v1/partner/programs?participant_id=${id}` })),
  'GET /api/v1/partner/statement': (ids) => [
    { method: 'GET', url: '/api/v1/partner/statement?program_id=cashpaq' },
    ...aimedAtB(ids).map((id) => ({ method: 'GET' as const, url: `/api/v1/partner/statement?participant_id=${id}` })),
  ],
  'GET /api/v1/partner/statement/:program_id/:period_start': (ids) =>
    aimedAtB(ids).map((id) => ({
      method: 'GET' as const,
      url: `/api/v1/partner/statement/cashpaq/2026-01-01?participant_id=${id}`,
    })),
  'GET /api/v1/partner/statement/:program_id/:period_start/lines': (ids) =>
    aimedAtB(ids).map((id) => ({
      method: 'GET' as const,
      url: `/api/v1/partner/statement/cashpaq/2026-01-01/lines?participant_id=${id}`,
    })),
  'GET /api/v1/partner/distributors': () => [{ method: 'GET', url: '/api/v1/partner/distributors' }],
};
