import { holdsPlace, slotsOfDay, type BookingRules, type Interval } from '../../../domain/booking';
import type { Snapshot } from '../../../domain/protocol';
import type { LocalizedText } from '../../../domain/text';
import { zonedParts } from '../../../domain/time';
import type { KnownBooking } from './booking-knowledge';

// The Book screen's pure part (issue 5): which facility kinds can be booked here, which days, and the
// slot grid of one kind on one day. Time, the zone and what is booked are arguments, so a test (and the
// week benchmark) derives any grid without a clock or a DOM.

export type SlotState = 'free' | 'taken' | 'yours' | 'pending' | 'blocked' | 'past';
export const SLOT_STATES: readonly SlotState[] = ['free', 'taken', 'yours', 'pending', 'blocked', 'past'];

export interface SlotCell extends Interval {
  readonly facilityId: string;
  /** HH:MM of the start in the center's zone: what the worker reads, and the slot's test id */
  readonly time: string;
  readonly state: SlotState;
}

export interface SlotRow {
  readonly facilityId: string;
  readonly name: LocalizedText;
  readonly cells: readonly SlotCell[];
}

export interface SlotGrid {
  readonly kindId: string;
  readonly day: string;
  readonly rows: readonly SlotRow[];
  /** free cells in the grid: "nothing free this day" when 0 */
  readonly free: number;
}

export interface BookKind {
  readonly id: string;
  readonly name: LocalizedText;
  readonly facilities: number;
}

type Facility = Snapshot['facilities'][number];

/** Bookable kinds that have at least one facility, in the center's order. */
export function deriveBookKinds(snapshot: Pick<Snapshot, 'facilityKinds' | 'facilities'> | null): BookKind[] {
  if (!snapshot) return [];
  return snapshot.facilityKinds.flatMap((k) => {
    const count = snapshot.facilities.filter((f) => f.kind === k.id).length;
    return k.bookable && count > 0 ? [{ id: k.id, name: k.name, facilities: count }] : [];
  });
}

/**
 * One cell's state. A slot that has started is past whatever holds it (it cannot be booked); otherwise
 * what overlaps it decides, the most telling first: a staff block, the member's own booking, one the
 * hub has not decided yet, anybody else's.
 */
export function deriveSlotState(slot: Interval, held: readonly KnownBooking[], memberId: string | null, now: number): SlotState {
  if (slot.startsAt <= now) return 'past';
  const over = held.filter((b) => b.startsAt < slot.endsAt && slot.startsAt < b.endsAt);
  if (over.length === 0) return 'free';
  if (over.some((b) => b.status === 'block')) return 'blocked';
  if (memberId !== null && over.some((b) => b.memberId === memberId)) return 'yours';
  if (over.some((b) => b.status === 'pending')) return 'pending';
  return 'taken';
}

export interface SlotGridInput {
  readonly facilities: readonly Facility[];
  readonly kindId: string;
  readonly day: string;
  readonly bookings: readonly KnownBooking[];
  /** the member identified at this screen (their bookings show as theirs), or null */
  readonly memberId: string | null;
  readonly now: number;
  readonly timeZone: string;
  readonly rules: BookingRules;
}

/**
 * The grid of one kind on one day: a row per facility of the kind, a cell per slot. The slots of the
 * day are computed once and shared by every row; bookings are grouped by facility once, so a week of
 * grids stays linear in slots plus bookings.
 */
export function deriveSlotGrid(i: SlotGridInput): SlotGrid {
  const slots = slotsOfDay(i.day, i.timeZone, i.rules);
  const times = slots.map((s) => zonedParts(s.startsAt, i.timeZone).time);
  const facilities = i.facilities.filter((f) => f.kind === i.kindId);
  const ids = new Set(facilities.map((f) => f.id));
  const dayStart = slots[0]?.startsAt ?? 0;
  const dayEnd = slots.at(-1)?.endsAt ?? 0;
  const byFacility = new Map<string, KnownBooking[]>();
  for (const b of i.bookings) {
    if (!ids.has(b.facilityId) || !holdsPlace(b.status) || b.endsAt <= dayStart || b.startsAt >= dayEnd) continue;
    const list = byFacility.get(b.facilityId);
    if (list) list.push(b);
    else byFacility.set(b.facilityId, [b]);
  }
  let free = 0;
  const rows = facilities.map((f) => {
    const held = byFacility.get(f.id) ?? [];
    const cells = slots.map((s, n): SlotCell => {
      const state = deriveSlotState(s, held, i.memberId, i.now);
      if (state === 'free') free++;
      return { facilityId: f.id, startsAt: s.startsAt, endsAt: s.endsAt, time: times[n]!, state };
    });
    return { facilityId: f.id, name: f.name, cells };
  });
  return { kindId: i.kindId, day: i.day, rows, free };
}
