import type { SpurDb, Tx } from '../db/connection-types.ts';
import { readTabularFile, type TabularRow } from '../files/tabular-reader.ts';
import { type AuditEntry, type AuditRecord, IMPORT_ACTOR, recordAudit, sameRecord } from './audit-log.ts';
import { MasterDataImportRejected, RowErrorList } from './import-errors.ts';
import { RowFields } from './row-fields.ts';

export interface ParsedRow<T> {
  line: number;
  record: T;
}

/** A row as parsed: a field that was invalid is undefined (and its error recorded). */
export type Candidate<R> = { [K in keyof R]: R[K] | undefined };

/** A record to write, with what the database held before (null when it is new). */
export interface Change<R extends AuditRecord> {
  line: number;
  before: R | null;
  after: R;
}

/** How one kind of master data is read, checked, compared and written. */
export interface MasterDataEntity<R extends AuditRecord> {
  /** Singular name used in the audit trail and reports: `partner`. */
  entity: string;
  columns: readonly string[];
  /** Column named in the error when a natural id repeats. */
  idColumn: string;
  parse(fields: RowFields): Candidate<R>;
  /** Undefined while part of the natural id is invalid. */
  naturalId(record: Candidate<R>): string | undefined;
  /**
   * Checks across rows and against the database, inside the import's transaction. Runs on every
   * row, also those with invalid fields (undefined), so that one pass reports every error.
   */
  checkReferences?(tx: Tx, rows: readonly ParsedRow<Candidate<R>>[], errors: RowErrorList): Promise<void>;
  /** The stored records with the natural ids of `records`, in the same canonical shape. */
  loadExisting(tx: Tx, records: readonly R[]): Promise<Map<string, R>>;
  /** Upserts the new and changed records; returns audit entries of related rows it created. */
  write(tx: Tx, changes: readonly Change<R>[]): Promise<AuditEntry[]>;
}

export interface ImportOptions {
  /** Who the audit trail names: a person's login, or `import`. */
  actor?: string;
}

export interface ImportReport {
  entity: string;
  file: string;
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows of other tables the import created, e.g. user groups named by a users file. */
  relatedCreated: Record<string, number>;
}

/**
 * Validates every row, then upserts by natural id and audits every created or changed record,
 * all in one transaction: a file with any error imports nothing and reports every error.
 */
export async function importMasterData<R extends AuditRecord>(
  db: SpurDb,
  spec: MasterDataEntity<R>,
  file: string,
  rows: AsyncIterable<TabularRow>,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const errors = new RowErrorList(file);
  const candidates: ParsedRow<Candidate<R>>[] = [];
  const parsed: ParsedRow<R>[] = [];
  const firstLineById = new Map<string, number>();
  let read = 0;
  let headerChecked = false;
  for await (const row of rows) {
    // Spreadsheet exports pad tables with rows of empty cells: they hold no record.
    if (Object.values(row.values).every((value) => value.trim() === '')) continue;
    read++;
    const values = normaliseColumnNames(row.values);
    if (!headerChecked) {
      headerChecked = true;
      if (!checkColumns(spec, Object.keys(values), errors)) break;
    }
    const typedColumns = new Set([...(row.typedColumns ?? [])].map((name) => name.trim().toLowerCase()));
    const fields = new RowFields(values, row.line, errors, typedColumns);
    const record = spec.parse(fields);
    const id = spec.naturalId(record);
    if (id !== undefined) {
      const firstLine = firstLineById.get(id);
      if (firstLine !== undefined) {
        errors.add(row.line, 'duplicate_id', spec.idColumn, id, `repeats the ${spec.entity} of line ${firstLine}`);
        continue;
      }
      firstLineById.set(id, row.line);
    }
    candidates.push({ line: row.line, record });
    // Every field is valid here, so the candidate is a complete record.
    if (fields.valid) parsed.push({ line: row.line, record: record as R });
  }
  const idOf = (record: R): string => spec.naturalId(record)!;

  return db.transaction(async (tx) => {
    // Two imports of the same entity would check references against each other's unwritten rows.
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`spur.masterdata.${spec.entity}`]);
    if (candidates.length > 0) await spec.checkReferences?.(tx, candidates, errors);
    if (errors.count > 0) throw new MasterDataImportRejected(file, spec.entity, errors.sorted(), errors.count);

    const existing = await spec.loadExisting(
      tx,
      parsed.map((row) => row.record),
    );
    const changes: Change<R>[] = [];
    for (const row of parsed) {
      const before = existing.get(idOf(row.record)) ?? null;
      if (before && sameRecord(before, row.record)) continue;
      changes.push({ line: row.line, before, after: row.record });
    }
    const related = changes.length > 0 ? await spec.write(tx, changes) : [];
    const audit: AuditEntry[] = [
      ...related,
      ...changes.map(
        (change): AuditEntry => ({
          action: change.before ? 'update' : 'create',
          entity: spec.entity,
          entityId: idOf(change.after),
          before: change.before,
          after: change.after,
        }),
      ),
    ];
    await recordAudit(tx, options.actor ?? IMPORT_ACTOR, audit);
    const created = changes.filter((change) => change.before === null).length;
    const relatedCreated: Record<string, number> = {};
    for (const entry of related) relatedCreated[entry.entity] = (relatedCreated[entry.entity] ?? 0) + 1;
    return {
      entity: spec.entity,
      file,
      read,
      created,
      updated: changes.length - created,
      unchanged: parsed.length - changes.length,
      relatedCreated,
    };
  });
}

/** Reads a CSV or XLSX master-data file (UTF-8 CSV with a header row, or the first sheet). */
export function importMasterDataFile<R extends AuditRecord>(
  db: SpurDb,
  spec: MasterDataEntity<R>,
  path: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  return importMasterData(db, spec, path, readTabularFile(path), options);
}

/** Header names are matched trimmed and case-insensitively: `Partner_ID` is `partner_id`. */
function normaliseColumnNames(values: Record<string, string>): Record<string, string> {
  const normalised: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) normalised[name.trim().toLowerCase()] = value;
  return normalised;
}

/** Every canonical column must be there, and no other: an unknown column would be dropped silently. */
function checkColumns(
  spec: { entity: string; columns: readonly string[] },
  present: readonly string[],
  errors: RowErrorList,
): boolean {
  const expected = `expected columns: ${spec.columns.join(',')}`;
  let ok = true;
  for (const column of spec.columns) {
    if (!present.includes(column)) {
      errors.add(1, 'missing_column', column, '', `column is missing from the header; ${expected}`);
      ok = false;
    }
  }
  for (const column of present) {
    if (!spec.columns.includes(column)) {
      errors.add(1, 'unknown_column', column, '', `is not a ${spec.entity} column; ${expected}`);
      ok = false;
    }
  }
  return ok;
}
