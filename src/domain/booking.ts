import type { Rules } from './config/defaults';
import { err, ok, type Result } from './result';
import { addDays, minutesOf, zonedParts, zonedToEpoch } from './time';

// Booking a facility (DESIGN §4.4), first slice of issue 5: the slot grid and the rules a booking
// request is judged by. Pure: time, the zone and what is already booked are arguments, so the kiosk
// (from its snapshot, offline) and the hub (in the transaction that inserts) reach the same verdict.

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface BookingRules {
  readonly slotMinutes: number;
  readonly opens: string; // HH:MM, first slot's start
  readonly closes: string; // HH:MM; at or before `opens` it means the next day (a hall open past midnight)
  readonly horizonDays: number; // days offered for booking, today included (7: today and the next 6)
  readonly perDayPerKind: number;
  readonly futureMax: number;
  readonly checkInOpensMinutesBefore: number;
  readonly noShowReleaseMinutesAfter: number;
  readonly noShowsToSuspend: number;
  readonly noShowWindowDays: number;
  readonly suspensionDays: number;
}

/** The center's booking rules, with a facility kind's own overrides on top (e.g. shorter table-tennis slots). */
export function bookingRulesFor(rules: Rules, overrides: Partial<BookingRules> = {}): BookingRules {
  return {
    slotMinutes: rules.bookingSlotMinutes,
    opens: rules.bookingOpens,
    closes: rules.bookingCloses,
    horizonDays: rules.bookingHorizonDays,
    perDayPerKind: rules.bookingsPerDayPerKind,
    futureMax: rules.futureBookingsMax,
    checkInOpensMinutesBefore: rules.bookingCheckInOpensMinutesBefore,
    noShowReleaseMinutesAfter: rules.noShowReleaseMinutesAfter,
    noShowsToSuspend: rules.noShowsToSuspend,
    noShowWindowDays: rules.noShowWindowDays,
    suspensionDays: rules.suspensionDays,
    ...overrides,
  };
}

/** The center days offered for booking at `now`: today and the next horizonDays - 1. */
export function bookingDays(now: number, timeZone: string, rules: Pick<BookingRules, 'opens' | 'closes' | 'horizonDays'>): string[] {
  const today = bookingDayOf(now, timeZone, rules);
  return Array.from({ length: Math.max(1, rules.horizonDays) }, (_, i) => addDays(today, i));
}

/** What a facility kind may set for itself in facilities.json (`rules`); the rest is the center's. */
export const KIND_RULE_KEYS = ['slotMinutes', 'opens', 'closes', 'horizonDays', 'perDayPerKind', 'futureMax', 'checkInOpensMinutesBefore', 'noShowReleaseMinutesAfter'] as const;
export type KindRules = Partial<Pick<BookingRules, (typeof KIND_RULE_KEYS)[number]>>;

/** The rules one facility kind is booked by; an unknown kind gets the center's. */
export function bookingRulesOfKind(rules: Rules, kinds: readonly { readonly id: string; readonly rules?: KindRules }[], kindId: string): BookingRules {
  return bookingRulesFor(rules, kinds.find((k) => k.id === kindId)?.rules ?? {});
}

export interface Interval {
  readonly startsAt: number;
  readonly endsAt: number; // exclusive
}

/**
 * The bookable slots of a center day, back to back from opening. A slot never runs past closing: a
 * remainder shorter than a slot is not offered. Closing at or before opening means after midnight, and
 * those late slots still belong to the day they opened on (quotas count them there).
 */
export function slotsOfDay(day: string, timeZone: string, rules: Pick<BookingRules, 'slotMinutes' | 'opens' | 'closes'>): Interval[] {
  const start = zonedToEpoch(day, rules.opens, timeZone);
  const overnight = minutesOf(rules.closes) <= minutesOf(rules.opens);
  const end = zonedToEpoch(overnight ? addDays(day, 1) : day, rules.closes, timeZone);
  const slots: Interval[] = [];
  for (let t = start; t + rules.slotMinutes * MINUTE <= end; t += rules.slotMinutes * MINUTE) {
    slots.push({ startsAt: t, endsAt: t + rules.slotMinutes * MINUTE });
  }
  return slots;
}

/** The center day a slot belongs to: the day whose opening hours contain it (late slots: the day before). */
export function bookingDayOf(startsAt: number, timeZone: string, rules: Pick<BookingRules, 'opens' | 'closes'>): string {
  const { date, time } = zonedParts(startsAt, timeZone);
  const overnight = minutesOf(rules.closes) <= minutesOf(rules.opens);
  return overnight && minutesOf(time) < minutesOf(rules.opens) ? addDays(date, -1) : date;
}

/**
 * pending: taken by a kiosk, not yet decided by the hub (kiosk only); refused: the hub said no at sync;
 * block: staff closed the facility for maintenance or an event (no member).
 */
