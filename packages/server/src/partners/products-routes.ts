import { sql } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../auth/audit.ts';
import type { ApiContext, SpurApi } from '../http/app.ts';
import { principalOf } from '../http/authenticate.ts';
import { notFound } from '../http/errors.ts';
import { listPage, listQuerySchema, pageSchema, whereEquals, whereStartsWith } from '../http/list.ts';
import { IdSchema } from './common.ts';

const ProductSchema = z
  .object({ sku: z.string(), name: z.string(), family: z.string(), category: z.string() })
  .meta({ id: 'Product' });
type Product = z.infer<typeof ProductSchema>;

/** The vendor's catalogue: everyone signed in reads it, vendor admins and program managers change it. */
export function registerProductRoutes(api: SpurApi, context: ApiContext): void {
  const { db } = context;

  api.get(
    '/products',
    {
      config: { access: { roles: 'any', scope: 'masterdata:read' } },
      schema: {
        tags: ['products'],
        summary: 'Products',
        querystring: listQuerySchema(['sku', 'name', 'family'], {
          family: z.string().min(1).max(100).optional(),
          category: z.string().min(1).max(100).optional(),
          sku_starts_with: z.string().min(1).max(100).optional(),
        }),
        response: { 200: pageSchema(ProductSchema) },
      },
    },
    async (request) => {
      const q = request.query;
      return listPage<Product>(db.kysely, sql`select sku, name, family, category from products`, 'sku', q, [
        whereEquals('family', q.family),
        whereEquals('category', q.category),
        whereStartsWith('sku', q.sku_starts_with),
      ]);
    },
  );

  api.get(
    '/products/:sku',
    {
      config: { access: { roles: 'any', scope: 'masterdata:read' } },
      schema: {
        tags: ['products'],
        summary: 'One product',
        params: z.object({ sku: IdSchema }),
        response: { 200: z.object({ product: ProductSchema }) },
      },
    },
    async (request) => {
      const { rows } = await db.query<Product>('select sku, name, family, category from products where sku = $1', [
        request.params.sku,
      ]);
      if (!rows[0]) throw notFound(`product ${request.params.sku}`);
      return { product: rows[0] };
    },
  );

  api.put(
    '/products/:sku',
    {
      config: { access: { roles: ['vendor_admin', 'program_manager'], scope: 'masterdata:write' } },
      schema: {
        tags: ['products'],
        summary: 'Create or change a product',
        params: z.object({ sku: IdSchema }),
        body: z.object({
          name: z.string().min(1).max(200),
          family: z.string().min(1).max(100),
          category: z.string().min(1).max(100),
        }),
        response: { 200: z.object({ product: ProductSchema }) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { sku } = request.params;
      const product = await db.transaction(async (tx) => {
        const { rows: before } = await tx.query<Product>(
          'select sku, name, family, category from products where sku = $1',
          [sku],
        );
        const { rows } = await tx.query<Product>(
          `insert into products (sku, name, family, category) values ($1, $2, $3, $4)
           on conflict (sku) do update set name = excluded.name, family = excluded.family, category = excluded.category
           returning sku, name, family, category`,
          [sku, request.body.name, request.body.family, request.body.category],
        );
        await recordAudit(tx, {
          actor: principal.userId,
          action: before[0] ? 'product_updated' : 'product_created',
          entity: 'product',
          entityId: sku,
          before: before[0],
          after: rows[0],
        });
        return rows[0]!;
      });
      return { product };
    },
  );
}
