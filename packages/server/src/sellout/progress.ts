import cliProgress from 'cli-progress';
import type { StageProgress } from './stage.ts';

export interface ImportProgress {
  update(progress: StageProgress): void;
  /** The file is read; the merge runs now. */
  finishReading(): void;
  /** The bulk path gave up for `reason`; the file is read again from the start. */
  restart(reason: string): void;
}

/** Plain lines at most this often when the output is not a terminal (logs, CI). */
const PLAIN_INTERVAL_MS = 5000;

/**
 * Shows how an import advances on stderr: a bar with lines, lines/s and ETA on a terminal, a
 * plain line every few seconds otherwise, so stdout keeps only the report.
 */
export function createImportProgress(stream: NodeJS.WriteStream = process.stderr): ImportProgress {
  // Rates count from when the file starts streaming, not from process start (database opening).
  let started = Date.now();
  const rate = (lines: number) => Math.round(lines / Math.max((Date.now() - started) / 1000, 0.001));
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: 'sell-out {bar} {percentage}% | {lines} lines | {speed} lines/s | ETA {eta_formatted}',
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    let barStarted = false;
    return {
      update({ lines, fraction }) {
        if (!barStarted) {
          barStarted = true;
          started = Date.now();
          bar.start(1000, 0, { lines: 0, speed: 0 });
        }
        bar.update(Math.round((fraction ?? 0) * 1000), { lines, speed: rate(lines) });
      },
      finishReading() {
        if (barStarted) bar.stop();
        stream.write('merging into sell-out lines...\n');
      },
      restart(reason) {
        if (barStarted) bar.stop();
        barStarted = false;
        stream.write(`${restartMessage(reason)}\n`);
      },
    };
  }
  // The first line comes with the first staged chunk, so a log shows at once that the import runs.
  let lastPrinted = 0;
  return {
    update({ lines, fraction }) {
      const now = Date.now();
      if (lines === 0) {
        started = now;
        return;
      }
      if (now - lastPrinted < PLAIN_INTERVAL_MS) return;
      lastPrinted = now;
      const perSecond = rate(lines);
      const eta =
        fraction !== undefined && fraction > 0
          ? `, ETA ${Math.round(((now - started) / 1000) * (1 / fraction - 1))}s`
          : '';
      const share = fraction === undefined ? '' : `, ${Math.round(fraction * 100)}% of the file`;
      stream.write(`sell-out: ${lines} lines read, ${perSecond} lines/s${share}${eta}\n`);
    },
    finishReading() {
      stream.write(`sell-out: file read in ${((Date.now() - started) / 1000).toFixed(1)}s, merging...\n`);
    },
    restart(reason) {
      lastPrinted = 0;
      stream.write(`sell-out: ${restartMessage(reason)}\n`);
    },
  };
}

function restartMessage(reason: string): string {
  return `${reason}: reading the file again to merge it line by line`;
}
