/** IDOR probes of the distributor's reseller sales, spread into PROBES of test/http/idor.test.ts. */
interface Probe {
  method: 'GET';
  url: string;
}

export const DISTRIBUTOR_PROBES: Record<string, () => Probe[]> = {
  'GET /api/v1/distributors/:distributor_id/resellers': () => [
    { method: 'GET', url: '/api/v1/distributors/DIST-B/resellers?from=2026-01-01&to=2026-12-31' },
  ],
};
