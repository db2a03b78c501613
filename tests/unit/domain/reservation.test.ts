import { describe, expect, it } from 'vitest';
import {
  decideReserve, decideReserveCancel, duePromotions, placesUsed, waitlistOf, waitlistPosition, type Reservation,
} from '../../../src/domain/reservation';
import type { ScheduleEntry } from '../../../src/domain/schedule';

// Class places (DESIGN §4.4, issue 5): every rule of src/domain/reservation.ts with time as an argument.

const MIN = 60_000;

function entry(id: string, extra: Partial<ScheduleEntry> = {}): ScheduleEntry {
  // Yoga at 18:30 Shanghai (10:30Z) on Monday 23 November 2026, 2 places
  return {
    id, category: 'fitness', title: { 'zh-CN': id, en: id }, startsAt: '2026-11-23T10:30:00.000Z', endsAt: '2026-11-23T11:30:00.000Z',
    room: 'activity-room', instructor: '', capacity: 2, placesLeft: 2, cancelled: false, ...extra,
  };
}

const yoga = entry('yoga');
const start = Date.parse(yoga.startsAt);
const before = start - 3 * 60 * MIN;

let n = 0;
const res = (memberId: string, status: Reservation['status'], at: number, extra: Partial<Reservation> = {}): Reservation =>
  ({ id: `r${String(++n).padStart(3, '0')}`, entryId: 'yoga', memberId, status, at, ...extra });

describe('waitlistOf and waitlistPosition', () => {
  const list = [
    res('m1', 'reserved', before),
    res('m4', 'waitlisted', before + 3 * MIN),
    res('m2', 'waitlisted', before + 1 * MIN),
    res('m9', 'waitlisted', before, { entryId: 'pilates' }),
    { id: 'r900', entryId: 'yoga', memberId: 'm3', status: 'waitlisted' as const, at: before + 2 * MIN },
    { id: 'r800', entryId: 'yoga', memberId: 'm5', status: 'waitlisted' as const, at: before + 2 * MIN },
  ];

  it('lists only the entry’s waiting members, earliest request first and ties by id, whatever the input order', () => {
    expect(waitlistOf(list, 'yoga').map((r) => r.memberId)).toEqual(['m2', 'm5', 'm3', 'm4']);
    expect(waitlistOf([...list].reverse(), 'yoga').map((r) => r.memberId)).toEqual(['m2', 'm5', 'm3', 'm4']);
    expect(waitlistOf(list, 'pilates').map((r) => r.memberId)).toEqual(['m9']);
    expect(waitlistOf(list, 'boxing')).toEqual([]);
  });

  it('gives a 1-based position to a waiting member and null to one holding a place or not there', () => {
    expect(waitlistPosition(list, 'yoga', 'm2')).toBe(1);
    expect(waitlistPosition(list, 'yoga', 'm4')).toBe(4);
    expect(waitlistPosition(list, 'yoga', 'm1')).toBeNull();
    expect(waitlistPosition(list, 'yoga', 'm9')).toBeNull();
    expect(waitlistPosition(list, 'pilates', 'm9')).toBe(1);
  });
});

describe('placesUsed', () => {
  it('counts reserved places and walk-ins of the entry, a reserved member who checked in once', () => {
    const list = [res('m1', 'reserved', before), res('m2', 'reserved', before), res('m3', 'waitlisted', before), res('m4', 'reserved', before, { entryId: 'pilates' })];
    expect(placesUsed(list, 'yoga', [])).toBe(2);
    expect(placesUsed(list, 'yoga', ['m1'])).toBe(2);
    expect(placesUsed(list, 'yoga', ['m1', 'w1', 'w2'])).toBe(4);
    expect(placesUsed(list, 'yoga', new Set(['w1']))).toBe(3);
    expect(placesUsed([], 'yoga', [])).toBe(0);
  });
});

