import { createDatabase, startPostgres } from '../support/postgres';

/**
 * Runs a hub benchmark on the embedded database (no DATABASE_URL) and then on a PostgreSQL 15 server
 * started for it (fsync off, as in tests), in a database of its own; `run` gets the hub's extra env.
 */
export async function onBothDatabases<T>(run: (env?: Record<string, string>) => Promise<T>): Promise<{ pglite: T; postgres: T }> {
  const pglite = await run();
  const pg = await startPostgres();
  try {
    const db = await createDatabase(pg.url, 'bench');
    return { pglite, postgres: await run({ DATABASE_URL: db.url }) };
  } finally {
    await pg.stop();
  }
}