export const BOOKING_STATUSES = ['confirmed', 'pending', 'checked_in', 'cancelled', 'no_show', 'refused', 'block'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export interface MemberBooking extends Interval {
  readonly id: string;
  readonly facilityId: string;
  readonly kind: string;
  readonly status: BookingStatus;
}

export interface MemberBookingFacts {
  readonly bookings: readonly MemberBooking[];
  readonly noShowsAt: readonly number[];
  readonly suspendedUntil: number | null;
  /** the membership itself is suspended by staff (not a no-show suspension): no booking until lifted */
  readonly memberSuspended?: boolean;
}

/** Bookings that hold a place: the ones that count against quotas and block the slot (the kiosk's and the hub's; a lifted block holds none). */
export const holdsPlace = (s: BookingStatus | 'block_lifted') => s === 'confirmed' || s === 'pending' || s === 'checked_in' || s === 'block';

export const BOOKING_REFUSALS = ['not_a_slot', 'past', 'beyond_horizon', 'slot_taken', 'quota_day', 'quota_future', 'suspended', 'member_suspended'] as const;
export type BookingRefusal = (typeof BOOKING_REFUSALS)[number];

export interface Refused {
  readonly code: BookingRefusal;
  /** when the rule will allow it, where that helps the worker (a day opening for booking, a suspension ending) */
  readonly allowsAt?: number;
}

export interface BookingRequest {
  readonly facilityId: string;
  readonly kind: string;
  readonly startsAt: number;
}

/** Two times overlap when each starts before the other ends (a slot ending at 10:00 and one starting then do not). */
export const overlaps = (a: Interval, b: Interval) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

/**
 * Judges a booking request. The order gives the most useful answer first: a slot that does not exist,
 * is over or is not bookable yet says nothing about the member; a suspension comes before quotas (no
 * booking helps); a taken slot comes last, because the member can pick another one at once.
 */
export function decideBooking(
  req: BookingRequest,
  facts: MemberBookingFacts,
  taken: readonly Interval[],
  now: number,
  timeZone: string,
  rules: BookingRules,
): Result<Interval, Refused> {
  const day = bookingDayOf(req.startsAt, timeZone, rules);
  const slot = slotsOfDay(day, timeZone, rules).find((s) => s.startsAt === req.startsAt);
  if (!slot) return err({ code: 'not_a_slot' });
  if (slot.startsAt <= now) return err({ code: 'past' });
  const today = bookingDayOf(now, timeZone, rules);
  if (day > addDays(today, rules.horizonDays - 1)) {
    // the day becomes bookable at the start of the center day horizonDays - 1 before it
    return err({ code: 'beyond_horizon', allowsAt: zonedToEpoch(addDays(day, 1 - rules.horizonDays), '00:00', timeZone) });
  }
  if (facts.memberSuspended) return err({ code: 'member_suspended' });
  if (facts.suspendedUntil !== null && now < facts.suspendedUntil) return err({ code: 'suspended', allowsAt: facts.suspendedUntil });
  const held = facts.bookings.filter((b) => holdsPlace(b.status));
  const sameDayKind = held.filter((b) => b.kind === req.kind && bookingDayOf(b.startsAt, timeZone, rules) === day);
  if (sameDayKind.length >= rules.perDayPerKind) return err({ code: 'quota_day' });
  const future = held.filter((b) => b.startsAt > now);
  if (future.length >= rules.futureMax) return err({ code: 'quota_future', allowsAt: Math.min(...future.map((b) => b.endsAt)) });
  if (taken.some((t) => overlaps(t, slot))) return err({ code: 'slot_taken' });
  return ok(slot);
}

export type CancelRefusal = 'not_cancellable' | 'started';

/** A booking can be cancelled by its member until it starts; after that it is checked in or a no-show. */
export function decideCancel(b: MemberBooking, now: number): Result<true, CancelRefusal> {
  if (b.status !== 'confirmed' && b.status !== 'pending') return err('not_cancellable');
  return now < b.startsAt ? ok(true) : err('started');
}

export type BookingCheckInRefusal = 'not_checkable' | 'too_early' | 'too_late';

/** Check-in to a booking: from checkInOpensMinutesBefore its start until it is released as a no-show. */
export function decideBookingCheckIn(b: MemberBooking, now: number, rules: BookingRules): Result<true, { readonly code: BookingCheckInRefusal; readonly allowsAt?: number }> {
  if (b.status !== 'confirmed' && b.status !== 'pending') return err({ code: 'not_checkable' });
  const opensAt = b.startsAt - rules.checkInOpensMinutesBefore * MINUTE;
  if (now < opensAt) return err({ code: 'too_early', allowsAt: opensAt });
  if (now >= b.startsAt + rules.noShowReleaseMinutesAfter * MINUTE) return err({ code: 'too_late' });
  return ok(true);
}

/** Confirmed bookings nobody checked in to by noShowReleaseMinutesAfter their start: released as no-shows. */
export function dueNoShows(bookings: readonly MemberBooking[], now: number, rules: BookingRules): MemberBooking[] {
  return bookings.filter((b) => b.status === 'confirmed' && now >= b.startsAt + rules.noShowReleaseMinutesAfter * MINUTE);
}

/**
 * After a no-show at `now`: suspended until when, or null. noShowsToSuspend no-shows within the last
 * noShowWindowDays (this one included) suspend booking for suspensionDays from now.
 */
export function suspensionAfter(noShowsAt: readonly number[], now: number, rules: BookingRules): number | null {
  const recent = noShowsAt.filter((t) => t <= now && now - t < rules.noShowWindowDays * DAY);
  return recent.length >= rules.noShowsToSuspend ? now + rules.suspensionDays * DAY : null;
}

const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // no 0/O, 1/I: read aloud at a counter

/**
 * The short code a worker is shown and staff look a booking up by: 6 characters from the booking id
 * (the kiosk's event id, a UUIDv7 whose tail is random), so kiosk and hub derive the same code offline.
 */
export function bookingCode(id: string): string {
  // hex digits only: any id gives a code (a staff block's, a test's), never an exception
  const hex = id.toLowerCase().replace(/[^0-9a-f]/g, '').slice(-12);
  let n = BigInt(`0x${hex || '0'}`);
  let code = '';
  for (let i = 0; i < 6; i++) {
    code = CODE_ALPHABET[Number(n % 32n)]! + code;
    n /= 32n;
  }
  return code;
}
