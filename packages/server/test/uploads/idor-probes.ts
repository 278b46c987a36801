/**
 * IDOR probes of the sell-out upload routes, spread into PROBES of test/http/idor.test.ts: B's
 * distributor in filters, bodies and paths. The upload scoping itself (with B's imports, profiles
 * and quarantine present) is proven in test/uploads/scoping.test.ts.
 */
interface Probe {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  body?: unknown;
}

const profile = { columns: {}, delimiter: ';' };

export const UPLOAD_PROBES: Record<string, () => Probe[]> = {
  'POST /api/v1/sellout/imports': () => [
    { method: 'POST', url: '/api/v1/sellout/imports?distributor_id=DIST-B', body: { file: 'x' } },
  ],
  'GET /api/v1/sellout/imports': () => [
    { method: 'GET', url: '/api/v1/sellout/imports' },
    { method: 'GET', url: '/api/v1/sellout/imports?distributor_id=DIST-B' },
  ],
  'GET /api/v1/sellout/imports/:import_id': () => [{ method: 'GET', url: '/api/v1/sellout/imports/1' }],
  'GET /api/v1/sellout/imports/:import_id/events': () => [{ method: 'GET', url: '/api/v1/sellout/imports/1/events' }],
  'GET /api/v1/sellout/imports/:import_id/errors.csv': () => [
    { method: 'GET', url: '/api/v1/sellout/imports/1/errors.csv' },
  ],
  'GET /api/v1/sellout/profiles': () => [{ method: 'GET', url: '/api/v1/sellout/profiles?distributor_id=DIST-B' }],
  'POST /api/v1/sellout/profiles': () => [
    {
      method: 'POST',
      url: '/api/v1/sellout/profiles',
      body: { distributor_id: 'DIST-B', name: 'planted', ...profile },
    },
  ],
  'PUT /api/v1/sellout/profiles/:distributor_id/:name': () => [
    { method: 'PUT', url: '/api/v1/sellout/profiles/DIST-B/bsecret', body: profile },
  ],
  'GET /api/v1/sellout/quarantine': () => [{ method: 'GET', url: '/api/v1/sellout/quarantine?distributor_id=DIST-B' }],
  'POST /api/v1/sellout/quarantine/release': () => [
    { method: 'POST', url: '/api/v1/sellout/quarantine/release', body: { distributor_id: 'DIST-B' } },
  ],
};
