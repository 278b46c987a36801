/** A record of a CSV file and the 1-based line it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** Why text is not CSV; the reader adds the file name. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/**
 * Splits CSV text (RFC 4180: fields in double quotes may hold the delimiter, doubled quotes and
 * line breaks; LF or CRLF line ends) into records, fed chunk by chunk. Lines without a quote take
 * a plain split, which is what keeps a multi-million-line import fast; csv-parse spent most of the
 * import's CPU time here.
 */
export class CsvRecordSplitter {
  private pending = '';
  private nextLine: number;

  constructor(
    private readonly delimiter: string,
    firstLine = 1,
  ) {
    this.nextLine = firstLine;
  }

  /** Records completed by this chunk; an unfinished last line waits for the next chunk. */
  push(chunk: string): CsvRecord[] {
    const text = this.pending + chunk;
    const records: CsvRecord[] = [];
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n', start);
      if (end < 0) break;
      const line = text.slice(start, end);
      if (!line.includes('"')) {
        records.push({ line: this.nextLine++, fields: splitPlain(line, this.delimiter) });
        start = end + 1;
        continue;
      }
      const quoted = parseQuoted(text, start, this.delimiter, this.nextLine, false);
      if (quoted === undefined) break;
      records.push({ line: this.nextLine, fields: quoted.fields });
      this.nextLine += quoted.lines;
      start = quoted.next;
    }
    this.pending = text.slice(start);
    return records;
  }

  /** The last record when the text does not end with a line break. */
  end(): CsvRecord[] {
    const text = this.pending;
    this.pending = '';
    if (text === '') return [];
    if (!text.includes('"')) return [{ line: this.nextLine, fields: splitPlain(text, this.delimiter) }];
    const quoted = parseQuoted(`${text}\n`, 0, this.delimiter, this.nextLine, true);
    return quoted ? [{ line: this.nextLine, fields: quoted.fields }] : [];
  }
}

function splitPlain(line: string, delimiter: string): string[] {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  return text.split(delimiter);
}

interface QuotedRecord {
  fields: string[];
  /** Lines the record spans. */
  lines: number;
  /** Index just after the record's line break. */
  next: number;
}

/** Parses one record with quotes from `start`; undefined when the text ends inside it (more to come). */
function parseQuoted(
  text: string,
  start: number,
  delimiter: string,
  line: number,
  final: boolean,
): QuotedRecord | undefined {
  const fields: string[] = [];
  let lines = 1;
  let position = start;
  for (;;) {
    if (text[position] === '"') {
      let value = '';
      let from = position + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote < 0) {
          if (final) throw new CsvSyntaxError('a quoted field is not closed', line);
          return undefined;
        }
        value += text.slice(from, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          from = quote + 2;
          continue;
        }
        position = quote + 1;
        break;
      }
      for (const character of value) if (character === '\n') lines++;
      fields.push(value);
      const after = text[position];
      if (after === delimiter) {
        position++;
        continue;
      }
      if (after === '\r' && position + 1 === text.length && !final) return undefined;
      if (after === '\r' && text[position + 1] === '\n') position++;
      if (text[position] === '\n') return { fields, lines, next: position + 1 };
      if (after === undefined) return final ? { fields, lines, next: position } : undefined;
      throw new CsvSyntaxError(
        `unexpected "${after}" after a closing quote (quotes inside a field must be doubled)`,
        line,
      );
    }
    const delimiterAt = text.indexOf(delimiter, position);
    const lineEnd = text.indexOf('\n', position);
    const end = delimiterAt >= 0 && (lineEnd < 0 || delimiterAt < lineEnd) ? delimiterAt : lineEnd;
    if (end < 0) return undefined;
    let value = text.slice(position, end);
    if (end === lineEnd && value.endsWith('\r')) value = value.slice(0, -1);
    if (value.includes('"')) {
      throw new CsvSyntaxError('a quote inside an unquoted field (quote the whole field and double the quote)', line);
    }
    fields.push(value);
    if (end === lineEnd) return { fields, lines, next: end + 1 };
    position = end + 1;
  }
}
