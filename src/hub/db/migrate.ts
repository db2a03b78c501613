import { MIGRATIONS, type Migration } from './migrations/index';
import { lockMigrations } from './locks';
import type { Db } from './port';


/**
 * Applies the migrations not yet recorded in schema_migrations, in one transaction holding an
 * advisory lock, so two hubs starting on one PostgreSQL never apply the same migration twice.
 * Returns the ids applied now (empty when the schema was already current).
 */
export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<string[]> {
  return db.transaction(async (tx) => {
    // released by COMMIT/ROLLBACK, so a crash mid-migration cannot leave it held
    await lockMigrations(tx);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await tx.query<{ id: string }>('SELECT id FROM schema_migrations')).map((r) => r.id));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.id)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (id) VALUES ($1)', [m.id]);
      applied.push(m.id);
    }
    return applied;
  });
}
