import { type Kysely, type RawBuilder, sql } from 'kysely';
import { z } from 'zod';
import type { Queryable } from '../db/connection-types.ts';
import type { Database } from '../db/schema.ts';
import { ApiError } from './errors.ts';

/**
 * The one way every list route pages, filters and sorts: keyset (cursor) pagination over a
 * scoped source query, filters and sort columns named by the route (never by the client), and
 * every value a bound parameter.
 */

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** Query-string schema of a list: `limit`, `cursor`, `sort` (`col` or `-col`) and the route's filters. */
export function listQuerySchema<const S extends readonly [string, ...string[]], F extends z.ZodRawShape>(
  sortable: S,
  filters: F,
  defaultSort: S[number] | `-${S[number]}` = sortable[0],
) {
  const sortValues = sortable.flatMap((column) => [column, `-${column}`]) as [string, ...string[]];
  return z.object({
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
    cursor: z.string().max(1000).optional().describe('next_cursor of the previous page'),
    sort: z.enum(sortValues).default(defaultSort).describe('column to sort by; a leading - sorts descending'),
    ...filters,
  });
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    next_cursor: z.string().nullable().describe('pass as cursor for the next page; null on the last page'),
  });
}

export interface Page<Row> {
  items: Row[];
  next_cursor: string | null;
}

/** A filter condition over the source's columns (alias `r`); undefined values filter nothing. */
export type Filter = RawBuilder<unknown> | undefined;

export const column = (name: string) => sql.ref(`r.${name}`);

export function whereEquals(name: string, value: unknown): Filter {
  return value === undefined ? undefined : sql`${column(name)} = ${value}`;
}

export function whereStartsWith(name: string, value: string | undefined): Filter {
  if (value === undefined) return undefined;
  const escaped = value.replace(/[\\%_]/g, (char) => `\\${char}`);
  return sql`lower(${column(name)}) like ${`${escaped.toLowerCase()}%`}`;
}

export function whereBetween(name: string, from: unknown, to: unknown): Filter {
  const parts = [from === undefined ? undefined : sql`${column(name)} >= ${from}`];
  parts.push(to === undefined ? undefined : sql`${column(name)} < ${to}`);
  const present = parts.filter((part) => part !== undefined);
  return present.length === 0 ? undefined : sql`(${sql.join(present, sql` and `)})`;
}

export interface ListRequest {
  limit: number;
  cursor?: string | undefined;
  sort: string;
}

interface CursorContent {
  sort: string;
  after: [unknown, unknown];
}

function encodeCursor(content: CursorContent): string {
  return Buffer.from(JSON.stringify(content), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, sort: string): [unknown, unknown] {
  let content: unknown;
  try {
    content = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    content = undefined;
  }
  const parsed = z.object({ sort: z.string(), after: z.tuple([z.unknown(), z.unknown()]) }).safeParse(content);
  if (!parsed.success) throw new ApiError(400, 'invalid_cursor', 'cursor: not a cursor this API issued');
  if (parsed.data.sort !== sort) {
    throw new ApiError(400, 'invalid_cursor', `cursor: issued for sort ${parsed.data.sort}, not ${sort}`);
  }
  return parsed.data.after as [unknown, unknown];
}

function cursorValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * Runs one page of `source` (a select, already limited to what the caller may see, whose
 * columns include `key`, unique and not null, and every sortable column, also not null).
 */
export async function listPage<Row extends object>(
  db: Kysely<Database>,
  source: RawBuilder<unknown>,
  key: string,
  request: ListRequest,
  filters: Filter[] = [],
  /**
   * Run the page as a prepared statement on this connection source: for hot lists whose SQL text
   * comes from a fixed set (the source's text is fixed; filters, sort and cursor vary it a little).
   */
  prepared?: Queryable,
): Promise<Page<Row>> {
  const descending = request.sort.startsWith('-');
  const sortColumn = descending ? request.sort.slice(1) : request.sort;
  const conditions: RawBuilder<unknown>[] = filters.filter((filter) => filter !== undefined);
  if (request.cursor !== undefined) {
    const [afterSort, afterKey] = decodeCursor(request.cursor, request.sort);
    conditions.push(
      descending
        ? sql`(${column(sortColumn)}, ${column(key)}) < (${afterSort}, ${afterKey})`
        : sql`(${column(sortColumn)}, ${column(key)}) > (${afterSort}, ${afterKey})`,
    );
  }
  const where = conditions.length === 0 ? sql`true` : sql.join(conditions, sql` and `);
  const direction = descending ? sql`desc` : sql`asc`;
  const query = sql<Row>`select * from (${source}) as r where ${where}
    order by ${column(sortColumn)} ${direction}, ${column(key)} ${direction} limit ${request.limit + 1}`;
  const { rows } = prepared
    ? await (async () => {
        const compiled = query.compile(db);
        return prepared.query<Row>(compiled.sql, compiled.parameters, { prepared: true });
      })()
    : await query.execute(db);
  const items = rows.slice(0, request.limit);
  const last = items[items.length - 1] as Record<string, unknown> | undefined;
  const next_cursor =
    rows.length > request.limit && last
      ? encodeCursor({ sort: request.sort, after: [cursorValue(last[sortColumn]), cursorValue(last[key])] })
      : null;
  return { items, next_cursor };
}
