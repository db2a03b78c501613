import { describe, expect, it } from 'vitest';
import {
  checkInToClass, checkInWindow, classesOpenNow, deriveVisit, identifyFailure,
  DEBOUNCE_KEY_MAX, isIdentifyFailure, shouldActOnScan,
} from '../../../src/domain/checkin';
import { RULE_DEFAULTS } from '../../../src/domain/config/defaults';
import type { ScheduleEntry } from '../../../src/domain/schedule';

const SH = 'Asia/Shanghai';
const at = (iso: string) => Date.parse(iso);
const MIN = 60_000;
const rules = RULE_DEFAULTS;

function entry(id: string, startsAt: string, extra: Partial<ScheduleEntry> = {}): ScheduleEntry {
  const end = new Date(Date.parse(startsAt) + 60 * MIN).toISOString();
  return {
    id, category: 'fitness', title: { 'zh-CN': id, en: id }, startsAt, endsAt: end, room: 'activity-room',
    instructor: '', capacity: 2, placesLeft: 2, cancelled: false, ...extra,
  };
}

// Yoga at 18:30 Shanghai (10:30Z) on Monday 23 November 2026.
const yoga = entry('yoga', '2026-11-23T10:30:00.000Z');
const start = at(yoga.startsAt);
const none = { checkedIn: [], reserved: [] };

describe('the closed set of outcomes', () => {
  it('tells identification failures (logged without payload) from check-in answers', () => {
    expect(isIdentifyFailure('bad_signature')).toBe(true);
    expect(isIdentifyFailure('not_our_code')).toBe(true);
    expect(isIdentifyFailure('too_late')).toBe(false);
    expect(identifyFailure('expired_badge', true)).toEqual({ outcome: 'expired_badge', offline: true });
  });
});

describe('deriveVisit', () => {
  it('records a visit at the first identification of the day', () => {
    expect(deriveVisit('m1', at('2026-11-23T01:00:00Z'), SH, new Map())).toEqual({
      outcome: 'visit_recorded', offline: false, memberId: 'm1', day: '2026-11-23',
    });
  });

  it('does not record a second visit later the same day, and says when the first was', () => {
    const first = at('2026-11-23T01:00:00Z');
    const r = deriveVisit('m1', at('2026-11-23T12:00:00Z'), SH, new Map([['m1', first]]), true);
    expect(r).toEqual({ outcome: 'visit_already_today', offline: true, memberId: 'm1', day: '2026-11-23', firstAt: first });
  });

  it('counts days in the center\'s zone: 23:59 and 00:00 Shanghai are two days though UTC sees one', () => {
    const lastVisits = new Map([['m1', at('2026-11-23T15:59:00Z')]]); // 23:59 Monday in Shanghai
    expect(deriveVisit('m1', at('2026-11-23T16:00:00Z'), SH, lastVisits).outcome).toBe('visit_recorded'); // 00:00 Tue
  });

  it('treats the same UTC day as one visit day only if the zone agrees', () => {
    const lastVisits = new Map([['m1', at('2026-11-23T01:00:00Z')]]); // 09:00 Shanghai
    expect(deriveVisit('m1', at('2026-11-23T17:00:00Z'), SH, lastVisits).outcome).toBe('visit_recorded'); // 01:00 next day
    expect(deriveVisit('m1', at('2026-11-23T17:00:00Z'), 'UTC', lastVisits).outcome).toBe('visit_already_today');
  });

  it('does not let another member\'s visit count', () => {
    expect(deriveVisit('m2', at('2026-11-23T02:00:00Z'), SH, new Map([['m1', at('2026-11-23T01:00:00Z')]])).outcome).toBe('visit_recorded');
  });
});

describe('checkInWindow', () => {
  it('opens 30 minutes before the start and closes 15 minutes after it', () => {
    expect(checkInWindow(yoga, rules)).toEqual({ opensAt: start - 30 * MIN, closesAt: start + 15 * MIN });
  });
});

