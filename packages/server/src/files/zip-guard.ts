import yauzl from 'yauzl';
import { FileFormatError } from './file-format-error.ts';

export interface ZipLimits {
  /** Sum of the declared uncompressed sizes of all entries. */
  maxUncompressedBytes: number;
  /** Highest uncompressed/compressed ratio of one large entry; spreadsheet XML stays far below it. */
  maxRatio: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxUncompressedBytes: 2 * 1024 ** 3,
  maxRatio: 200,
  maxEntries: 10_000,
};

/** Entries smaller than this are never a bomb, whatever their ratio (tiny XML compresses well). */
const RATIO_EXEMPT_BYTES = 1024 * 1024;

/**
 * Reads the central directory of a zip (an XLSX) without unpacking anything and refuses archives
 * that would unpack to too much: a zip bomb must fail before a single byte is inflated.
 */
export async function checkZipArchive(file: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<void> {
  const zip = await openZip(file);
  try {
    let total = 0;
    let entries = 0;
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (error: Error) =>
        reject(new FileFormatError('xlsx_malformed', `not a readable XLSX (zip) file: ${error.message}`, { file })),
      );
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        entries++;
        total += entry.uncompressedSize;
        const ratio =
          entry.compressedSize === 0 ? Number.POSITIVE_INFINITY : entry.uncompressedSize / entry.compressedSize;
        const problem =
          entries > limits.maxEntries
            ? `the archive has more than ${limits.maxEntries} entries`
            : total > limits.maxUncompressedBytes
              ? `the archive would unpack to more than ${limits.maxUncompressedBytes} bytes (possible zip bomb)`
              : entry.uncompressedSize > RATIO_EXEMPT_BYTES && ratio > limits.maxRatio
                ? `entry ${entry.fileName} would unpack ${Math.round(ratio)} times its size (possible zip bomb)`
                : undefined;
        if (problem) {
          zip.close();
          reject(new FileFormatError('zip_bomb', problem, { file }));
          return;
        }
        zip.readEntry();
      });
      zip.readEntry();
    });
  } finally {
    if (zip.isOpen) zip.close();
  }
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (error, zip) => {
      if (error || !zip) {
        const code = (error as NodeJS.ErrnoException | null)?.code;
        reject(
          code === 'ENOENT'
            ? new FileFormatError('file_not_found', 'no such file', { file })
            : new FileFormatError('xlsx_malformed', `not a readable XLSX (zip) file: ${error?.message}`, { file }),
        );
        return;
      }
      resolve(zip);
    });
  });
}
