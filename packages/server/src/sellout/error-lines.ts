import type { Queryable } from '../db/connection-types.ts';

interface ProblemRow {
  file_line: number;
  problems: { code: string; column: string | null; value: string | null; message: string }[];
}

export interface ErrorLines {
  lines: string[];
  /** Rows with errors beyond the `limit` listed. */
  more: number;
}

/**
 * The first rows with errors of an import as one line per problem, `FILE:LINE: COLUMN "VALUE": MESSAGE`,
 * so a terminal user sees what to fix without downloading the error CSV.
 */
export async function importErrorLines(
  db: Queryable,
  importId: string,
  fileName: string,
  limit = 20,
): Promise<ErrorLines> {
  const { rows } = await db.query<ProblemRow>(
    `select file_line, problems from sellout_import_errors where import_id = $1 order by file_line limit $2`,
    [importId, limit],
  );
  const total = await db.query<{ n: string }>('select count(*) as n from sellout_import_errors where import_id = $1', [
    importId,
  ]);
  const lines = rows.flatMap((row) =>
    row.problems.map((problem) => {
      const where =
        problem.column === null ? '' : ` ${problem.column}${problem.value === null ? '' : ` "${problem.value}"`}:`;
      return `${fileName}:${row.file_line}:${where} ${problem.message}`;
    }),
  );
  return { lines, more: Math.max(0, Number(total.rows[0]?.n ?? 0) - rows.length) };
}
