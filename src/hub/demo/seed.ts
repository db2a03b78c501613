import { createHash } from 'node:crypto';
import type { CenterConfig } from '../../domain/index';
import type { KioskEvent } from '../../domain/events';
import { uuidv7 } from '../../domain/ids';
import { zonedParts } from '../../domain/time';
import type { Db, Queryable } from '../db/port';
import { applyEvent } from '../events/apply';
import { createPoll, setPublished } from '../feedback/polls';
import { cardHash, insertMember } from '../members/repo';
import { DEMO_CENTER_ID } from './first-run';

// The demo center's sample data (issue 13): a dozen workers, three weeks of visits, ratings and
// suggestions, a few bookings and class places, so a newcomer can check in at once and every admin page
// has something to show. Made only in a new database started from the demo configuration. The history
// goes in as kiosks send it, through applyEvent, each event applied at its own time: the hub's rules
// judge it as they would have then, and it lands in every table exactly as real use would. Every member
// and event made is listed in demo_marks, which is what `npm run demo:clear` removes.

/** The demo's workers; the first can be tried on the keypad, the ones with a card with a card reader. */
export const DEMO_MEMBERS: readonly { readonly memberNo: string; readonly name: string; readonly card?: string }[] = [
  { memberNo: '900001', name: '张建国', card: '6217000090000001' },
  { memberNo: '900002', name: '李秀英', card: '6217000090000002' },
  { memberNo: '900003', name: '王海涛', card: '6217000090000003' },
  { memberNo: '900004', name: '刘桂兰' },
  { memberNo: '900005', name: '陈志强', card: '6217000090000005' },
  { memberNo: '900006', name: '杨丽华' },
  { memberNo: '900007', name: '赵德明', card: '6217000090000007' },
  { memberNo: '900008', name: '黄晓燕' },
  { memberNo: '900009', name: '周国平', card: '6217000090000009' },
  { memberNo: '900010', name: '吴春梅' },
  { memberNo: '900011', name: '徐立军', card: '6217000090000011' },
  { memberNo: '900012', name: '孙美玲' },
];

const SUGGESTIONS = [
  { topic: 'gym', text: '跑步机旁边能不能加一个饮水机？晚上人多的时候要排队接水。' },
  { topic: 'classes', text: '希望周末增加一节八段锦，平时上夜班赶不上。' },
  { topic: 'cleanliness', text: '更衣室的地面下午经常是湿的，容易滑倒，请多拖几次。' },
  { topic: 'courts', text: '羽毛球场的灯有一盏不亮了，3号场。' },
  { topic: 'staff', text: '前台的王老师很耐心，教我用了预约，谢谢！' },
  { topic: null, text: '能不能在自助机上显示一下本周的体检安排？' },
];

const DAY = 86_400_000;
const HISTORY_DAYS = 21;