describe('checkInToClass', () => {
  it('checks a member in inside the window', () => {
    expect(checkInToClass(yoga, 'm1', none, start - 10 * MIN, rules)).toEqual({
      outcome: 'checked_in', offline: false, entryId: 'yoga', reserved: false,
    });
  });

  it('accepts at the very instant the window opens (inclusive)', () => {
    expect(checkInToClass(yoga, 'm1', none, start - 30 * MIN, rules).outcome).toBe('checked_in');
  });

  it('refuses one millisecond before the window opens, saying when it opens', () => {
    expect(checkInToClass(yoga, 'm1', none, start - 30 * MIN - 1, rules)).toEqual({
      outcome: 'too_early', offline: false, entryId: 'yoga', opensAt: start - 30 * MIN,
    });
  });

  it('accepts one millisecond before the window closes', () => {
    expect(checkInToClass(yoga, 'm1', none, start + 15 * MIN - 1, rules).outcome).toBe('checked_in');
  });

  it('refuses at the instant the window closes (exclusive), saying when it closed', () => {
    expect(checkInToClass(yoga, 'm1', none, start + 15 * MIN, rules)).toEqual({
      outcome: 'too_late', offline: false, entryId: 'yoga', closedAt: start + 15 * MIN,
    });
  });

  it('refuses a second check-in within the same class', () => {
    const r = checkInToClass(yoga, 'm1', { checkedIn: ['m1'], reserved: [] }, start, rules);
    expect(r).toEqual({ outcome: 'already_checked_in', offline: false, entryId: 'yoga' });
  });

  it('says "already checked in" rather than "too late" to a member scanning again after the window', () => {
    expect(checkInToClass(yoga, 'm1', { checkedIn: new Set(['m1']), reserved: [] }, start + 40 * MIN, rules).outcome).toBe('already_checked_in');
  });

  it('refuses a member without a reservation when check-ins have reached the capacity', () => {
    expect(checkInToClass(yoga, 'm3', { checkedIn: ['m1', 'm2'], reserved: [] }, start, rules)).toEqual({
      outcome: 'full', offline: false, entryId: 'yoga', capacity: 2,
    });
  });

  it('lets a member with a reservation in even when the class is full', () => {
    expect(checkInToClass(yoga, 'm3', { checkedIn: ['m1', 'm2'], reserved: new Set(['m3']) }, start, rules, true)).toEqual({
      outcome: 'checked_in', offline: true, entryId: 'yoga', reserved: true,
    });
  });

  it('lets the last place go to a member without a reservation', () => {
    expect(checkInToClass(yoga, 'm2', { checkedIn: ['m1'], reserved: [] }, start, rules).outcome).toBe('checked_in');
  });

  it('never counts places for a class open to all (capacity null)', () => {
    const open = { ...yoga, capacity: null };
    const many = { checkedIn: Array.from({ length: 500 }, (_, i) => `m${i}`), reserved: [] };
    expect(checkInToClass(open, 'x', many, start, rules).outcome).toBe('checked_in');
  });

  it('refuses a cancelled class before anything else', () => {
    const off = { ...yoga, cancelled: true };
    expect(checkInToClass(off, 'm1', { checkedIn: ['m1'], reserved: [] }, start - 60 * MIN, rules)).toEqual({
      outcome: 'class_cancelled', offline: false, entryId: 'yoga',
    });
  });

  it('checks in to a class that starts just after midnight from 23:45 the day before', () => {
    const late = entry('night', '2026-11-23T16:10:00.000Z'); // 00:10 Tuesday in Shanghai
    expect(checkInToClass(late, 'm1', none, at('2026-11-23T15:45:00Z'), rules).outcome).toBe('checked_in'); // 23:45 Monday
  });

  it('follows the configured rules rather than fixed numbers', () => {
    const tight = { classCheckInOpensMinutesBefore: 5, classCheckInClosesMinutesAfter: 0 };
    expect(checkInToClass(yoga, 'm1', none, start - 10 * MIN, tight).outcome).toBe('too_early');
    expect(checkInToClass(yoga, 'm1', none, start, tight).outcome).toBe('too_late');
  });
});

