import { describe, expect, it } from 'vitest';
import {
  bookingCode, bookingDayOf, bookingDays, bookingRulesFor, decideBooking, decideBookingCheckIn, decideCancel, dueNoShows, slotsOfDay, suspensionAfter,
  type MemberBooking, type MemberBookingFacts,
} from '../../../src/domain/booking';
import { RULE_DEFAULTS, type Rules } from '../../../src/domain/config/defaults';

const TZ = 'Asia/Shanghai';
const at = (local: string) => Date.parse(`${local}+08:00`);
const rules = bookingRulesFor(RULE_DEFAULTS as Rules);
const none: MemberBookingFacts = { bookings: [], noShowsAt: [], suspendedUntil: null };
const NOW = at('2026-11-23T09:10:00');
const booking = (startLocal: string, over: Partial<MemberBooking> = {}): MemberBooking => ({
  id: startLocal, facilityId: 'court-1', kind: 'badminton', status: 'confirmed', startsAt: at(startLocal), endsAt: at(startLocal) + 3_600_000, ...over,
});
const req = (startLocal: string, kind = 'badminton') => ({ facilityId: 'court-1', kind, startsAt: at(startLocal) });

describe('slot grid', () => {
  it('lays hour slots from 08:00 with the last one ending at closing, 22:00', () => {
    const slots = slotsOfDay('2026-11-23', TZ, rules);
    expect(slots).toHaveLength(14);
    expect(slots[0]!.startsAt).toBe(at('2026-11-23T08:00:00'));
    expect(slots.at(-1)!.endsAt).toBe(at('2026-11-23T22:00:00'));
  });

  it('offers no slot that would run past closing', () => {
    const slots = slotsOfDay('2026-11-23', TZ, { slotMinutes: 90, opens: '08:00', closes: '22:00' });
    expect(slots.at(-1)!.startsAt).toBe(at('2026-11-23T20:00:00'));
    expect(slots.at(-1)!.endsAt).toBe(at('2026-11-23T21:30:00'));
  });

  it('runs a hall open past midnight into the next day and files those slots under the day it opened', () => {
    const late = { ...rules, opens: '18:00', closes: '01:00' };
    const slots = slotsOfDay('2026-11-23', TZ, late);
    expect(slots.map((s) => s.startsAt).at(-1)).toBe(at('2026-11-24T00:00:00'));
    expect(bookingDayOf(at('2026-11-24T00:00:00'), TZ, late)).toBe('2026-11-23');
    expect(bookingDayOf(at('2026-11-24T18:00:00'), TZ, late)).toBe('2026-11-24');
  });

  it("takes a facility kind's own slot length over the center's", () => {
    expect(bookingRulesFor(RULE_DEFAULTS as Rules, { slotMinutes: 30 }).slotMinutes).toBe(30);
  });
});

