/**
 * Cells of CSV exports that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, and tab or
 * carriage return before them) get a leading apostrophe, so a partner name such as
 * `=HYPERLINK(...)` stays text (OWASP "CSV injection"). Numbers the API writes itself (amounts
 * like -12.50) are exported through `csvNumberCell`, which keeps a valid minus sign.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvTextCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** An exact decimal the API produced (e.g. "-12.50"); anything else is treated as text. */
export function csvNumberCell(value: string): string {
  return /^-?\d+(\.\d+)?$/.test(value) ? value : csvTextCell(value);
}