describe('classesOpenNow', () => {
  const pilates = entry('pilates', '2026-11-23T10:45:00.000Z');
  const later = entry('later', '2026-11-23T12:00:00.000Z');
  const cancelled = entry('cancelled', '2026-11-23T10:30:00.000Z', { cancelled: true });
  const all = [later, pilates, cancelled, yoga];

  it('lists the classes whose window is open, by start time', () => {
    expect(classesOpenNow(all, start, rules).map((e) => e.id)).toEqual(['yoga', 'pilates']);
  });

  it('lists exactly one when only one window is open (the kiosk checks in automatically)', () => {
    expect(classesOpenNow(all, start - 20 * MIN, rules).map((e) => e.id)).toEqual(['yoga']);
  });

  it('drops a class at its closing instant and leaves cancelled ones out', () => {
    expect(classesOpenNow(all, start + 15 * MIN, rules).map((e) => e.id)).toEqual(['pilates']);
  });

  it('lists nothing between classes', () => {
    expect(classesOpenNow(all, start + 40 * MIN, rules)).toEqual([]);
  });
});

describe('shouldActOnScan', () => {
  const t0 = 1_000_000;

  it('acts on a code seen for the first time', () => {
    expect(shouldActOnScan('A', t0, new Map(), 5).act).toBe(true);
  });

  it('keeps no more than the first 512 characters of a very long text, which still counts as one code', () => {
    const long = 'x'.repeat(100_000);
    const first = shouldActOnScan(long, t0, new Map(), 5);
    expect([...first.lastSeen.keys()].map((k) => k.length)).toEqual([DEBOUNCE_KEY_MAX]);
    expect(shouldActOnScan(`${long}y`, t0 + 1_000, first.lastSeen, 5).act).toBe(false);
  });

  it('ignores the same code again within 5 seconds', () => {
    const first = shouldActOnScan('A', t0, new Map(), 5);
    expect(shouldActOnScan('A', t0 + 4_999, first.lastSeen, 5).act).toBe(false);
  });

  it('acts on the same code again exactly 5 seconds after it was last seen', () => {
    const first = shouldActOnScan('A', t0, new Map(), 5);
    expect(shouldActOnScan('A', t0 + 5_000, first.lastSeen, 5).act).toBe(true);
  });

  it('acts only once on a badge held in front of the camera, however long, until it has been away 5 s', () => {
    let lastSeen: ReadonlyMap<string, number> = new Map();
    const acts: number[] = [];
    for (let t = 0; t <= 20_000; t += 100) {
      const r = shouldActOnScan('A', t0 + t, lastSeen, 5);
      if (r.act) acts.push(t);
      lastSeen = r.lastSeen;
    }
    expect(acts).toEqual([0]);
    expect(shouldActOnScan('A', t0 + 25_000, lastSeen, 5).act).toBe(true);
  });

  it('acts at once on a different code', () => {
    const first = shouldActOnScan('A', t0, new Map(), 5);
    expect(shouldActOnScan('B', t0 + 100, first.lastSeen, 5).act).toBe(true);
  });

  it('does not change the map it is given and forgets codes older than the window', () => {
    const given = new Map([['OLD', t0 - 60_000]]);
    const r = shouldActOnScan('A', t0, given, 5);
    expect(given.size).toBe(1);
    expect([...r.lastSeen.keys()]).toEqual(['A']);
  });

  it('acts when the kiosk clock was set back, rather than staying deaf to the code', () => {
    const first = shouldActOnScan('A', t0, new Map(), 5);
    expect(shouldActOnScan('A', t0 - 60_000, first.lastSeen, 5).act).toBe(true);
  });
});
