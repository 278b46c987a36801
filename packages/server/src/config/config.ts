import { resolve } from 'node:path';

/** Runtime configuration, read once from environment variables (documented in the README). */
export interface SpurConfig {
  port: number;
  host: string;
  /** Folder of the embedded PostgreSQL (PGlite) database; used when `databaseUrl` is unset. */
  dataDir: string;
  /** A PostgreSQL server instead of the embedded database. */
  databaseUrl: string | undefined;
  smtpUrl: string | undefined;
  logLevel: string;
  /** Keep sessions and partner-page answers in memory (SPUR_API_CACHE, on unless `off`). */
  apiCache: boolean;
}

export class ConfigError extends Error {
  readonly code = 'config_invalid';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): SpurConfig {
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT: must be an integer from 0 to 65535, got "${env.PORT}"`);
  }
  return {
    port,
    host: env.HOST || '0.0.0.0',
    dataDir: resolve(env.SPUR_DATA_DIR || './.spur/data'),
    databaseUrl: env.DATABASE_URL || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    apiCache: apiCacheSetting(env.SPUR_API_CACHE),
  };
}

function apiCacheSetting(value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'on') return true;
  if (value === 'off') return false;
  throw new ConfigError(`SPUR_API_CACHE: must be on or off, got "${value}"`);
}
