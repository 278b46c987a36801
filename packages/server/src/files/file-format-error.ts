/** Why a file cannot be read; the UI and the CLI translate the code. */
export type FileFormatErrorCode =
  | 'file_not_found'
  | 'unsupported_file_type'
  | 'csv_malformed'
  | 'invalid_encoding'
  | 'missing_header'
  | 'empty_column_name'
  | 'duplicate_column'
  | 'sheet_not_found'
  | 'xlsx_malformed'
  | 'zip_bomb';

export interface FileFormatErrorDetails {
  file: string;
  line?: number;
  column?: string;
  value?: string;
}

/** A file that cannot be read as a table. The message names file, line, column and value when known. */
export class FileFormatError extends Error {
  readonly code: FileFormatErrorCode;
  readonly file: string;
  readonly line: number | undefined;
  readonly column: string | undefined;
  readonly value: string | undefined;

  constructor(code: FileFormatErrorCode, problem: string, details: FileFormatErrorDetails) {
    super(describe(problem, details));
    this.name = 'FileFormatError';
    this.code = code;
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.value = details.value;
  }
}

function describe(problem: string, { file, line, column, value }: FileFormatErrorDetails): string {
  let where = file;
  if (line !== undefined) where += `, line ${line}`;
  if (column !== undefined) where += `, column "${column}"`;
  if (value !== undefined) where += `, value "${value.length > 80 ? `${value.slice(0, 80)}...` : value}"`;
  return `${where}: ${problem}`;
}
