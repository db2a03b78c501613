import { err, ok, type Result } from './result';
import type { ScheduleEntry } from './schedule';

// Class places (DESIGN §4.4, issue 5): reserve while places are left, else join the waitlist; a freed
// place goes to the first waiting. Pure, so the kiosk (offline, from its snapshot and its own queue)
// and the hub (in the transaction that stores the reservation, and on its promotion timer) agree.

export type ReservationStatus = 'reserved' | 'waitlisted';

/** An active reservation or waitlist place of one member for one class entry. */
export interface Reservation {
  readonly id: string;
  readonly entryId: string;
  readonly memberId: string;
  readonly status: ReservationStatus;
  /** when it was asked for: the waitlist's order (then the id, so every side orders ties alike) */
  readonly at: number;
}

export const RESERVE_REFUSALS = ['class_cancelled', 'class_started', 'no_reservation_needed', 'already_checked_in', 'already_reserved', 'already_waitlisted'] as const;
export type ReserveRefusal = (typeof RESERVE_REFUSALS)[number];

export type ReserveDecision =
  | { readonly status: 'reserved' }
  | { readonly status: 'waitlisted'; readonly position: number };

const byQueueOrder = (a: Reservation, b: Reservation) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Waiting members of one entry, first first. */
export function waitlistOf(reservations: readonly Reservation[], entryId: string): Reservation[] {
  return reservations.filter((r) => r.entryId === entryId && r.status === 'waitlisted').sort(byQueueOrder);
}

/** 1-based place on the waitlist, or null when the member is not waiting. */
export function waitlistPosition(reservations: readonly Reservation[], entryId: string, memberId: string): number | null {
  const i = waitlistOf(reservations, entryId).findIndex((r) => r.memberId === memberId);
  return i < 0 ? null : i + 1;
}

/**
 * Places in use for an entry: reserved places, and members checked in without a reservation
 * (walk-ins). `checkedIn` lists member ids checked in to the entry.
 */
export function placesUsed(reservations: readonly Reservation[], entryId: string, checkedIn: Iterable<string>): number {
  const used = new Set(reservations.filter((r) => r.entryId === entryId && r.status === 'reserved').map((r) => r.memberId));
  for (const m of checkedIn) used.add(m);
  return used.size;
}

/**
 * A member asks for a place in a class. Refused when the class is cancelled or has started, when it has
 * no capacity limit (anyone may just come), when the member is in already (checked in early, within the
 * window before the start), or when the member already holds or waits for a place;
 * else a place while one is left, or the end of the waitlist.
 */
export function decideReserve(
  entry: ScheduleEntry,
  memberId: string,
  reservations: readonly Reservation[],
  checkedIn: Iterable<string>,
  now: number,
): Result<ReserveDecision, ReserveRefusal> {
  if (entry.cancelled) return err('class_cancelled');
  if (now >= Date.parse(entry.startsAt)) return err('class_started');
  if (entry.capacity === null) return err('no_reservation_needed');
  if ([...checkedIn].includes(memberId)) return err('already_checked_in');
  const mine = reservations.find((r) => r.entryId === entry.id && r.memberId === memberId);
  if (mine) return err(mine.status === 'reserved' ? 'already_reserved' : 'already_waitlisted');
  const waiting = waitlistOf(reservations, entry.id);
  if (waiting.length === 0 && placesUsed(reservations, entry.id, checkedIn) < entry.capacity) return ok({ status: 'reserved' });
  return ok({ status: 'waitlisted', position: waiting.length + 1 });
}

export type ReserveCancelRefusal = 'not_reserved' | 'class_started';

/** A place or a waitlist place can be given up until the class starts. */
export function decideReserveCancel(entry: ScheduleEntry, memberId: string, reservations: readonly Reservation[], now: number): Result<Reservation, ReserveCancelRefusal> {
  const mine = reservations.find((r) => r.entryId === entry.id && r.memberId === memberId);
  if (!mine) return err('not_reserved');
  if (now >= Date.parse(entry.startsAt)) return err('class_started');
  return ok(mine);
}

/**
 * Waiting reservations that now get a place, first first, while places are left (a cancellation, a
 * raised capacity). Nobody is promoted once the class has started: the place is then free for walk-ins.
 */
export function duePromotions(entry: ScheduleEntry, reservations: readonly Reservation[], checkedIn: Iterable<string>, now: number): Reservation[] {
  if (entry.cancelled || entry.capacity === null || now >= Date.parse(entry.startsAt)) return [];
  const free = entry.capacity - placesUsed(reservations, entry.id, checkedIn);
  return free > 0 ? waitlistOf(reservations, entry.id).slice(0, free) : [];
}
