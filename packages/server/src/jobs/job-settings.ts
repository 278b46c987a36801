/** When the scheduler runs programs; read from the environment (documented in docs/runs.md). */
export interface JobSettings {
  /** Cron of the provisional runs of every active program (default Monday 06:00). */
  provisionalCron: string;
  /** IANA time zone the cron is read in. */
  timeZone: string;
  /** Days after a period's end before the scheduler closes it with a final run. */
  finalGraceDays: number;
}

export class JobSettingsError extends Error {
  readonly code = 'job_settings_invalid';
}

export function loadJobSettings(env: NodeJS.ProcessEnv = process.env): JobSettings {
  const timeZone = env.SPUR_RUN_TIMEZONE || 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new JobSettingsError(`SPUR_RUN_TIMEZONE: "${timeZone}" is not an IANA time zone (e.g. Europe/Stockholm)`);
  }
  const provisionalCron = env.SPUR_RUN_CRON || '0 6 * * 1';
  if (provisionalCron.trim().split(/\s+/).length !== 5) {
    throw new JobSettingsError(`SPUR_RUN_CRON: "${provisionalCron}" is not a five-field cron expression`);
  }
  const grace =
    env.SPUR_FINAL_GRACE_DAYS === undefined || env.SPUR_FINAL_GRACE_DAYS === ''
      ? 10
      : Number(env.SPUR_FINAL_GRACE_DAYS);
  if (!Number.isInteger(grace) || grace < 0 || grace > 366) {
    throw new JobSettingsError(
      `SPUR_FINAL_GRACE_DAYS: must be a whole number of days from 0 to 366, got "${env.SPUR_FINAL_GRACE_DAYS}"`,
    );
  }
  return { provisionalCron, timeZone, finalGraceDays: grace };
}

/** Today's date in the time zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
