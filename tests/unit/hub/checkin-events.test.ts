import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEvent } from '../../../src/hub/events/apply';
import { cardHash, insertMember } from '../../../src/hub/members/repo';
import { cancelEntry, insertEntry } from '../../../src/hub/schedule/repo';
import { at, badge, card, classCheckin, gym, keypad, scanFailed, visit } from '../../fixtures/hub/checkin';
import { DB_KINDS, demoConfig, startTestHub, type TestHub } from './harness';
import { bearer, enrollKiosk } from './kiosk-auth';

type Answer = { results: { id: string; status: string; reason?: string }[] };
type Fact = { kind: string; subject: string; member_id: number | null; entry_id: string | null; gym_group: string | null; unit: number | null; event_id: string | null; kiosk_id: string | null; flagged: boolean };

const CARD = '0012345678';
const unknownCardKey = createHash('sha256').update('99999999').digest('hex');

describe.each(DB_KINDS)('check-in events on %s', (kind) => {
  let hub: TestHub;
  const tokens: Record<string, string> = {};
  const ids: Record<string, number> = {};
  const post = (kioskId: string, events: unknown[]) =>
    hub.request('/api/v1/events', { method: 'POST', headers: bearer(tokens[kioskId]!, { 'content-type': 'application/json' }), body: JSON.stringify({ events }) })
      .then((r) => r.json() as Promise<Answer>);
  const answers = async (kioskId: string, events: unknown[]) => (await post(kioskId, events)).results.map((r) => r.reason ?? r.status);
  const stored = async (id: string) => (await hub.db.query('SELECT 1 FROM events WHERE id = $1', [id])).length === 1;
  const factsOf = (where: string, params: unknown[]) => hub.db.query<Fact>(`SELECT * FROM checkin_facts WHERE ${where} ORDER BY id`, params);

  /** A class starting `startMinute` after 10:00 with room for `capacity`. */
  const addClass = async (id: string, startMinute: number, capacity: number | null) => {
    const start = Date.parse(at(startMinute));
    await insertEntry(hub.db, id, { category: 'fitness', titleZh: '测试课', titleEn: 'Test class', startsAt: start, endsAt: start + 45 * 60_000, room: `room-${id}`, instructor: '', capacity });
  };

  beforeAll(async () => {
    // lobby-1 offers the gym here too, so two kiosks can start members on one machine (the hub holds
    // each kiosk to its features: in the demo, only gym-1 makes gym events)
    const config = demoConfig();
    hub = await startTestHub(kind, { config: { ...config, kiosks: config.kiosks.map((k) => (k.id === 'lobby-1' ? { ...k, features: [...k.features, 'gym'] } : k)) } });
    tokens['lobby-1'] = await enrollKiosk(hub, 'lobby-1');
    tokens['gym-1'] = await enrollKiosk(hub, 'gym-1');
    for (const [no, name, c] of [['E1', '张小明', CARD], ['E2', '李四', null], ['E3', '王五', null], ['E4', '赵六', null]] as const) {
      const made = await insertMember(hub.db, { memberNo: no, name, card: c }, hub.clock.now);
      if (!made.ok) throw new Error(made.error);
      ids[no] = made.value.id;
    }
  });
  afterAll(() => hub.cleanup());

  describe('visit', () => {
    it('records one visit per member per center day however many kiosks report it, and answers a resend as duplicate', async () => {
      const first = visit('lobby-1', at(0), badge(ids.E1!));
      const second = visit('gym-1', at(5), badge(ids.E1!));
      expect(await answers('lobby-1', [first])).toEqual(['applied']);
      expect(await answers('gym-1', [second])).toEqual(['applied']);
      expect(await answers('lobby-1', [first])).toEqual(['duplicate']);
      const rows = await hub.db.query<{ event_id: string; via: string; verified: boolean; day: string }>('SELECT event_id, via, verified, day::text AS day FROM visits WHERE subject = $1', [String(ids.E1)]);
      expect(rows).toEqual([{ event_id: first.id, via: 'badge', verified: true, day: '2026-03-04' }]);
    });

    it('rejects a badge whose member id nobody has as unknown_member and does not store it', async () => {
      const e = visit('lobby-1', at(1), badge(987654));
      expect(await answers('lobby-1', [e])).toEqual(['unknown_member']);
      expect(await stored(e.id)).toBe(false);
      expect(await answers('lobby-1', [e])).toEqual(['unknown_member']);
    });

    it('resolves a card key to its member as verified, via the card hash', async () => {
      const e = visit('gym-1', at(2), card(cardHash(CARD), null));
      expect(await answers('gym-1', [e])).toEqual(['applied']);
      const [row] = await hub.db.query<{ subject: string; via: string }>('SELECT subject, via FROM visits WHERE event_id = $1', [e.id]);
      // E1 visited already today by badge: the card scan is the same person, so no second visit
      expect(row).toBeUndefined();
      expect(await factsOf('event_id = $1', [e.id])).toEqual([]);
    });

    it('applies an unknown card, keeps the visit under the card key and flags unknown_card', async () => {
      const e = visit('gym-1', at(3), card(unknownCardKey, null));
      expect(await answers('gym-1', [e])).toEqual(['applied']);
      const [row] = await hub.db.query<{ subject: string; member_id: number | null; verified: boolean }>('SELECT subject, member_id, verified FROM visits WHERE event_id = $1', [e.id]);
      expect(row).toEqual({ subject: `card:${unknownCardKey}`, member_id: null, verified: false });
      expect(await factsOf('event_id = $1', [e.id])).toMatchObject([{ kind: 'unknown_card', subject: `card:${unknownCardKey}`, flagged: true, kiosk_id: 'gym-1' }]);
    });

    it('rejects a card whose cached member id nobody has as unknown_member', async () => {
      expect(await answers('gym-1', [visit('gym-1', at(3), card(unknownCardKey, 987654))])).toEqual(['unknown_member']);
    });

    it('resolves a keypad number to its member as unverified, and flags a number nobody has', async () => {
      const known = visit('lobby-1', at(4), keypad('E2'));
      const unknown = visit('lobby-1', at(4), keypad('X-404'));
      expect(await answers('lobby-1', [known, unknown])).toEqual(['applied', 'applied']);
      const rows = await hub.db.query<{ subject: string; member_id: number | null; via: string; verified: boolean }>(
        'SELECT subject, member_id, via, verified FROM visits WHERE event_id = ANY($1::uuid[]) ORDER BY subject', [[known.id, unknown.id]]);
      expect(rows).toEqual([
        { subject: String(ids.E2), member_id: ids.E2, via: 'keypad', verified: false },
        { subject: 'no:X-404', member_id: null, via: 'keypad', verified: false },
      ].sort((a, b) => a.subject.localeCompare(b.subject)));
      expect(await factsOf('event_id = $1', [unknown.id])).toMatchObject([{ kind: 'unknown_member_no', flagged: true }]);
      expect(await factsOf('event_id = $1', [known.id])).toEqual([]);
    });
  });

  describe('class_checkin', () => {
    it('counts a check-in, answers a resend as duplicate and rejects an entry nobody has as unknown_entry', async () => {
      await addClass('c-open', 10, 10);
      const e = classCheckin('lobby-1', at(0), badge(ids.E1!), 'c-open');
      const ghost = classCheckin('lobby-1', at(0), badge(ids.E1!), 'no-such-class');
      expect(await answers('lobby-1', [e, ghost, e])).toEqual(['applied', 'unknown_entry', 'duplicate']);
      expect(await stored(ghost.id)).toBe(false);
      const rows = await hub.db.query('SELECT subject, kiosk_outcome, hub_outcome, counted FROM class_attendance WHERE entry_id = $1', ['c-open']);
      expect(rows).toEqual([{ subject: String(ids.E1), kiosk_outcome: 'checked_in', hub_outcome: 'checked_in', counted: true }]);
      expect(await factsOf('entry_id = $1', ['c-open'])).toEqual([]);
    });

    it('rejects a badge of nobody as unknown_member before looking at the class', async () => {
      expect(await answers('lobby-1', [classCheckin('lobby-1', at(0), badge(987654), 'c-open')])).toEqual(['unknown_member']);
    });

    it('keeps both members two offline kiosks let into the last place, and flags the one over capacity as full', async () => {
      await addClass('c-full', 10, 1);
      const a = classCheckin('lobby-1', at(1), badge(ids.E2!), 'c-full');
      const b = classCheckin('gym-1', at(2), badge(ids.E3!), 'c-full');
      expect(await answers('lobby-1', [a])).toEqual(['applied']);
      expect(await answers('gym-1', [b])).toEqual(['applied']);
      const rows = await hub.db.query<{ subject: string; counted: boolean; hub_outcome: string }>('SELECT subject, counted, hub_outcome FROM class_attendance WHERE entry_id = $1 ORDER BY at', ['c-full']);
      expect(rows).toEqual([
        { subject: String(ids.E2), counted: true, hub_outcome: 'checked_in' },
        { subject: String(ids.E3), counted: true, hub_outcome: 'full' },
      ]);
      expect(await factsOf('entry_id = $1', ['c-full'])).toMatchObject([{ kind: 'full', subject: String(ids.E3), member_id: ids.E3, event_id: b.id, kiosk_id: 'gym-1', flagged: true }]);
    });

    it('stores both check-ins of one member by two kiosks, counts the member once and notes already_checked_in unflagged', async () => {
      const a = classCheckin('lobby-1', at(3), badge(ids.E4!), 'c-full');
      const b = classCheckin('gym-1', at(4), badge(ids.E4!), 'c-full');
      expect(await answers('lobby-1', [a])).toEqual(['applied']);
      expect(await answers('gym-1', [b])).toEqual(['applied']);
      const rows = await hub.db.query<{ event_id: string; counted: boolean }>('SELECT event_id, counted FROM class_attendance WHERE subject = $1 AND entry_id = $2 ORDER BY at', [String(ids.E4), 'c-full']);
      expect(rows).toEqual([{ event_id: a.id, counted: true }, { event_id: b.id, counted: false }]);
      const facts = await factsOf('entry_id = $1 AND subject = $2', ['c-full', String(ids.E4)]);
      // E4 made the class over capacity too (flagged full); the second kiosk's admission is information
      expect(facts.map((f) => [f.kind, f.flagged, f.kiosk_id])).toEqual([['full', true, 'lobby-1'], ['already_checked_in', false, 'gym-1']]);
    });

    it('flags a check-in the kiosk made outside the window by the event time as too_late, and one into a cancelled class', async () => {
      await addClass('c-past', -60, 10);
      await addClass('c-cancelled', 10, 10);
      await cancelEntry(hub.db, 'c-cancelled', hub.clock.now);
      const late = classCheckin('lobby-1', at(0), badge(ids.E2!), 'c-past');
      const cancelled = classCheckin('lobby-1', at(0), badge(ids.E2!), 'c-cancelled');
      expect(await answers('lobby-1', [late, cancelled])).toEqual(['applied', 'applied']);
      expect((await factsOf('event_id = ANY($1::uuid[])', [[late.id, cancelled.id]])).map((f) => [f.kind, f.flagged]).sort())
        .toEqual([['class_cancelled', true], ['too_late', true]]);
    });

    it('records a refusal the kiosk showed without counting it and without a fact', async () => {
      const e = classCheckin('lobby-1', at(5), badge(ids.E1!), 'c-full', 'full');
      expect(await answers('lobby-1', [e])).toEqual(['applied']);
      expect(await hub.db.query('SELECT kiosk_outcome, counted FROM class_attendance WHERE event_id = $1', [e.id])).toEqual([{ kiosk_outcome: 'full', counted: false }]);
      expect(await factsOf('event_id = $1', [e.id])).toEqual([]);
    });
  });

  describe('gym', () => {
    it('stores each step as <event id>:<index> and rejects a group the config does not have as unknown_group', async () => {
      const e = gym('gym-1', at(0), badge(ids.E1!), 'rower', 'session_started', [{ action: 'session_start', group: 'rower', unit: 1 }]);
      const ghost = gym('gym-1', at(0), badge(ids.E1!), 'trampoline', 'session_started', [{ action: 'session_start', group: 'trampoline', unit: 1 }]);
      const ghostStep = gym('gym-1', at(0), badge(ids.E1!), 'rower', 'queued', [{ action: 'queue_join', group: 'trampoline', unit: null }]);
      expect(await answers('gym-1', [e, ghost, ghostStep, e])).toEqual(['applied', 'unknown_group', 'unknown_group', 'duplicate']);
      const steps = await hub.db.query('SELECT id, subject, action, gym_group, unit, kiosk_id FROM gym_steps WHERE event_id = $1', [e.id]);
      expect(steps).toEqual([{ id: `${e.id}:0`, subject: String(ids.E1), action: 'session_start', gym_group: 'rower', unit: 1, kiosk_id: 'gym-1' }]);
    });

    it('keeps both sessions when two kiosks start different members on one unit, and flags unit_taken', async () => {
      const a = gym('gym-1', at(10), badge(ids.E2!), 'treadmill', 'session_started', [{ action: 'session_start', group: 'treadmill', unit: 2 }]);
      const b = gym('lobby-1', at(11), badge(ids.E3!), 'treadmill', 'session_started', [{ action: 'session_start', group: 'treadmill', unit: 2 }]);
      expect(await answers('gym-1', [a])).toEqual(['applied']);
      expect(await answers('lobby-1', [b])).toEqual(['applied']);
      expect(await factsOf("gym_group = 'treadmill'", [])).toMatchObject([{ kind: 'unit_taken', subject: String(ids.E3), unit: 2, event_id: b.id, kiosk_id: 'lobby-1', flagged: true }]);
      // a later batch replays the day again: the same fact is not stored twice
      const end = gym('gym-1', at(20), badge(ids.E2!), 'treadmill', 'session_ended', [{ action: 'session_end', group: 'treadmill', unit: 2 }]);
      expect(await answers('gym-1', [end])).toEqual(['applied']);
      expect(await factsOf("gym_group = 'treadmill' AND kind = 'unit_taken'", [])).toHaveLength(1);
    });

    it('notes a session that ended at its limit while others waited as auto_ended, unflagged', async () => {
      const on = gym('gym-1', at(30), badge(ids.E4!), 'strength', 'session_started', [{ action: 'session_start', group: 'strength', unit: 1 }]);
      const fill = [2, 3].map((u, i) => gym('gym-1', at(30), badge([ids.E1, ids.E2][i]!), 'strength', 'session_started', [{ action: 'session_start', group: 'strength', unit: u }]));
      const wait = gym('gym-1', at(31), card(cardHash(CARD), ids.E1!), 'strength', 'queued', [{ action: 'queue_join', group: 'strength', unit: null }]);
      const later = gym('gym-1', at(70), badge(ids.E3!), 'rower', 'session_started', [{ action: 'session_start', group: 'rower', unit: 2 }]);
      // E1 is still on rower 1 (an earlier test) when starting on strength 2, and queues while on it
      expect(await answers('gym-1', [on, ...fill, wait, later])).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
      const facts = await factsOf("gym_group = 'strength'", []);
      expect(facts.filter((f) => f.kind === 'auto_ended').map((f) => [f.subject, f.flagged, f.event_id])).toContainEqual([String(ids.E4), false, null]);
      expect(facts.filter((f) => f.kind === 'already_in_session').map((f) => [f.subject, f.flagged, f.event_id])).toEqual([
        [String(ids.E1), true, fill[0]!.id], [String(ids.E1), true, wait.id],
      ]);
    });
  });

  describe('scan_failed', () => {
    it('stores the reason and source only', async () => {
      const e = scanFailed('lobby-1', at(0), 'bad_signature', 'wedge');
      expect(await answers('lobby-1', [e, e])).toEqual(['applied', 'duplicate']);
      expect(await hub.db.query('SELECT kiosk_id, reason, source FROM scan_failures WHERE event_id = $1', [e.id])).toEqual([{ kiosk_id: 'lobby-1', reason: 'bad_signature', source: 'wedge' }]);
    });
  });

  it('gives the same answers one event per transaction (the batch fallback) as in a batch', async () => {
    const config = demoConfig();
    const now = hub.clock.now;
    const good = visit('lobby-1', at(40), badge(ids.E3!));
    expect(await applyEvent(hub.db, 'lobby-1', good, now, config)).toEqual({ id: good.id, status: 'applied' });
    expect(await applyEvent(hub.db, 'lobby-1', good, now, config)).toEqual({ id: good.id, status: 'duplicate' });
    const reasons = await Promise.all([
      visit('lobby-1', at(40), badge(987654)),
      classCheckin('lobby-1', at(40), badge(ids.E3!), 'no-such-class'),
      gym('lobby-1', at(40), badge(ids.E3!), 'trampoline', 'queued', [{ action: 'queue_join', group: 'trampoline', unit: null }]),
    ].map(async (e) => applyEvent(hub.db, 'lobby-1', e, now, config)));
    expect(reasons.map((r) => r.status === 'rejected' && r.reason)).toEqual(['unknown_member', 'unknown_entry', 'unknown_group']);
    // without the center config a check-in cannot be judged
    expect(await applyEvent(hub.db, 'lobby-1', visit('lobby-1', at(41), badge(ids.E3!)), now)).toMatchObject({ status: 'rejected', reason: 'invalid' });
    const e = classCheckin('lobby-1', at(41), badge(ids.E3!), 'c-open');
    expect(await applyEvent(hub.db, 'lobby-1', e, now, config)).toEqual({ id: e.id, status: 'applied' });
    expect(await hub.db.query('SELECT counted FROM class_attendance WHERE event_id = $1', [e.id])).toEqual([{ counted: true }]);
  });
});
