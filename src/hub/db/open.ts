import { mkdirSync } from 'node:fs';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import type { Db } from './port';

/** PostgreSQL when a URL is given, otherwise the embedded database in `dataDir`. */
export async function openDb(opts: { databaseUrl?: string | undefined; dataDir: string; log?: (message: string) => void }): Promise<Db> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.log);
  mkdirSync(opts.dataDir, { recursive: true });
  return openPglite(opts.dataDir);
}