/** A small seeded generator (mulberry32): the same demo every time for the same start. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type DemoSeedResult = { readonly seeded: false; readonly why: 'not_demo' | 'not_new' } | { readonly seeded: true; readonly members: number; readonly events: number };

/** Seeds the demo into a new database made from the demo configuration; anything else is left alone. */
export async function seedDemo(db: Db, config: CenterConfig, now: number): Promise<DemoSeedResult> {
  if (config.center.id !== DEMO_CENTER_ID) return { seeded: false, why: 'not_demo' };
  const [used] = await db.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM members)::int + (SELECT count(*) FROM events)::int + (SELECT count(*) FROM demo_marks)::int AS n`,
  );
  if ((used?.n ?? 0) > 0) return { seeded: false, why: 'not_new' };

  const rand = random(20261206);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const members: { id: number; memberNo: string; card?: string }[] = [];
  for (const m of DEMO_MEMBERS) {
    const saved = await insertMember(db, m, now - HISTORY_DAYS * DAY);
    if (!saved.ok) throw new Error(`demo member ${m.memberNo}: ${saved.error}`);
    members.push({ id: saved.value.id, memberNo: m.memberNo, card: m.card });
    await mark(db, 'member', String(saved.value.id));
  }
  const carded = members.filter((m) => m.card !== undefined);
  const cardIdentity = (m: (typeof members)[number]) => ({ via: 'card' as const, memberId: String(m.id), cardKey: cardHash(m.card!) });

  const seq = new Map<string, number>();
  let applied = 0;
  const apply = async (kioskId: string, at: number, kind: KioskEvent['kind'], payload: object): Promise<string | null> => {
    const next = (seq.get(kioskId) ?? 0) + 1;
    seq.set(kioskId, next);
    const bytes = createHash('sha256').update(`${kioskId} ${next}`).digest().subarray(0, 10);
    const e = { id: uuidv7(at, bytes), kioskId, seq: next, at: new Date(at).toISOString(), kind, payload } as KioskEvent;
    const r = await applyEvent(db, kioskId, e, at, config);
    if (r.status !== 'applied') return null; // a rule said no (a full class, a slot taken): the demo does without
    await mark(db, 'event', e.id);
    applied++;
    return e.id;
  };
  const kiosks = new Set(config.kiosks.map((k) => k.id));
  const lobby = kiosks.has('lobby-1') ? 'lobby-1' : config.kiosks[0]?.id;
  if (lobby === undefined) return { seeded: true, members: members.length, events: 0 };
  const topics = config.feedbackTopics.map((t) => t.id);

  // three weeks of days: visits in the opening hours, ratings, now and then a suggestion
  const zone = config.center.timeZone;
  const today = zonedParts(now, zone);
  const dayStart = now - today.minuteOfDay * 60_000 - (now % 60_000);
  let suggestion = 0;
  for (let d = HISTORY_DAYS; d >= 1; d--) {
    const base = dayStart - d * DAY;
    const at = (hour: number) => base + Math.floor((hour + rand()) * 3_600_000);
    for (const m of members.filter(() => rand() < 0.4)) {
      await apply(lobby, at(7 + Math.floor(rand() * 13)), 'visit', { identity: { via: 'keypad', memberNo: m.memberNo }, outcome: 'visit_recorded' });
    }
    const ratings = 4 + Math.floor(rand() * 9);
    for (let i = 0; i < ratings; i++) {
      // mostly content, some not: the satisfaction pages have a shape to show
      const r = rand();
      const score = r < 0.08 ? 0 : r < 0.2 ? 1 : r < 0.55 ? 2 : 3;
      await apply(lobby, at(8 + Math.floor(rand() * 13)), 'rating', { topic: topics.length > 0 && rand() < 0.8 ? pick(topics) : null, score });
    }
    if (d % 3 === 0 && suggestion < SUGGESTIONS.length) {
      const s = SUGGESTIONS[suggestion++]!;
      await apply(lobby, at(12 + Math.floor(rand() * 6)), 'suggestion', { topic: s.topic !== null && topics.includes(s.topic) ? s.topic : null, text: s.text, contact: null });
    }
  }

  // courts: two last week, played (checked in), and three in the coming days
  const bookable = config.facilities.filter((f) => config.facilityKinds.some((k) => k.id === f.kind && k.bookable));
  const slot = (daysAhead: number, hour: number) => dayStart + daysAhead * DAY + hour * 3_600_000;
  const book = async (m: (typeof members)[number], facilityId: string, startsAt: number, bookedAt: number) =>
    apply(lobby, bookedAt, 'booking', { identity: cardIdentity(m), facilityId, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 3_600_000).toISOString() });
  if (bookable.length > 0 && carded.length >= 3) {
    for (const [i, daysAgo] of [5, 3].entries()) {
      const m = carded[i]!;
      const startsAt = slot(-daysAgo, 19);
      const id = await book(m, bookable[i % bookable.length]!.id, startsAt, startsAt - DAY);
      if (id !== null) await apply(lobby, startsAt - 5 * 60_000, 'booking_checkin', { identity: cardIdentity(m), bookingId: id });
    }
    for (const [i, daysAhead] of [1, 2, 3].entries()) {
      await book(carded[i]!, bookable[(i + 1) % bookable.length]!.id, slot(daysAhead, 18 + i), now);
    }
  }

  // class places: the first classes of the coming days that take reservations, a place or two each
  const classes = await db.query<{ id: string }>(
    `SELECT id FROM schedule_entries WHERE capacity IS NOT NULL AND cancelled_at IS NULL AND starts_at > $1 ORDER BY starts_at LIMIT 3`,
    [new Date(now + 3_600_000)],
  );
  for (const [i, c] of classes.entries()) {
    for (const m of carded.slice(i, i + 2)) await apply(lobby, now, 'class_reserve', { identity: cardIdentity(m), entryId: c.id });
  }

  // polls (issue 16): one closed last week with its result on the kiosks, one open now with a few votes
  const poll = async (id: string, question: readonly [string, string], options: readonly (readonly [string, string])[], opensAt: number, closesAt: number) => {
    const input = { question: { 'zh-CN': question[0], en: question[1] }, options: options.map(([zh, en]) => ({ 'zh-CN': zh, en })), multiple: false, changeable: false, opensAt, closesAt };
    await createPoll(db, id, input, 'demo', opensAt);
    await mark(db, 'poll', id);
    for (const m of carded) if (rand() < 0.85) await apply(lobby, opensAt + Math.floor(rand() * (Math.min(closesAt, now) - opensAt)), 'poll_vote', { identity: cardIdentity(m), pollId: id, choices: [`o${1 + Math.floor(rand() * options.length)}`] });
  };
  const pollId = (n: number) => uuidv7(dayStart - 20 * DAY + n, createHash('sha256').update(`demo poll ${n}`).digest().subarray(0, 10));
  await poll(pollId(1), ['明年职工运动会增加哪个项目？', 'Which event should next year’s sports day add?'],
    [['拔河', 'Tug of war'], ['跳绳', 'Rope skipping'], ['趣味接力', 'Fun relay'], ['羽毛球团体赛', 'Badminton team match']], dayStart - 14 * DAY, dayStart - 6 * DAY);
  await setPublished(db, pollId(1), true, 'demo', dayStart - 6 * DAY + 3_600_000);
  await poll(pollId(2), ['职工食堂晚餐是否延长到晚上八点？', 'Should the canteen serve dinner until 20:00?'],
    [['需要', 'Yes'], ['不需要', 'No'], ['只在周三、周四', 'Only on Wednesdays and Thursdays']], dayStart - 3 * DAY, dayStart + 4 * DAY);
  return { seeded: true, members: members.length, events: applied };
}

async function mark(db: Queryable, what: 'member' | 'event' | 'poll', id: string): Promise<void> {
  await db.query('INSERT INTO demo_marks (what, id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [what, id]);
}

/**
 * Removes the demo: its events with what they made, and its members with everything done in their
 * names since (a booking made at a kiosk for a demo member is demo data too). Real members and real
 * kiosks' events stay. One transaction: either the demo is gone or nothing changed.
 */
export async function clearDemo(db: Db): Promise<{ members: number; events: number }> {
  return db.transaction(async (tx) => {
    const member = `member_id IN (SELECT id::int FROM demo_marks WHERE what = 'member')`;
    // events of the demo, and every event about a demo member (the subject a kiosk filed it under)
    await tx.query(`CREATE TEMP TABLE demo_events ON COMMIT DROP AS
      SELECT id::uuid AS id FROM demo_marks WHERE what = 'event'
      UNION SELECT event_id FROM visits WHERE ${member}
      UNION SELECT event_id FROM class_attendance WHERE ${member}
      UNION SELECT event_id FROM gym_steps WHERE ${member}
      UNION SELECT event_id FROM checkin_facts WHERE ${member} AND event_id IS NOT NULL
      UNION SELECT event_id FROM bookings WHERE ${member} AND event_id IS NOT NULL
      UNION SELECT event_id FROM class_reservations WHERE ${member} AND event_id IS NOT NULL
      UNION SELECT event_id FROM poll_ballots WHERE ${member}`);
    const ev = 'IN (SELECT id FROM demo_events)';
    await tx.query(`DELETE FROM booking_suspensions WHERE ${member} OR cause_booking_id IN (SELECT id FROM bookings WHERE ${member} OR event_id ${ev})`);
    await tx.query(`DELETE FROM booking_no_shows WHERE ${member} OR booking_id IN (SELECT id FROM bookings WHERE event_id ${ev})`);
    for (const table of ['visits', 'class_attendance', 'gym_steps', 'checkin_facts', 'bookings', 'class_reservations']) {
      await tx.query(`DELETE FROM ${table} WHERE ${member} OR event_id ${ev}`);
    }
    await tx.query(`DELETE FROM rating_reasons WHERE event_id ${ev} OR rating_id ${ev}`);
    await tx.query(`DELETE FROM ratings WHERE event_id ${ev}`);
    await tx.query(`DELETE FROM scan_failures WHERE event_id ${ev}`);
    await tx.query(`DELETE FROM suggestions WHERE id ${ev}`);
    await tx.query(`DELETE FROM poll_ballots WHERE event_id ${ev}`);
    await tx.query(`DELETE FROM polls WHERE id IN (SELECT id::uuid FROM demo_marks WHERE what = 'poll')`);
    const events = await tx.query(`DELETE FROM events WHERE id ${ev} RETURNING id`);
    await tx.query(`DELETE FROM revoked_badges WHERE ${member}`);
    await tx.query(`DELETE FROM badge_links WHERE ${member}`);
    const members = await tx.query(`DELETE FROM members WHERE id IN (SELECT id::int FROM demo_marks WHERE what = 'member') RETURNING id`);
    await tx.query('DELETE FROM demo_marks');
    return { members: members.length, events: events.length };
  });
}
