import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/hub/db/migrate';
import { MIGRATIONS } from '../../../src/hub/db/migrations/index';
import type { Db } from '../../../src/hub/db/port';
import { materialiseWeeks } from '../../../src/hub/schedule/materialise';
import { cancelEntry, getEntry, insertEntry } from '../../../src/hub/schedule/repo';
import { DB_KINDS, demoConfig, NOW, openTestDb } from './harness';

const config = demoConfig();

describe.each(DB_KINDS)('database on %s', (kind) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await openTestDb(kind));
  });
  afterAll(() => cleanup());

  it('applies every migration once and nothing when run again', async () => {
    expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(await migrate(db)).toEqual([]);
    const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows[0]!.n).toBe(MIGRATIONS.length);
  });

  it('lets two migrations race without applying one twice', async () => {
    expect(await Promise.all([migrate(db), migrate(db)])).toEqual([[], []]);
  });

  it('materialises the current and next week once, however often it runs', async () => {
    const first = await materialiseWeeks(db, config, NOW);
    expect(first).toBe(config.weekly.length * 2);
    expect(await materialiseWeeks(db, config, NOW)).toBe(0);
    const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schedule_entries');
    expect(rows[0]!.n).toBe(config.weekly.length * 2);
  });

  it('keeps a cancellation made by staff when materialising again', async () => {
    const id = `${config.weekly[0]!.id}@2026-03-02`;
    expect(await cancelEntry(db, id, NOW)).toBe(true);
    await materialiseWeeks(db, config, NOW);
    expect((await getEntry(db, id))?.cancelled).toBe(true);
  });

  it('skips an occurrence that would overlap an entry staff placed in its room', async () => {
    const w = config.weekly[0]!; // yoga-mon, Monday 18:30 in activity-room
    const start = Date.parse('2026-03-16T10:30:00Z'); // Monday 2026-03-16 18:30 Shanghai, two weeks on
    await insertEntry(db, 'staff-1', {
      category: w.category, titleZh: '讲座', titleEn: 'Talk', startsAt: start, endsAt: start + 3_600_000,
      room: w.room, instructor: '', capacity: null,
    });
    await materialiseWeeks(db, config, NOW + 7 * 86_400_000);
    expect(await getEntry(db, `${w.id}@2026-03-16`)).toBeNull();
  });

  it('rolls back a transaction that throws', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO settings (key, value) VALUES ('k', 'v')");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.query("SELECT 1 FROM settings WHERE key = 'k'")).toEqual([]);
  });
});
