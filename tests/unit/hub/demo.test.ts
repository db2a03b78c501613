import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEnrollmentCode } from '../../../src/hub/demo/first-run';
import { clearDemo, DEMO_MEMBERS, seedDemo } from '../../../src/hub/demo/seed';
import { applyEvent } from '../../../src/hub/events/apply';
import { migrate } from '../../../src/hub/db/migrate';
import type { Db } from '../../../src/hub/db/port';
import { insertMember } from '../../../src/hub/members/repo';
import { redeemEnrollmentCode } from '../../../src/hub/kiosks/tokens';
import { materialiseWeeks } from '../../../src/hub/schedule/materialise';
import { rating } from '../../fixtures/events/make';
import { DB_KINDS, demoConfig, NOW, openTestDb } from './harness';

// Issue 13: the demo center's first run. The demo is made only in a new database from the demo
// configuration, goes in through the same event contract as kiosks, and demo:clear removes exactly it.

const config = demoConfig();
const count = async (db: Db, table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

describe.each(DB_KINDS)('the demo on %s', (kind) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await openTestDb(kind));
    await migrate(db);
    await materialiseWeeks(db, config, NOW);
  });
  afterAll(() => cleanup());

  it('is not made from a configuration that is not the demo', async () => {
    expect(await seedDemo(db, { ...config, center: { ...config.center, id: 'riverside' } }, NOW)).toEqual({ seeded: false, why: 'not_demo' });
    expect(await count(db, 'members')).toBe(0);
  });

  it('fills a new database with members, three weeks of visits and ratings, suggestions, bookings and class places', async () => {
    const r = await seedDemo(db, config, NOW);
    expect(r).toMatchObject({ seeded: true, members: DEMO_MEMBERS.length });
    expect(await count(db, 'members')).toBe(12);
    expect(await count(db, 'suggestions')).toBe(6);
    expect(await count(db, 'ratings')).toBeGreaterThan(21 * 4 - 1);
    expect(await count(db, 'visits')).toBeGreaterThan(21);
    // two played last week, three to come; none left to be released as a no-show
    const bookings = await db.query<{ status: string; future: boolean }>('SELECT status, lower(during) > $1 AS future FROM bookings ORDER BY lower(during)', [new Date(NOW)]);
    expect(bookings.filter((b) => b.future)).toHaveLength(3);
    expect(bookings.filter((b) => !b.future).map((b) => b.status)).toEqual(['checked_in', 'checked_in']);
    expect(await count(db, 'class_reservations')).toBeGreaterThan(0);
    // the visits name the members, as the hub resolved the typed numbers
    expect((await db.query('SELECT 1 FROM visits WHERE member_id IS NULL')).length).toBe(0);
    // a poll closed last week with its result published, and one open now, each with counted votes
    const polls = await db.query<{ published: boolean; open: boolean; votes: number }>(
      `SELECT published_at IS NOT NULL AS published, closes_at > $1 AS open, (SELECT count(*) FROM poll_ballots b WHERE b.poll_id = p.id AND b.counted)::int AS votes
         FROM polls p ORDER BY opens_at`, [new Date(NOW)]);
    expect(polls.map((p) => [p.published, p.open])).toEqual([[true, false], [false, true]]);
    expect(polls.every((p) => p.votes > 0)).toBe(true);
  });

  it('is made once: a database already in use is left alone', async () => {
    expect(await seedDemo(db, config, NOW + 86_400_000)).toEqual({ seeded: false, why: 'not_new' });
    expect(await count(db, 'members')).toBe(12);
  });

  it('offers the demo kiosk a start link until it is enrolled, then no more', async () => {
    const code = await demoEnrollmentCode(db, config, NOW);
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await redeemEnrollmentCode(db, code!, NOW)).toMatchObject({ kioskId: 'lobby-1' });
    expect(await demoEnrollmentCode(db, config, NOW)).toBeNull();
    expect(await demoEnrollmentCode(db, { ...config, center: { ...config.center, id: 'riverside' } }, NOW)).toBeNull();
  });

  it('is removed by demo:clear, with what was done in its members names since, and real data stays', async () => {
    const real = await insertMember(db, { memberNo: 'R-1', name: '真实会员', card: '6217999900000001' }, NOW);
    expect(real.ok).toBe(true);
    const e = { ...rating('lobby-1', 9_999), at: new Date(NOW).toISOString() };
    expect((await applyEvent(db, 'lobby-1', e, NOW, config)).status).toBe('applied');
    // a kiosk visit of a demo member after the demo was made: demo data too
    const later = { ...rating('lobby-1', 10_000), kind: 'visit' as const, payload: { identity: { via: 'keypad' as const, memberNo: '900002' }, outcome: 'visit_recorded' as const } };
    expect((await applyEvent(db, 'lobby-1', later, NOW, config)).status).toBe('applied');

    const removed = await clearDemo(db);
    expect(removed.members).toBe(12);
    expect(removed.events).toBeGreaterThan(100);
    expect((await db.query<{ member_no: string }>('SELECT member_no FROM members')).map((m) => m.member_no)).toEqual(['R-1']);
    expect((await db.query<{ id: string }>('SELECT id FROM events')).map((x) => x.id)).toEqual([e.id]);
    for (const table of ['visits', 'bookings', 'class_reservations', 'suggestions', 'polls', 'poll_ballots', 'demo_marks']) expect(await count(db, table)).toBe(0);
    expect(await count(db, 'ratings')).toBe(1);
    expect(await clearDemo(db)).toEqual({ members: 0, events: 0 });
  });
});
