import 'fake-indexeddb/auto';
import { createStore } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { RULE_DEFAULTS } from '../../../src/domain/config/defaults';
import { createJournal, type JournalRecord } from '../../../src/kiosk/data/journal';
import { deriveBookingKnowledge } from '../../../src/kiosk/state/book/booking-knowledge';
import { deriveExpiredRecords, deriveGymState, deriveKnowledge } from '../../../src/kiosk/state/checkin/checkin-knowledge';
import { deriveOccupancyRows } from '../../../src/kiosk/state/checkin/gym-model';
import { deriveKeypadDigits } from '../../../src/kiosk/state/checkin/keypad-model';
import { deriveAutoClass, deriveOutcomeView } from '../../../src/kiosk/state/checkin/member-model';
import { deriveMemberOptions } from '../../../src/kiosk/state/checkin/member-options';
import { deriveFeatureButtons, deriveFeatures, deriveNavigation } from '../../../src/kiosk/state/shell/navigation-model';
import { T0, kioskSnapshot, spin } from './member-fixture';

const TZ = 'Asia/Shanghai';
const DAY = '2026-05-12';
const MIN = 60_000;
const rec = (over: Partial<JournalRecord> & Pick<JournalRecord, 'kind' | 'id'>): JournalRecord =>
  ({ at: T0, subject: '42', name: '张*明', ...over }) as JournalRecord;
type GymAction = Extract<JournalRecord, { kind: 'gym' }>['action'];
/** a gym step of the rower group in the journal */
const step = (id: string, subject: string, action: GymAction, unit: number | null, at = T0): JournalRecord =>
  ({ kind: 'gym', id, at, subject, name: subject === '42' ? '张*明' : null, action, group: 'rower', unit });

describe('local knowledge (snapshot.today ∪ journal)', () => {
  it('joins the hub\'s today with the kiosk\'s own records and counts a gym step known to both once', async () => {
    const today = {
      day: DAY, visits: ['1'], attendance: [{ entryId: 'spin-1410', memberIds: ['1'] }], names: { '1': '王*' },
      gym: [{ id: 'e1:0', memberId: '1', action: 'session_start' as const, group: 'rower', unit: 1, at: new Date(T0 - 10 * MIN).toISOString() }],
    };
    const k = deriveKnowledge(await kioskSnapshot({ today }), [
      rec({ kind: 'visit', id: 'v1' }),
      rec({ kind: 'class', id: 'c1', entryId: 'spin-1410' }),
      { kind: 'gym', id: 'e1:0', at: T0 - 10 * MIN, subject: '1', name: '王*', action: 'session_start', group: 'rower', unit: 1 },
      step('e2:0', '42', 'session_start', 2),
    ], DAY, TZ);
    expect([...k.lastVisits.keys()].sort()).toEqual(['1', '42']);
    expect([...k.attendance.get('spin-1410')!].sort()).toEqual(['1', '42']);
    expect(k.gymEvents.map((e) => [e.memberId, e.kind])).toEqual([['1', 'session_start'], ['42', 'session_start']]);
    expect(k.names.get('1')).toBe('王*');
  });

  it('ignores a snapshot today of another day and journal records of yesterday', async () => {
    const today = { day: '2026-05-11', visits: ['1'], attendance: [], gym: [], names: {} };
    const k = deriveKnowledge(await kioskSnapshot({ today }), [rec({ kind: 'visit', id: 'v0', at: T0 - 86_400_000 })], DAY, TZ);
    expect(k.lastVisits.size).toBe(0);
  });

  it('replays the equipment state from the known steps', async () => {
    const snap = await kioskSnapshot();
    const k = deriveKnowledge(snap, [step('e:0', '42', 'session_start', 1)], DAY, TZ);
    expect(deriveGymState(snap, k, RULE_DEFAULTS).sessions).toEqual([{ memberId: '42', group: 'rower', unit: 1, startedAt: T0 }]);
  });

  it('keeps today\'s and yesterday\'s records and expires older ones (center days, not 24 h)', () => {
    const records = [
      rec({ kind: 'visit', id: 'today', at: T0 }),
      rec({ kind: 'visit', id: 'yesterday-early', at: Date.parse('2026-05-10T16:30:00Z') }), // 00:30 on the 11th in Shanghai
      rec({ kind: 'visit', id: 'two-days-ago', at: Date.parse('2026-05-10T15:30:00Z') }), // 23:30 on the 10th
    ];
    expect(deriveExpiredRecords(records, T0, TZ)).toEqual(['two-days-ago']);
  });
});

describe('journal store (IndexedDB)', () => {
  it('keeps records across a reopen, skips unreadable ones, and deletes by id', async () => {
    const store = createStore('wsc-journal-test', 'records');
    const journal = createJournal(store);
    await journal.add([rec({ kind: 'visit', id: 'a' }), rec({ kind: 'class', id: 'b', entryId: 'x' })]);
    const { set } = await import('idb-keyval');
    await set('junk', { kind: 'visit', id: 3 }, store);
    expect((await createJournal(store).load()).map((r) => r.id).sort()).toEqual(['a', 'b']);
    await journal.remove(['a']);
    expect((await journal.load()).map((r) => r.id)).toEqual(['b']);
  });
});

