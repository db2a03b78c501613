import pg from 'pg';
import type { Db, Queryable } from './port';

/** A PostgreSQL server reached through a small pool (DATABASE_URL). */
export async function openPostgres(connectionString: string, log: (message: string) => void = console.error): Promise<Db> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle client losing its server must not crash the hub; the next query reconnects.
  pool.on('error', (e) => log(`PostgreSQL connection error: ${e.message}`));
  // Fail at start, with the driver's plain message, rather than at the first request.
  const probe = await pool.connect();
  probe.release();
  const run = async <T>(q: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[]) =>
    (await q.query(sql, params ? [...params] : [])).rows as T[];
  return {
    kind: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    // without parameters pg uses the simple protocol, which accepts several statements
    exec: async (sql) => void (await pool.query(sql)),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const q: Queryable = { query: (sql, params) => run(client, sql, params), exec: async (sql) => void (await client.query(sql)) };
        const result = await fn(q);
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
