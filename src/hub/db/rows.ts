import type { Queryable } from './port';

// Multi-row INSERTs: one statement per table for a batch instead of a round trip per row (on PGlite
// a round trip per row capped event ingest near 1,300 events/s).

/** "($1, $2), ($3, $4)" for rows of equal width, numbering from 1. */
export function placeholders(rows: readonly (readonly unknown[])[]): string {
  let n = 0;
  return rows.map((r) => `(${r.map(() => `$${++n}`).join(', ')})`).join(', ');
}

export async function insertRows(tx: Queryable, head: string, rows: readonly (readonly unknown[])[], tail = ''): Promise<{ id: string }[]> {
  if (rows.length === 0) return [];
  return tx.query<{ id: string }>(`${head} VALUES ${placeholders(rows)} ${tail}`, rows.flat());
}
