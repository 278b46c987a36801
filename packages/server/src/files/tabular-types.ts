/** One data row of a table file, keyed by the header's column names. */
export interface TabularRow {
  /** 1-based line (CSV) or row (XLSX) number in the file. */
  line: number;
  values: Record<string, string>;
  /**
   * XLSX only: columns whose cell held a real number or date (written '1234.5' / 'YYYY-MM-DD'),
   * so that locale options such as a decimal comma apply to text cells only.
   */
  typedColumns?: ReadonlySet<string>;
  /** CSV only: the share of the file read so far, 0..1, for progress and ETA. */
  progress?: number;
}

export interface TabularReadOptions {
  /** CSV; default ','. */
  delimiter?: ',' | ';' | '\t';
  /** CSV; default utf-8 (a BOM is stripped). */
  encoding?: 'utf-8' | 'windows-1252';
  /** Rows before the header row; default 0. */
  skipRows?: number;
  /** XLSX; default the first sheet. */
  sheet?: string;
  /** XLSX: refuse archives that unpack to more than this many bytes; default 2 GiB. */
  maxUncompressedBytes?: number;
}