describe('booking a slot', () => {
  it('books a free future slot', () => {
    const r = decideBooking(req('2026-11-23T19:00:00'), none, [], NOW, TZ, rules);
    expect(r).toEqual({ ok: true, value: { startsAt: at('2026-11-23T19:00:00'), endsAt: at('2026-11-23T20:00:00') } });
  });

  it('refuses a time that is not a slot start, and the slot after closing', () => {
    expect(decideBooking(req('2026-11-23T19:30:00'), none, [], NOW, TZ, rules)).toMatchObject({ ok: false, error: { code: 'not_a_slot' } });
    expect(decideBooking(req('2026-11-23T22:00:00'), none, [], NOW, TZ, rules)).toMatchObject({ ok: false, error: { code: 'not_a_slot' } });
  });

  it('refuses a slot that has started', () => {
    expect(decideBooking(req('2026-11-23T09:00:00'), none, [], NOW, TZ, rules)).toMatchObject({ ok: false, error: { code: 'past' } });
  });

  it('books the last day of the horizon and says when the day after opens for booking', () => {
    // 7 days offered: today (the 23rd) and the next 6
    expect(decideBooking(req('2026-11-29T21:00:00'), none, [], NOW, TZ, rules).ok).toBe(true);
    const r = decideBooking(req('2026-11-30T08:00:00'), none, [], NOW, TZ, rules);
    expect(r).toEqual({ ok: false, error: { code: 'beyond_horizon', allowsAt: at('2026-11-24T00:00:00') } });
    expect(bookingDays(NOW, TZ, rules)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
  });

  it('refuses a member whose membership is suspended before any quota, with no date to wait for', () => {
    expect(decideBooking(req('2026-11-23T19:00:00'), { ...none, memberSuspended: true }, [], NOW, TZ, rules)).toEqual({ ok: false, error: { code: 'member_suspended' } });
  });

  it('refuses a suspended member and says when the suspension ends', () => {
    const until = at('2026-12-01T09:00:00');
    const r = decideBooking(req('2026-11-23T19:00:00'), { ...none, suspendedUntil: until }, [], NOW, TZ, rules);
    expect(r).toEqual({ ok: false, error: { code: 'suspended', allowsAt: until } });
    expect(decideBooking(req('2026-11-23T19:00:00'), { ...none, suspendedUntil: NOW }, [], NOW, TZ, rules).ok).toBe(true);
  });

  it('refuses a second booking of the same kind the same day, but not of another kind or once cancelled', () => {
    const facts = { ...none, bookings: [booking('2026-11-23T12:00:00')] };
    expect(decideBooking(req('2026-11-23T19:00:00'), facts, [], NOW, TZ, rules)).toMatchObject({ ok: false, error: { code: 'quota_day' } });
    expect(decideBooking(req('2026-11-23T19:00:00', 'table-tennis'), facts, [], NOW, TZ, rules).ok).toBe(true);
    const cancelled = { ...none, bookings: [booking('2026-11-23T12:00:00', { status: 'cancelled' })] };
    expect(decideBooking(req('2026-11-23T19:00:00'), cancelled, [], NOW, TZ, rules).ok).toBe(true);
  });

  it('refuses a third future booking and says when the first of them is over', () => {
    const facts = { ...none, bookings: [booking('2026-11-24T10:00:00'), booking('2026-11-25T10:00:00', { kind: 'table-tennis' })] };
    const r = decideBooking(req('2026-11-26T10:00:00'), facts, [], NOW, TZ, rules);
    expect(r).toEqual({ ok: false, error: { code: 'quota_future', allowsAt: at('2026-11-24T11:00:00') } });
  });

  it('refuses a slot someone else holds, and one a maintenance block overlaps', () => {
    const mine = at('2026-11-23T19:00:00');
    expect(decideBooking(req('2026-11-23T19:00:00'), none, [{ startsAt: mine, endsAt: mine + 3_600_000 }], NOW, TZ, rules))
      .toMatchObject({ ok: false, error: { code: 'slot_taken' } });
    expect(decideBooking(req('2026-11-23T19:00:00'), none, [{ startsAt: mine - 1_800_000, endsAt: mine + 60_000 }], NOW, TZ, rules))
      .toMatchObject({ ok: false, error: { code: 'slot_taken' } });
    expect(decideBooking(req('2026-11-23T19:00:00'), none, [{ startsAt: mine - 3_600_000, endsAt: mine }], NOW, TZ, rules).ok).toBe(true);
  });
});

describe('after booking', () => {
  const b = booking('2026-11-23T19:00:00');

  it('cancels until the start, not after', () => {
    expect(decideCancel(b, at('2026-11-23T18:59:00')).ok).toBe(true);
    expect(decideCancel(b, at('2026-11-23T19:00:00'))).toEqual({ ok: false, error: 'started' });
    expect(decideCancel({ ...b, status: 'checked_in' }, at('2026-11-23T18:00:00'))).toEqual({ ok: false, error: 'not_cancellable' });
  });

  it('checks in from 15 min before the start until 15 min after, and says when it opens', () => {
    expect(decideBookingCheckIn(b, at('2026-11-23T18:40:00'), rules)).toEqual({ ok: false, error: { code: 'too_early', allowsAt: at('2026-11-23T18:45:00') } });
    expect(decideBookingCheckIn(b, at('2026-11-23T18:45:00'), rules).ok).toBe(true);
    expect(decideBookingCheckIn(b, at('2026-11-23T19:14:59'), rules).ok).toBe(true);
    expect(decideBookingCheckIn(b, at('2026-11-23T19:15:00'), rules)).toMatchObject({ ok: false, error: { code: 'too_late' } });
  });

  it('releases a confirmed booking nobody checked in to 15 min after its start, and only that one', () => {
    const list = [b, booking('2026-11-23T20:00:00'), { ...booking('2026-11-23T18:00:00'), status: 'checked_in' as const }];
    expect(dueNoShows(list, at('2026-11-23T19:14:00'), rules)).toEqual([]);
    expect(dueNoShows(list, at('2026-11-23T19:15:00'), rules).map((x) => x.id)).toEqual(['2026-11-23T19:00:00']);
  });

  it('suspends booking for 14 days after a second no-show within 30 days, not after two 31 days apart', () => {
    const second = at('2026-11-23T19:15:00');
    expect(suspensionAfter([second - 29 * 86_400_000, second], second, rules)).toBe(second + 14 * 86_400_000);
    expect(suspensionAfter([second - 31 * 86_400_000, second], second, rules)).toBeNull();
    expect(suspensionAfter([second], second, rules)).toBeNull();
  });
});

describe('booking code', () => {
  it('derives the same six unambiguous characters from a booking id wherever it is computed', () => {
    const id = '019a8b2e-7c41-7d2a-9f3e-5b6c7d8e9f01';
    expect(bookingCode(id)).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
    expect(bookingCode(id)).toBe(bookingCode(id.toUpperCase().toLowerCase()));
    expect(bookingCode(id)).not.toBe(bookingCode('019a8b2e-7c41-7d2a-9f3e-5b6c7d8e9f02'));
    expect(bookingCode(id.toUpperCase())).toBe(bookingCode(id));
    expect(bookingCode('not-an-id')).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
  });
});
