import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import iconv from 'iconv-lite';
import type { Queryable } from '../db/connection-types.ts';
import { CANONICAL_PROFILE, type MappingProfile } from './mapping-profile.ts';
import { findProfile } from './profile-repository.ts';
import { SellOutError } from './sellout-errors.ts';

export interface StoredImportReport {
  importId: string;
  kind: 'file' | 'quarantine_release';
  distributorId: string;
  profileName: string | null;
  fileName: string | null;
  fileSha256: string | null;
  linesRead: number;
  imported: number;
  duplicates: number;
  corrections: number;
  quarantined: number;
  errors: number;
  startedAt: Date;
  finishedAt: Date;
}

interface ImportRow {
  import_id: string;
  kind: 'file' | 'quarantine_release';
  distributor_id: string;
  profile_name: string | null;
  file_name: string | null;
  file_sha256: string | null;
  lines_read: string;
  imported: string;
  duplicates: string;
  corrections: string;
  quarantined: string;
  errors: string;
  started_at: Date;
  finished_at: Date;
}

function fromRow(row: ImportRow): StoredImportReport {
  return {
    importId: row.import_id,
    kind: row.kind,
    distributorId: row.distributor_id,
    profileName: row.profile_name,
    fileName: row.file_name,
    fileSha256: row.file_sha256,
    linesRead: Number(row.lines_read),
    imported: Number(row.imported),
    duplicates: Number(row.duplicates),
    corrections: Number(row.corrections),
    quarantined: Number(row.quarantined),
    errors: Number(row.errors),
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export async function listImports(
  db: Queryable,
  options: { distributorId?: string; limit?: number } = {},
): Promise<StoredImportReport[]> {
  const result = await db.query<ImportRow>(
    `select * from sellout_imports where $1::text is null or distributor_id = $1
     order by import_id desc limit $2`,
    [options.distributorId ?? null, options.limit ?? 20],
  );
  return result.rows.map(fromRow);
}

export async function findImport(db: Queryable, importId: string): Promise<StoredImportReport> {
  if (!/^\d{1,18}$/.test(importId)) throw new SellOutError('unknown_import', `no sell-out import ${importId}`);
  const result = await db.query<ImportRow>('select * from sellout_imports where import_id = $1', [importId]);
  const row = result.rows[0];
  if (!row) throw new SellOutError('unknown_import', `no sell-out import ${importId}`);
  return fromRow(row);
}

interface Problem {
  column: string;
  value: string;
  message: string;
}

const PAGE_ROWS = 5000;

/**
 * Writes the rows an import could not read as CSV: the file's line number, what is wrong, then the
 * row as it was sent, in the layout of the import's mapping profile (delimiter, encoding, title
 * rows). A user fixes the values and imports this file again with the same profile (the two extra
 * columns are ignored), so only the fixed rows are added.
 */
export async function writeErrorCsv(
  db: Queryable,
  importId: string,
  out: Writable,
  /** Rewrites every cell and column name before it is written (downloads neutralise formulas). */
  cell: (value: string) => string = (value) => value,
): Promise<number> {
  const report = await db.query<{ source_columns: string[]; distributor_id: string; profile_name: string | null }>(
    'select source_columns, distributor_id, profile_name from sellout_imports where import_id = $1',
    [importId],
  );
  const row = report.rows[0];
  if (row === undefined) throw new SellOutError('unknown_import', `no sell-out import ${importId}`);
  const profile = await profileOf(db, row.distributor_id, row.profile_name);
  const sourceColumns = row.source_columns;
  // Windows-1252 files come from Windows tools, which expect CRLF line ends.
  const newline = profile.encoding === 'windows-1252' ? '\r\n' : '\n';
  const csv = stringify({
    header: true,
    columns: ['error_line', 'error', ...sourceColumns].map((key) => ({ key, header: cell(key) })),
    delimiter: profile.delimiter,
    record_delimiter: newline,
  });
  // The encoder takes strings; stringify hands out buffers unless told otherwise.
  if (profile.encoding === 'windows-1252') csv.setEncoding('utf8');
  const encoded = profile.encoding === 'windows-1252' ? csv.pipe(iconv.encodeStream('windows-1252')) : csv;
  const done = new Promise<void>((resolve, reject) => {
    csv.on('error', reject);
    encoded.on('error', reject);
    out.on('error', reject);
    out.on('finish', resolve);
  });
  // The profile skips this many rows before the header; keep them so the same profile reads the file.
  for (let title = 0; title < profile.skipRows; title++) {
    const text = title === 0 ? `Rows of sell-out import ${importId} that could not be read` : '';
    out.write(
      profile.encoding === 'windows-1252' ? iconv.encode(`${text}${newline}`, 'windows-1252') : `${text}${newline}`,
    );
  }
  encoded.pipe(out);
  let after = 0;
  let written = 0;
  for (;;) {
    const page = await db.query<{ file_line: number; problems: Problem[]; raw: Record<string, string> }>(
      `select file_line, problems, raw from sellout_import_errors
       where import_id = $1 and file_line > $2 order by file_line limit $3`,
      [importId, after, PAGE_ROWS],
    );
    for (const error of page.rows) {
      const record: Record<string, string> = {
        error_line: String(error.file_line),
        error: cell(error.problems.map((p) => `${p.column} "${p.value}": ${p.message}`).join('; ')),
      };
      for (const column of sourceColumns) record[column] = cell(error.raw[column] ?? '');
      if (!csv.write(record)) await new Promise((resolve) => csv.once('drain', resolve));
      written++;
    }
    if (page.rows.length < PAGE_ROWS) break;
    after = page.rows[page.rows.length - 1]!.file_line;
  }
  csv.end();
  await done;
  return written;
}

async function profileOf(db: Queryable, distributorId: string, name: string | null): Promise<MappingProfile> {
  if (name === null || name === CANONICAL_PROFILE.name) return CANONICAL_PROFILE;
  try {
    return await findProfile(db, distributorId, name);
  } catch (error) {
    // A profile deleted since the import: the canonical layout still gives the user the rows.
    if (error instanceof SellOutError) return CANONICAL_PROFILE;
    throw error;
  }
}
