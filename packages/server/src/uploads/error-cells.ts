import { csvTextCell } from '../http/csv-cells.ts';

/** A plain number as distributors write it (-2, -1.234,50, 1'000.00): a spreadsheet reads it as a number, never a formula. */
const PLAIN_NUMBER = /^-?\d[\d.,' ]*$/;

/**
 * A cell of the downloadable error file: text starting with `=`, `+`, `-` or `@` gets a leading
 * apostrophe so a spreadsheet shows it instead of running it; negative quantities and amounts of
 * returns stay numbers, so the fixed file imports again.
 */
export function errorFileCell(value: string): string {
  return PLAIN_NUMBER.test(value) ? value : csvTextCell(value);
}
