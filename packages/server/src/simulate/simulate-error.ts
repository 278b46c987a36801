/** Where bad input is: the file, and when known the line, column and value. */
export type SimulateErrorCode =
  | 'file_missing'
  | 'missing_column'
  | 'invalid_value'
  | 'invalid_program'
  | 'invalid_period';

export class SimulateError extends Error {
  readonly code: SimulateErrorCode;
  readonly file: string;
  readonly line: number | undefined;
  readonly column: string | undefined;
  readonly value: string | undefined;

  constructor(
    code: SimulateErrorCode,
    message: string,
    where: { file: string; line?: number; column?: string; value?: string },
  ) {
    const position = [where.file, where.line !== undefined ? `line ${where.line}` : undefined, where.column]
      .filter((part) => part !== undefined)
      .join(', ');
    super(`${position}: ${message}`);
    this.code = code;
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
    this.value = where.value;
  }
}
