import { PGlite } from '@electric-sql/pglite';

/**
 * Reads what a stopped hub stored in its embedded database: the end-to-end tests assert real rows,
 * not what a page claims. The hub must be stopped first (PGlite has one writer).
 */
export async function storedRows<T>(dataDir: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const db = new PGlite(dataDir);
  try {
    return (await db.query<T>(sql, params)).rows;
  } finally {
    await db.close();
  }
}

export type StoredQuery = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

/** Several reads of a stopped hub's database with one open (opening PGlite is the slow part). */
export async function readStored<T>(dataDir: string, read: (query: StoredQuery) => Promise<T>): Promise<T> {
  const db = new PGlite(dataDir);
  try {
    return await read(async <R>(sql: string, params: unknown[] = []) => (await db.query<R>(sql, params)).rows);
  } finally {
    await db.close();
  }
}
