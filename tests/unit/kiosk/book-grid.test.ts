import { describe, expect, it } from 'vitest';
import { bookingRulesFor, bookingRulesOfKind } from '../../../src/domain/booking';
import { RULE_DEFAULTS } from '../../../src/domain/config/defaults';
import { deriveBookingKnowledge } from '../../../src/kiosk/state/book/booking-knowledge';
import { deriveBookKinds, deriveSlotGrid, type SlotGrid } from '../../../src/kiosk/state/book/book-grid';
import { TOMORROW, TZ, at, facilities, facilityKinds, hubBooking, iso } from './book-fixture';
import { snapshot } from '../../fixtures/snapshot';

const RULES = bookingRulesFor(RULE_DEFAULTS);
const NOW = at('2026-05-12', '14:00');

function grid(bookings: Parameters<typeof hubBooking>[0][], over: { day?: string; memberId?: string | null; now?: number; kindId?: string } = {}): SlotGrid {
  const snap = snapshot({ facilities, facilityKinds, bookings: bookings.map(hubBooking) });
  const kindId = over.kindId ?? 'badminton';
  return deriveSlotGrid({
    facilities, kindId, day: over.day ?? TOMORROW, bookings: deriveBookingKnowledge(snap, []).bookings, memberId: over.memberId ?? null,
    now: over.now ?? NOW, timeZone: TZ, rules: bookingRulesOfKind(RULE_DEFAULTS, facilityKinds, kindId),
  });
}
const state = (g: SlotGrid, facilityId: string, time: string) => g.rows.find((r) => r.facilityId === facilityId)?.cells.find((c) => c.time === time)?.state;

describe('slot grid of one kind on one day', () => {
  it('has a row per facility of the kind and a cell per slot from opening to the last slot before closing, all free', () => {
    const g = grid([]);
    expect(g.rows.map((r) => r.facilityId)).toEqual(['badminton-1', 'badminton-2']);
    expect(g.rows[0]!.cells.map((c) => c.time)).toEqual(['08:00', '09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00', '17:00', '18:00', '19:00', '20:00', '21:00']);
    expect(g.rows[0]!.cells[2]).toMatchObject({ startsAt: at(TOMORROW, '10:00'), endsAt: at(TOMORROW, '11:00'), state: 'free' });
    expect(g.free).toBe(28);
  });

  it("uses the kind's own slot length: a room's 120-minute slots", () => {
    const g = grid([], { kindId: 'room' });
    expect(g.rows.map((r) => r.facilityId)).toEqual(['activity-room']);
    expect(g.rows[0]!.cells.map((c) => c.time)).toEqual(['08:00', '10:00', '12:00', '14:00', '16:00', '18:00', '20:00']);
  });

  it("marks another member's booking taken, the member's own yours, an undecided one pending, on that court only", () => {
    const b = (time: string, over = {}) => ({ facilityId: 'badminton-1', startsAt: iso(at(TOMORROW, time)), endsAt: iso(at(TOMORROW, time) + 3_600_000), ...over });
    const snap = snapshot({ facilities, facilityKinds, bookings: [hubBooking(b('10:00')), hubBooking(b('11:00', { memberId: '42' }))] });
    const pending = { kind: 'booking' as const, id: '019a8b2e-7c41-7d2a-9f3e-00000000aaaa', at: NOW, memberId: '7', facilityId: 'badminton-1', facilityKind: 'badminton', startsAt: at(TOMORROW, '12:00'), endsAt: at(TOMORROW, '13:00') };
    const g = deriveSlotGrid({ facilities, kindId: 'badminton', day: TOMORROW, bookings: deriveBookingKnowledge(snap, [pending]).bookings, memberId: '42', now: NOW, timeZone: TZ, rules: RULES });
    expect(['10:00', '11:00', '12:00', '13:00'].map((t) => state(g, 'badminton-1', t))).toEqual(['taken', 'yours', 'pending', 'free']);
    expect(state(g, 'badminton-2', '10:00')).toBe('free');
    expect(g.free).toBe(28 - 3);
  });

  it('shows a staff block over every slot it touches as closed, and cancelled or refused bookings as free', () => {
    const g = grid([
      { facilityId: 'badminton-2', startsAt: iso(at(TOMORROW, '09:30')), endsAt: iso(at(TOMORROW, '11:00')), memberId: null, status: 'block' },
      { facilityId: 'badminton-1', startsAt: iso(at(TOMORROW, '10:00')), endsAt: iso(at(TOMORROW, '11:00')), status: 'cancelled', cancelledBy: 'member' },
      { facilityId: 'badminton-1', startsAt: iso(at(TOMORROW, '11:00')), endsAt: iso(at(TOMORROW, '12:00')), status: 'refused', refusal: 'slot_taken' },
    ]);
    expect(['08:00', '09:00', '10:00', '11:00'].map((t) => state(g, 'badminton-2', t))).toEqual(['free', 'blocked', 'blocked', 'free']);
    expect(['10:00', '11:00'].map((t) => state(g, 'badminton-1', t))).toEqual(['free', 'free']);
  });

  it('keeps a hall open past midnight on its opening day: the late slots run into the next date and a booking there shows', () => {
    const late = bookingRulesFor(RULE_DEFAULTS, { opens: '18:00', closes: '02:00' });
    const next = '2026-05-14';
    const snap = snapshot({ facilities, facilityKinds, bookings: [hubBooking({ facilityId: 'badminton-1', startsAt: iso(at(next, '00:30')), endsAt: iso(at(next, '01:30')) })] });
    const g = deriveSlotGrid({ facilities, kindId: 'badminton', day: TOMORROW, bookings: deriveBookingKnowledge(snap, []).bookings, memberId: null, now: NOW, timeZone: TZ, rules: late });
    const cells = g.rows[0]!.cells;
    expect(cells.map((c) => c.time)).toEqual(['18:00', '19:00', '20:00', '21:00', '22:00', '23:00', '00:00', '01:00']);
    expect(cells.at(-1)).toMatchObject({ startsAt: at(next, '01:00'), endsAt: at(next, '02:00'), state: 'taken' });
    expect(cells.slice(-3).map((c) => c.state)).toEqual(['free', 'taken', 'taken']);
  });

  it('marks slots that have started as past, even a taken one, and the rest of today by what holds them', () => {
    const today = '2026-05-12';
    const g = grid([{ facilityId: 'badminton-1', startsAt: iso(at(today, '13:00')), endsAt: iso(at(today, '14:00')) }], { day: today });
    expect(['13:00', '14:00', '15:00'].map((t) => state(g, 'badminton-1', t))).toEqual(['past', 'past', 'free']);
    expect(g.free).toBe(2 * 7); // 15:00 … 21:00 on both courts
  });
});

