/** Why a row of a master-data file was refused; the UI and the CLI translate by `code`. */
export type RowErrorCode =
  | 'missing_column'
  | 'unknown_column'
  | 'missing_value'
  | 'invalid_value'
  | 'duplicate_id'
  | 'unknown_reference'
  | 'conflict';

/** One refused value: file, line, field and value, and the reason in words. */
export interface RowError {
  code: RowErrorCode;
  file: string;
  line: number;
  field: string;
  value: string;
  reason: string;
}

export function formatRowError(error: RowError): string {
  return `${error.file}:${error.line}: ${error.field} ${JSON.stringify(error.value)}: ${error.reason}`;
}

/**
 * A file with any invalid row imports nothing. Carries every error found, up to
 * `MAX_REPORTED_ERRORS`; `errorCount` counts all of them.
 */
export class MasterDataImportRejected extends Error {
  readonly code = 'masterdata_import_rejected';
  constructor(
    readonly file: string,
    readonly entity: string,
    readonly errors: readonly RowError[],
    readonly errorCount: number,
  ) {
    const more = errorCount > errors.length ? `\n... and ${errorCount - errors.length} more errors` : '';
    super(
      `${file}: ${errorCount} error${errorCount === 1 ? '' : 's'}, nothing imported\n` +
        errors.map(formatRowError).join('\n') +
        more,
    );
    this.name = 'MasterDataImportRejected';
  }
}

/** Enough to fix a file in one pass without flooding a terminal with a wrong-file mistake. */
export const MAX_REPORTED_ERRORS = 1000;

/** Collects the errors of one file; counts past the cap, keeps details up to it. */
export class RowErrorList {
  readonly errors: RowError[] = [];
  count = 0;
  constructor(readonly file: string) {}

  add(line: number, code: RowErrorCode, field: string, value: string, reason: string): void {
    this.count++;
    if (this.errors.length < MAX_REPORTED_ERRORS)
      this.errors.push({ code, file: this.file, line, field, value, reason });
  }

  /** Errors are reported in line order however the checks that found them were run. */
  sorted(): RowError[] {
    return [...this.errors].sort((a, b) => a.line - b.line);
  }
}
