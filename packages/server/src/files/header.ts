import { FileFormatError } from './file-format-error.ts';

/** Checks a header row and returns its column names, trimmed; names must be present and unique. */
export function readHeader(cells: readonly string[], file: string, line: number): string[] {
  const names = cells.map((cell) => cell.trim());
  while (names.length > 0 && names[names.length - 1] === '') names.pop();
  if (names.length === 0) throw new FileFormatError('missing_header', 'the header row is empty', { file, line });
  const seen = new Set<string>();
  names.forEach((name, index) => {
    if (name === '') {
      throw new FileFormatError('empty_column_name', `header cell ${index + 1} is empty`, { file, line });
    }
    if (seen.has(name)) {
      throw new FileFormatError('duplicate_column', 'the header names this column twice', {
        file,
        line,
        column: name,
      });
    }
    seen.add(name);
  });
  return names;
}
