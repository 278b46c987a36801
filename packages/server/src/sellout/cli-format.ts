import type { ReleaseReport } from './quarantine.ts';

export interface ImportReportSummary {
  importId: string;
  fileName: string | null;
  distributorId: string;
  linesRead: number;
  imported: number;
  duplicates: number;
  corrections: number;
  quarantined: number;
  errors: number;
}

/** One line per import: the figures a distributor admin checks after an upload. */
export function importSummary(report: ImportReportSummary): string {
  return (
    `import ${report.importId} ${report.fileName ?? '(quarantine release)'} for ${report.distributorId}: ` +
    `read ${report.linesRead}, imported ${report.imported}, duplicates ${report.duplicates}, ` +
    `corrections ${report.corrections}, quarantined ${report.quarantined}, errors ${report.errors}`
  );
}

export function releaseSummary(report: ReleaseReport): string {
  return (
    `import ${report.importId} released quarantine of ${report.distributorId}: ` +
    `releasable ${report.releasable}, imported ${report.imported}, duplicates ${report.duplicates}, ` +
    `corrections ${report.corrections}, still quarantined ${report.stillQuarantined}`
  );
}
