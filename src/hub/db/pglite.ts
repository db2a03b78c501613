import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import type { Db, Queryable } from './port';

/**
 * The embedded database: a PostgreSQL compiled to WASM, persisted in a folder. It has a single
 * connection, so transactions are serialised by PGlite itself.
 */
export async function openPglite(dataDir: string | undefined): Promise<Db> {
  // undefined keeps everything in memory (tests that do not care about persistence)
  // btree_gist: the bookings' exclusion constraint mixes a text column (=) with a range (&&)
  const pg = await PGlite.create({ ...(dataDir === undefined ? {} : { dataDir }), extensions: { btree_gist } });
  const run = async <T>(q: Pick<PGlite, 'query'>, sql: string, params?: readonly unknown[]) =>
    (await q.query<T>(sql, params ? [...params] : [])).rows;
  return {
    kind: 'pglite',
    query: (sql, params) => run(pg, sql, params),
    exec: async (sql) => void (await pg.exec(sql)),
    transaction: (fn) =>
      pg.transaction((tx) => {
        const q: Queryable = { query: (sql, params) => run(tx, sql, params), exec: async (sql) => void (await tx.exec(sql)) };
        return fn(q);
      }),
    close: () => pg.close(),
  };
}
