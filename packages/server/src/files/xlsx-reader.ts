import { FileFormatError } from './file-format-error.ts';
import { readHeader } from './header.ts';
import type { TabularReadOptions, TabularRow } from './tabular-types.ts';
import { checkZipArchive, DEFAULT_ZIP_LIMITS } from './zip-guard.ts';

interface CellText {
  text: string;
  typed: boolean;
}

/** Streams one sheet of an XLSX file row by row, after checking the archive is not a zip bomb. */
export async function* readXlsxFile(path: string, options: TabularReadOptions = {}): AsyncIterable<TabularRow> {
  await checkZipArchive(path, {
    ...DEFAULT_ZIP_LIMITS,
    maxUncompressedBytes: options.maxUncompressedBytes ?? DEFAULT_ZIP_LIMITS.maxUncompressedBytes,
  });
  const skipRows = options.skipRows ?? 0;
  // Loaded on first use: exceljs and its zip libraries are about half the modules a CLI command
  // would otherwise load, and most imports are CSV.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell dates from numbers.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let sheetFound = false;
  let columns: string[] | undefined;
  try {
    for await (const worksheet of workbook) {
      const name = (worksheet as unknown as { name: string }).name;
      if (options.sheet !== undefined && name !== options.sheet) continue;
      sheetFound = true;
      for await (const row of worksheet) {
        if (row.number <= skipRows) continue;
        const cells = (row.values as unknown[]).slice(1).map(cellText);
        if (cells.every((cell) => cell.text.trim() === '')) continue;
        if (columns === undefined) {
          columns = readHeader(
            cells.map((cell) => cell.text),
            path,
            row.number,
          );
          continue;
        }
        yield toRow(row.number, cells, columns, path);
      }
      break;
    }
  } catch (error) {
    if (error instanceof FileFormatError) throw error;
    throw new FileFormatError('xlsx_malformed', `not a readable XLSX file: ${(error as Error).message}`, {
      file: path,
    });
  }
  if (!sheetFound) {
    throw new FileFormatError(
      'sheet_not_found',
      options.sheet === undefined ? 'the workbook has no sheet' : `no sheet named "${options.sheet}"`,
      { file: path },
    );
  }
  if (columns === undefined) {
    throw new FileFormatError('missing_header', `no header row after skipping ${skipRows} row(s)`, { file: path });
  }
}

function toRow(line: number, cells: readonly CellText[], columns: readonly string[], file: string): TabularRow {
  for (let index = columns.length; index < cells.length; index++) {
    if (cells[index]?.text.trim() !== '') {
      throw new FileFormatError('xlsx_malformed', `cell ${index + 1} has no column in the header`, {
        file,
        line,
        value: cells[index]?.text,
      });
    }
  }
  const values: Record<string, string> = {};
  const typedColumns = new Set<string>();
  for (let index = 0; index < columns.length; index++) {
    const column = columns[index] as string;
    const cell = cells[index];
    values[column] = cell?.text ?? '';
    if (cell?.typed) typedColumns.add(column);
  }
  return { line, values, typedColumns };
}

/** The text of a cell as a user would type it; numbers and dates in a canonical form. */
function cellText(value: unknown): CellText {
  if (value === null || value === undefined) return { text: '', typed: false };
  if (typeof value === 'string') return { text: value, typed: false };
  if (typeof value === 'number') return { text: String(value), typed: true };
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false', typed: false };
  if (value instanceof Date) {
    const iso = value.toISOString();
    return { text: iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19), typed: true };
  }
  if (typeof value === 'object') {
    const cell = value as {
      richText?: { text: string }[];
      result?: unknown;
      formula?: string;
      text?: unknown;
      error?: string;
    };
    if (cell.richText) return { text: cell.richText.map((part) => part.text).join(''), typed: false };
    if ('result' in cell || cell.formula !== undefined) return cellText(cell.result);
    if (cell.text !== undefined) return cellText(cell.text);
    if (cell.error !== undefined) return { text: cell.error, typed: false };
  }
  return { text: String(value), typed: false };
}
