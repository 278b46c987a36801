/** How large an uploaded report may be; a distributor's weekly report is far below both. */
export interface UploadLimits {
  /** Bytes of the uploaded file (CSV, or XLSX before unpacking). */
  maxBytes: number;
  /** Data rows of one report. */
  maxLines: number;
}

const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;
const DEFAULT_MAX_LINES = 5_000_000;

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^[1-9]\d*$/.test(value)) throw new Error(`${name} must be a positive whole number, not "${value}"`);
  return Number(value);
}

/** SPUR_UPLOAD_MAX_BYTES and SPUR_UPLOAD_MAX_LINES, else 512 MiB and 5,000,000 rows. */
export function uploadLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): UploadLimits {
  return {
    maxBytes: positiveInteger('SPUR_UPLOAD_MAX_BYTES', env.SPUR_UPLOAD_MAX_BYTES, DEFAULT_MAX_BYTES),
    maxLines: positiveInteger('SPUR_UPLOAD_MAX_LINES', env.SPUR_UPLOAD_MAX_LINES, DEFAULT_MAX_LINES),
  };
}
