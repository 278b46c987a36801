import { sql } from 'kysely';
import { partnerVisible } from '../auth/scope.ts';
import { principalOf } from '../http/authenticate.ts';
import { notFound } from '../http/errors.ts';
import { listPage, pageSchema, whereEquals } from '../http/list.ts';
import { releaseQuarantine } from '../sellout/quarantine.ts';
import { readAccess, releaseAccess } from './access.ts';
import type { UploadsContext } from './routes.ts';
import { QuarantinedLineSchema, QuarantineListQuery, ReleaseBodySchema, ReleaseReportSchema } from './schemas.ts';

export function registerQuarantineRoutes({ api, db }: UploadsContext): void {
  api.get(
    '/sellout/quarantine',
    {
      config: { access: readAccess },
      schema: {
        tags: ['sell-out'],
        summary: 'Lines waiting in quarantine because their reseller or SKU is not known yet',
        querystring: QuarantineListQuery,
        response: { 200: pageSchema(QuarantinedLineSchema) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const source = sql`select q.quarantine_id, q.distributor_id, q.line_id, q.invoice_date, q.reseller_id, q.rep_id,
          q.sku, q.quantity, q.net_amount::text as net_amount, q.currency, q.reasons, q.import_id, q.file_line
        from sellout_quarantine q
        where q.resolution is null and ${partnerVisible(principal, sql.ref('q.distributor_id'))}`;
      const page = await listPage<{
        quarantine_id: string;
        distributor_id: string;
        line_id: string;
        invoice_date: string;
        reseller_id: string;
        rep_id: string | null;
        sku: string;
        quantity: number;
        net_amount: string;
        currency: string;
        reasons: ('unknown_reseller' | 'unknown_sku')[];
        import_id: string;
        file_line: number | null;
      }>(db.kysely, source, 'quarantine_id', request.query, [
        whereEquals('distributor_id', request.query.distributor_id),
        whereEquals('import_id', request.query.import_id),
      ]);
      return {
        items: page.items.map((line) => ({
          ...line,
          quarantine_id: String(line.quarantine_id),
          import_id: String(line.import_id),
          invoice_date: String(line.invoice_date),
        })),
        next_cursor: page.next_cursor,
      };
    },
  );

  api.post(
    '/sellout/quarantine/release',
    {
      config: { access: releaseAccess },
      schema: {
        tags: ['sell-out'],
        summary: 'Move quarantined lines whose reseller and SKU now exist into the sell-out lines',
        body: ReleaseBodySchema,
        response: { 200: ReleaseReportSchema },
      },
    },
    async (request) => {
      const distributorId = request.body.distributor_id;
      if (distributorId !== undefined) {
        const { rows } = await sql<{ found: boolean }>`select exists (select 1 from partners p
          where p.partner_id = ${distributorId} and p.type = 'distributor'
          and ${partnerVisible(principalOf(request), sql.ref('p.partner_id'))}) as found`.execute(db.kysely);
        if (!rows[0]?.found) throw notFound('distributor');
      }
      const reports = await releaseQuarantine(db, distributorId === undefined ? {} : { distributorId });
      return {
        releases: reports.map((report) => ({
          import_id: report.importId,
          distributor_id: report.distributorId,
          releasable: report.releasable,
          still_quarantined: report.stillQuarantined,
          imported: report.imported,
          duplicates: report.duplicates,
          corrections: report.corrections,
        })),
      };
    },
  );
}
