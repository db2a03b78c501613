import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBackup, problemText, readBackup, restoreBackup } from '../../../src/hub/backup/backup';
import { nightlyBackup } from '../../../src/hub/backup/files';
import { ensureSigningKey } from '../../../src/hub/badges/keys';
import { migrate } from '../../../src/hub/db/migrate';
import type { Db } from '../../../src/hub/db/port';
import { seedDemo } from '../../../src/hub/demo/seed';
import { applyBatch } from '../../../src/hub/events/apply';
import { insertMember } from '../../../src/hub/members/repo';
import { materialiseWeeks } from '../../../src/hub/schedule/materialise';
import { rating } from '../../fixtures/events/make';
import { DB_KINDS, demoConfig, NOW, openTestDb } from './harness';

// Issue 13: backups hold one consistent point, restore into an empty database of either kind, and a
// damaged file is refused in plain words before anything is written.

const config = demoConfig();
const TABLES_WITH_DATA = ['members', 'events', 'ratings', 'suggestions', 'visits', 'bookings', 'class_reservations', 'schedule_entries', 'signing_keys', 'demo_marks'];
const counts = async (db: Db) => Object.fromEntries(await Promise.all(
  TABLES_WITH_DATA.map(async (t) => [t, (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`))[0]!.n] as const),
));

describe.each(DB_KINDS)('backups on %s', (kind) => {
  let source: Db;
  let cleanups: (() => Promise<void>)[] = [];
  const fresh = async () => {
    const t = await openTestDb(kind);
    cleanups.push(t.cleanup);
    return t.db;
  };
  beforeAll(async () => {
    source = await fresh();
    await migrate(source);
    await ensureSigningKey(source, NOW);
    await materialiseWeeks(source, config, NOW);
    await seedDemo(source, config, NOW);
  });
  afterAll(async () => {
    for (const c of cleanups) await c();
    cleanups = [];
  });

  it('restores into an empty database with every row, and new ids count on from the restored ones', async () => {
    const bytes = await makeBackup(source, NOW);
    const target = await fresh();
    const r = await restoreBackup(target, bytes);
    expect(r.ok).toBe(true);
    expect(await counts(target)).toEqual(await counts(source));
    // values the JSON trip could bend: ranges, keys, times
    const q = 'SELECT id, during::text AS during, requested_at FROM bookings ORDER BY id';
    expect(await target.query(q)).toEqual(await source.query(q));
    const keys = 'SELECT kid, public_key, private_key FROM signing_keys';
    expect(await target.query(keys)).toEqual(await source.query(keys));
    const next = await insertMember(target, { memberNo: 'NEW-1', name: '新会员' }, NOW);
    expect(next.ok && next.value.id).toBe(13);
  });

  it('refuses a database that has data unless told, and replaces it when told', async () => {
    const bytes = await makeBackup(source, NOW);
    const target = await fresh();
    await migrate(target);
    await insertMember(target, { memberNo: 'KEEP-ME', name: '已有会员' }, NOW);
    const refused = await restoreBackup(target, bytes);
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_empty' } });
    if (!refused.ok) expect(problemText(refused.error, 'b.wscb')).toMatch(/^The database is not empty \(.*members.*\).*--force/);
    expect((await target.query('SELECT member_no FROM members')).length).toBe(1);
    expect((await restoreBackup(target, bytes, { force: true })).ok).toBe(true);
    expect(await counts(target)).toEqual(await counts(source));
    expect(await target.query("SELECT 1 FROM members WHERE member_no = 'KEEP-ME'")).toEqual([]);
  });

  it('holds whole batches only when taken while 1,000 events are being ingested', async () => {
    const db = await fresh();
    await migrate(db);
    const batches = Array.from({ length: 10 }, (_, b) => Array.from({ length: 100 }, (_, i) => rating('lobby-1', b * 100 + i + 1)));
    const ingest = (async () => {
      for (const batch of batches) await applyBatch(db, 'lobby-1', batch, NOW, () => undefined, config);
    })();
    const taken: Buffer[] = [];
    while (taken.length < 3) {
      taken.push(await makeBackup(db, NOW));
      await new Promise((r) => setTimeout(r, 5));
    }
    await ingest;
    taken.push(await makeBackup(db, NOW));
    const seen = new Set<number>();
    for (const bytes of taken) {
      const target = await fresh();
      expect((await restoreBackup(target, bytes)).ok).toBe(true);
      const [{ events, ratings }] = await target.query<{ events: number; ratings: number }>(
        'SELECT (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM ratings)::int AS ratings',
      ) as [{ events: number; ratings: number }];
      expect(events % 100).toBe(0); // never half a batch
      expect(ratings).toBe(events); // and never an event without what it made
      seen.add(events);
    }
    expect(seen.has(1000)).toBe(true);
  }, 120_000); // five PGlite databases, each migrated: half a minute on a loaded machine

  it('refuses a cut-short, a corrupted and a foreign file in plain words, writing nothing', async () => {
    const bytes = await makeBackup(source, NOW);
    const text = gunzipSync(bytes).toString('utf8');
    const cases: [string, Buffer, RegExp][] = [
      ['cut short', bytes.subarray(0, Math.floor(bytes.length / 2)), /damaged or incomplete \(the compressed data ends early/],
      ['cut at a line', gzipSync(text.split('\n').slice(0, 40).join('\n')), /damaged or incomplete \(it has no end mark/],
      ['a row changed', gzipSync(text.replace('张建国', '张建军')), /damaged or incomplete \(its checksum does not match/],
      ['not gzip', Buffer.from('hello, I am a spreadsheet'), /is not a backup made by this hub/],
      ['another gzip', gzipSync('{"some":"json"}\n'), /is not a backup made by this hub/],
    ];
    for (const [what, file, message] of cases) {
      const target = await fresh();
      const r = await restoreBackup(target, file);
      expect(r.ok, what).toBe(false);
      if (!r.ok) expect(problemText(r.error, 'b.wscb'), what).toMatch(message);
      const [row] = await target.query<{ n: number }>("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'members'");
      expect(row!.n, `${what}: no schema made`).toBe(0);
    }
    expect(readBackup(bytes).ok).toBe(true);
  });

  it('writes one backup a day into the folder and keeps the newest fourteen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsc-backups-'));
    try {
      const DAY = 86_400_000;
      expect(await nightlyBackup(source, dir, 14, 'Asia/Shanghai', NOW)).toMatch(/backup-2026-03-04\.wscb$/);
      expect(await nightlyBackup(source, dir, 14, 'Asia/Shanghai', NOW + 3_600_000)).toBeNull(); // the same day
      for (let d = 1; d <= 20; d++) await nightlyBackup(source, dir, 14, 'Asia/Shanghai', NOW + d * DAY);
      const files = readdirSync(dir).sort();
      expect(files).toHaveLength(14);
      expect(files[0]).toBe('backup-2026-03-11.wscb');
      expect(files.at(-1)).toBe('backup-2026-03-24.wscb');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
