import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SELLOUT_HEADER } from './sellout.ts';

/** Bytes buffered per distributor before a write: few writes, bounded memory. */
const BUFFER_CHARS = 64 * 1024;

interface Report {
  file: string;
  stream: WriteStream;
  pending: string;
  /** A write error, kept until the next await so it is thrown and never left unhandled. */
  failure?: Error;
}

function open(file: string): Report {
  const report: Report = { file, stream: createWriteStream(file), pending: SELLOUT_HEADER };
  report.stream.on('error', (error) => {
    report.failure ??= error;
  });
  return report;
}

async function flush(report: Report): Promise<void> {
  if (report.failure) throw report.failure;
  const text = report.pending;
  report.pending = '';
  if (!report.stream.write(text)) await once(report.stream, 'drain');
}

async function close(report: Report): Promise<void> {
  if (report.failure) throw report.failure;
  report.stream.end(report.pending);
  report.pending = '';
  if (!report.stream.writableFinished) await once(report.stream, 'finish');
}

/**
 * Splits the generated sellout.csv into one report per distributor, as distributors send them:
 * the sell-out import takes one distributor's file at a time. Streams with backpressure, so
 * memory does not grow with the file. Generated lines hold no quotes or line breaks, so a line
 * of text is a row.
 */
export async function splitSellOutByDistributor(sellOutFile: string, outDir: string): Promise<Map<string, string>> {
  const reports = new Map<string, Report>();
  const reader = createInterface({ input: createReadStream(sellOutFile, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
  let header = true;
  try {
    for await (const line of reader) {
      if (header) {
        if (`${line}\n` !== SELLOUT_HEADER) throw new Error(`${sellOutFile}: line 1 is not the sell-out header`);
        header = false;
        continue;
      }
      if (line === '') continue;
      const distributorId = line.slice(0, line.indexOf(','));
      let report = reports.get(distributorId);
      if (!report) {
        report = open(join(outDir, `sellout-${distributorId}.csv`));
        reports.set(distributorId, report);
      }
      report.pending += `${line}\n`;
      if (report.pending.length >= BUFFER_CHARS) await flush(report);
    }
    for (const report of reports.values()) await close(report);
  } finally {
    for (const report of reports.values()) report.stream.destroy();
  }
  return new Map([...reports].sort(([a], [b]) => a.localeCompare(b)).map(([id, report]) => [id, report.file]));
}