describe('member screen options', () => {
  const session = { identity: { via: 'badge' as const, memberId: '42', badgeId: '42@1' }, subject: '42', name: '张*明', verified: true, visit: { outcome: 'visit_recorded' as const, offline: false, memberId: '42', day: DAY } };

  it('lists open classes with their state and gym groups with the member\'s own place', async () => {
    const snap = await kioskSnapshot();
    const knowledge = deriveKnowledge(snap, [
      step('a:0', '1', 'session_start', 1),
      step('b:0', '2', 'session_start', 2),
      step('c:0', '42', 'queue_join', null),
      rec({ kind: 'class', id: 'x', subject: '1', entryId: 'spin-1410' }), rec({ kind: 'class', id: 'y', subject: '2', entryId: 'spin-1410' }),
    ], DAY, TZ);
    const o = deriveMemberOptions({ session, snapshot: snap, knowledge, gym: deriveGymState(snap, knowledge, RULE_DEFAULTS), bookings: deriveBookingKnowledge(snap, []), now: T0 + MIN, rules: RULE_DEFAULTS, timeZone: TZ, gymEnabled: true })!;
    expect(o.classes).toEqual([{ entryId: 'spin-1410', title: spin.title, startsAt: spin.startsAt, room: spin.room, status: 'full' }]);
    expect(o.gym).toEqual([expect.objectContaining({ group: 'rower', free: 0, inService: 2, queueLength: 1, mine: 'queued', position: 1 })]);
    expect(o.queue).toEqual({ group: 'rower', position: 1 });
  });

  it('offers no equipment without the gym feature and nothing at all to nobody', async () => {
    const snap = await kioskSnapshot();
    const knowledge = deriveKnowledge(snap, [], DAY, TZ);
    const input = { session, snapshot: snap, knowledge, gym: deriveGymState(snap, knowledge, RULE_DEFAULTS), bookings: deriveBookingKnowledge(snap, []), now: T0, rules: RULE_DEFAULTS, timeZone: TZ, gymEnabled: false };
    expect(deriveMemberOptions(input)!.gym).toEqual([]);
    expect(deriveMemberOptions({ ...input, session: null })).toBeNull();
  });

  it('checks in automatically only when exactly one open class is left for the member', async () => {
    const snap = await kioskSnapshot();
    expect(deriveAutoClass(snap.schedule, new Map(), '42', T0, RULE_DEFAULTS)?.id).toBe('spin-1410');
    expect(deriveAutoClass(snap.schedule, new Map([['spin-1410', new Set(['42'])]]), '42', T0, RULE_DEFAULTS)).toBeNull();
    expect(deriveAutoClass(snap.schedule, new Map(), '42', T0 - 60 * MIN, RULE_DEFAULTS)).toBeNull();
  });
});

describe('attract gym panel', () => {
  it('calls the head of the queue by masked name with the offered unit and deadline', async () => {
    const snap = await kioskSnapshot();
    const knowledge = deriveKnowledge(snap, [
      step('a:0', '1', 'session_start', 1),
      step('b:0', '2', 'session_start', 2),
      step('c:0', '42', 'queue_join', null),
      step('d:0', '1', 'session_end', 1, T0 + MIN),
    ], DAY, TZ);
    const rows = deriveOccupancyRows(snap, deriveGymState(snap, knowledge, RULE_DEFAULTS), knowledge.names, T0 + 2 * MIN);
    expect(rows).toEqual([{
      group: 'rower', name: { 'zh-CN': '划船机', en: 'Rowers' }, free: 0, busy: 1, inService: 2, queueLength: 1,
      call: { name: '张*明', unit: 1, claimBy: T0 + MIN + 5 * MIN },
    }]);
  });
});

describe('keypad, navigation and outcome views', () => {
  it('adds digits up to the longest member number and deletes the last', () => {
    expect(deriveKeypadDigits('12', '3')).toBe('123');
    expect(deriveKeypadDigits('12', 'back')).toBe('1');
    expect(deriveKeypadDigits('', 'back')).toBe('');
    expect(deriveKeypadDigits('1234', '5', 4)).toBe('1234');
  });

  it('opens the member and keypad screens only on a kiosk with check-in; check-in and gym get no button', () => {
    expect(deriveFeatures(['gym', 'checkin', 'karaoke'])).toEqual(['gym', 'checkin']);
    expect(deriveFeatureButtons(['checkin', 'gym', 'rate'])).toEqual(['rate']);
    expect(deriveNavigation('attract', { type: 'open', screen: 'member' }, ['checkin'])).toBe('member');
    expect(deriveNavigation('attract', { type: 'open', screen: 'keypad' }, ['schedule'])).toBe('attract');
  });

  it('gives every outcome its tone and marks a failed write as not_saved', () => {
    expect(deriveOutcomeView({ outcome: 'too_early', offline: true, entryId: 'x', opensAt: 1 }, 3, false)).toMatchObject({ code: 'too_early', tone: 'refused', offline: true, seq: 3 });
    expect(deriveOutcomeView(null, 4, true)).toEqual({ seq: 4, code: 'not_saved', tone: 'failed', offline: true, outcome: null });
  });
});