describe('decideReserve', () => {
  it('gives a place while places are left, counting walk-ins', () => {
    expect(decideReserve(yoga, 'm1', [], [], before)).toEqual({ ok: true, value: { status: 'reserved' } });
    expect(decideReserve(yoga, 'm2', [res('m1', 'reserved', before)], [], before)).toEqual({ ok: true, value: { status: 'reserved' } });
    expect(decideReserve(yoga, 'm2', [res('m1', 'reserved', before)], ['w1'], before)).toEqual({ ok: true, value: { status: 'waitlisted', position: 1 } });
  });

  it('puts the member at the end of the waitlist with its position when the class is full', () => {
    const full = [res('m1', 'reserved', before), res('m2', 'reserved', before), res('m3', 'waitlisted', before + MIN), res('m4', 'waitlisted', before + 2 * MIN)];
    expect(decideReserve(yoga, 'm5', full, [], before + 3 * MIN)).toEqual({ ok: true, value: { status: 'waitlisted', position: 3 } });
  });

  it('waitlists behind those already waiting even when a place is free, so nobody jumps the queue before the promotion', () => {
    const freed = [res('m1', 'reserved', before), res('m3', 'waitlisted', before + MIN)];
    expect(decideReserve(yoga, 'm5', freed, [], before + 2 * MIN)).toEqual({ ok: true, value: { status: 'waitlisted', position: 2 } });
  });

  it('waitlists everyone for a class with capacity 0', () => {
    expect(decideReserve(entry('yoga', { capacity: 0 }), 'm1', [], [], before)).toEqual({ ok: true, value: { status: 'waitlisted', position: 1 } });
  });

  it('refuses a member who already holds or waits for a place in the class, but not one holding a place in another', () => {
    const list = [res('m1', 'reserved', before), res('m2', 'waitlisted', before), res('m3', 'reserved', before, { entryId: 'pilates' })];
    expect(decideReserve(yoga, 'm1', list, [], before)).toEqual({ ok: false, error: 'already_reserved' });
    expect(decideReserve(yoga, 'm2', list, [], before)).toEqual({ ok: false, error: 'already_waitlisted' });
    expect(decideReserve(yoga, 'm3', list, [], before)).toEqual({ ok: true, value: { status: 'waitlisted', position: 2 } });
  });

  it('refuses a place to a member already checked in (the window opens before the start), full or not', () => {
    expect(decideReserve(yoga, 'm1', [], ['m1'], before)).toEqual({ ok: false, error: 'already_checked_in' });
    expect(decideReserve(yoga, 'm9', [res('m2', 'reserved', before)], ['m1', 'm9'], before)).toEqual({ ok: false, error: 'already_checked_in' });
  });

  it('refuses from the start of the class on, not a millisecond before', () => {
    expect(decideReserve(yoga, 'm1', [], [], start - 1).ok).toBe(true);
    expect(decideReserve(yoga, 'm1', [], [], start)).toEqual({ ok: false, error: 'class_started' });
    expect(decideReserve(yoga, 'm1', [], [], start + 90 * MIN)).toEqual({ ok: false, error: 'class_started' });
  });

  it('refuses a cancelled class before anything else, and a class without a capacity limit (anyone may come)', () => {
    const cancelled = entry('yoga', { cancelled: true });
    expect(decideReserve(cancelled, 'm1', [res('m1', 'reserved', before)], [], start + MIN)).toEqual({ ok: false, error: 'class_cancelled' });
    expect(decideReserve(entry('yoga', { capacity: null }), 'm1', [], [], before)).toEqual({ ok: false, error: 'no_reservation_needed' });
    expect(decideReserve(entry('yoga', { capacity: null }), 'm1', [], [], start)).toEqual({ ok: false, error: 'class_started' });
  });
});

describe('decideReserveCancel', () => {
  const list = [res('m1', 'reserved', before), res('m2', 'waitlisted', before), res('m3', 'reserved', before, { entryId: 'pilates' })];

  it('gives up a place or a waitlist place until the start, answering the reservation given up', () => {
    expect(decideReserveCancel(yoga, 'm1', list, start - 1)).toEqual({ ok: true, value: list[0] });
    expect(decideReserveCancel(yoga, 'm2', list, before)).toEqual({ ok: true, value: list[1] });
  });

  it('refuses once the class has started, and for a member without a place in this class', () => {
    expect(decideReserveCancel(yoga, 'm1', list, start)).toEqual({ ok: false, error: 'class_started' });
    expect(decideReserveCancel(yoga, 'm3', list, before)).toEqual({ ok: false, error: 'not_reserved' });
    expect(decideReserveCancel(yoga, 'm9', [], start + MIN)).toEqual({ ok: false, error: 'not_reserved' });
  });
});

describe('duePromotions', () => {
  const waiting = [res('m3', 'waitlisted', before + 2 * MIN), res('m4', 'waitlisted', before + 1 * MIN), res('m5', 'waitlisted', before + 3 * MIN)];

  it('gives each free place to the first waiting, in waitlist order', () => {
    const list = [res('m1', 'reserved', before), ...waiting];
    expect(duePromotions(yoga, list, [], before).map((r) => r.memberId)).toEqual(['m4']);
    expect(duePromotions(entry('yoga', { capacity: 3 }), list, [], before).map((r) => r.memberId)).toEqual(['m4', 'm3']);
    expect(duePromotions(entry('yoga', { capacity: 10 }), list, [], before).map((r) => r.memberId)).toEqual(['m4', 'm3', 'm5']);
  });

  it('promotes nobody while the class is full or over capacity, walk-ins counted', () => {
    expect(duePromotions(yoga, [res('m1', 'reserved', before), ...waiting], ['w1'], before)).toEqual([]);
    expect(duePromotions(yoga, [res('m1', 'reserved', before), res('m2', 'reserved', before), ...waiting], ['w1'], before)).toEqual([]);
  });

  it('promotes nobody from the start on, for a cancelled class or one without a capacity limit', () => {
    expect(duePromotions(yoga, waiting, [], start - 1)).toHaveLength(2);
    expect(duePromotions(yoga, waiting, [], start)).toEqual([]);
    expect(duePromotions(entry('yoga', { cancelled: true }), waiting, [], before)).toEqual([]);
    expect(duePromotions(entry('yoga', { capacity: null }), waiting, [], before)).toEqual([]);
  });
});