describe('kinds offered at the Book screen', () => {
  it('lists bookable kinds that have a facility, in the center order, with how many', () => {
    const kinds = deriveBookKinds({ facilityKinds: [...facilityKinds, { id: 'pool', name: { 'zh-CN': '泳池', en: 'Pool' }, bookable: true }], facilities });
    expect(kinds.map((k) => [k.id, k.facilities])).toEqual([['badminton', 2], ['room', 1]]);
    expect(deriveBookKinds(null)).toEqual([]);
  });
});

describe('speed', () => {
  it('derives a week of grids for 40 facilities with a booking in every other slot well within a frame budget per day', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ id: `court-${i}`, kind: 'badminton', name: { 'zh-CN': `${i}`, en: `${i}` } }));
    const days = Array.from({ length: 7 }, (_, i) => `2026-05-${String(12 + i).padStart(2, '0')}`);
    const bookings = many.flatMap((f) => days.flatMap((d) => ['08:00', '10:00', '12:00', '14:00', '16:00', '18:00', '20:00'].map((t) =>
      hubBooking({ facilityId: f.id, startsAt: iso(at(d, t)), endsAt: iso(at(d, t) + 3_600_000) }))));
    const known = deriveBookingKnowledge(snapshot({ facilities: many, facilityKinds, bookings }), []).bookings;
    const started = performance.now();
    const grids = days.map((day) => deriveSlotGrid({ facilities: many, kindId: 'badminton', day, bookings: known, memberId: null, now: NOW, timeZone: TZ, rules: RULES }));
    const ms = performance.now() - started;
    expect(grids[1]!.free).toBe(40 * 7);
    expect(ms / 7).toBeLessThan(50);
  });
});
