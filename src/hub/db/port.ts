// The hub's only way to the database. Two adapters implement it (PGlite embedded, PostgreSQL via pg),
// so every query, migration and test is written once, in one SQL dialect, with $1… parameters only.

export interface Queryable {
  /** Runs one parameterised statement and returns its rows. Never interpolate values into `sql`. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations only). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction on one connection; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** timestamptz arrives as a Date from both drivers; the API speaks ISO strings. */
export function isoOf(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return new Date(String(value)).toISOString();
}

export function isoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : isoOf(value);
}
